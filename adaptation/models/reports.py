"""The monthly report app.3 as submitted by a settlement CC and received by its MIO (ADA-18)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kandas.models import Obligation, Organisation


class MonthlyReport(models.Model):
    career_centre = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("career centre"))
    period = models.CharField(_("month"), max_length=7, help_text=_("2026-11"))
    obligation = models.ForeignKey(Obligation, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    rows = models.PositiveIntegerField(_("persons"))
    submitted_on = models.DateField(_("submitted on"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(_("received by the MIO on"), null=True, blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")

    class Meta:
        verbose_name = _("monthly report (app.3)")
        verbose_name_plural = _("monthly reports (app.3)")
        constraints = [models.UniqueConstraint(fields=["career_centre", "period"], name="monthly_report_once")]
