from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .geography import localised


class CalendarDay(models.Model):
    """CAL-2: an exception to the Monday–Friday week. The table wins over the `holidays` package."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("public holiday")
        DAY_OFF = "day_off", _("transferred day off")
        WORKING = "working", _("working weekend day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    decree = models.CharField(_("decree reference"), max_length=255, blank=True)
    from_library = models.BooleanField(_("seeded from the holidays package"), default=False, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar exception")
        verbose_name_plural = _("working-day calendar")

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.get_kind_display()} {self.name}".strip()

    def name_for(self, language: str | None = None) -> str:
        return localised(self, language)

    @property
    def name(self) -> str:
        """The holiday's name in the reader's language (kandas.models.geography.localised)."""
        return self.name_for()

    @property
    def is_working(self) -> bool:
        return self.kind == self.Kind.WORKING
