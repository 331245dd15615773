"""Term tables (GEN-1): terms the seeds leave to other standards, edited by administrators with the date
each row comes into force (e.g. ADA-14's service terms per plan service, Decisions 10)."""
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, gettext_lazy as _
from simple_history.models import HistoricalRecords

from .casework import Unit


class TermRow(models.Model):
    """One term of one table from a date on. A change is a new row with a later `effective_from`: the row
    in force on a given date never changes, so a term looked up for an earlier date stays what it was."""

    TERM_UNITS = (Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.MONTHS, Unit.YEARS)

    table = models.CharField(_("table"), max_length=40, db_index=True,
                             help_text=_("The table's code, e.g. ADA-14 (plan services)."))
    key = models.CharField(_("key"), max_length=60, help_text=_("The term's code inside the table."))
    label_ru = models.CharField(_("name (Russian)"), max_length=255)
    label_kk = models.CharField(_("name (Kazakh)"), max_length=255)
    label_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    length = models.PositiveIntegerField(_("length"))
    unit = models.CharField(_("unit"), max_length=10, choices=[(u.value, u.label) for u in TERM_UNITS],
                            default=Unit.WORKING_DAYS)
    effective_from = models.DateField(_("in force from"))
    source = models.CharField(_("source"), max_length=255, blank=True,
                              help_text=_("The standard or order that sets the term."))
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["table", "key", "-effective_from"]
        verbose_name = _("term table row")
        verbose_name_plural = _("term tables")
        constraints = [models.UniqueConstraint(fields=["table", "key", "effective_from"], name="term_row_once")]

    def __str__(self):
        return f"{self.table} {self.key}: {self.length} {self.get_unit_display()} ({self.effective_from:%d.%m.%Y})"

    @property
    def label(self) -> str:
        """The name in the active language (Russian when a translation is missing)."""
        code = (get_language() or "ru").split("-")[0]
        return {"kk": self.label_kk, "en": self.label_en}.get(code) or self.label_ru

    def clean(self):
        if self.unit not in self.TERM_UNITS:
            raise ValidationError({"unit": _("A term table holds lengths, not fixed calendar dates.")})
