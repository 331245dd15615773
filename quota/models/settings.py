"""QUO-6 settings the seeds do not carry: the settlers' application period of p.12 sub.4 of the voluntary
relocation rules (order 234 of 22.06.2023), which 002 p.14 refers to but the seeds do not include.

Default: no row — applications are accepted all year. The system does not invent a period it cannot cite;
the administrator enters the period from order 234 (with its source) and it applies to applications filed
from `effective_from` on. A change is a new row with a later `effective_from` (GEN-1: the row in force on the
filing day decides, an earlier filing keeps its answer)."""
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SettlerApplicationPeriod(models.Model):
    """The days of the year on which settlers may apply (002 p.14 → order 234 p.12 sub.4), from a date on."""

    effective_from = models.DateField(_("in force from"))
    starts_month = models.PositiveSmallIntegerField(_("period starts: month"))
    starts_day = models.PositiveSmallIntegerField(_("period starts: day"))
    ends_month = models.PositiveSmallIntegerField(_("period ends: month"))
    ends_day = models.PositiveSmallIntegerField(_("period ends: day"))
    source = models.CharField(_("source"), max_length=255,
                              help_text=_("The order and paragraph that set the period (order 234, p.12 sub.4)."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("settlers' application period")
        verbose_name_plural = _("settlers' application periods")
        constraints = [models.UniqueConstraint(fields=["effective_from"], name="settler_period_once")]

    def __str__(self):
        return f"{self.starts_day:02d}.{self.starts_month:02d}–{self.ends_day:02d}.{self.ends_month:02d}"

    def clean(self):
        for month, day, field in ((self.starts_month, self.starts_day, "starts_day"),
                                  (self.ends_month, self.ends_day, "ends_day")):
            try:
                datetime.date(2024, month or 0, day or 0)  # a leap year: 29.02 is a valid day
            except (TypeError, ValueError):
                raise ValidationError({field: _("Not a day of the year.")}) from None

    def contains(self, day: datetime.date) -> bool:
        """Whether `day` is inside the period (a period may run over the new year, e.g. 01.11–31.01)."""
        start, end, d = (self.starts_month, self.starts_day), (self.ends_month, self.ends_day), (day.month, day.day)
        return start <= d <= end if start <= end else d >= start or d <= end

    @classmethod
    def in_force_on(cls, day: datetime.date) -> "SettlerApplicationPeriod | None":
        return cls.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
