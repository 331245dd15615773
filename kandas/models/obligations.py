"""Periodic obligations: what an organisation owes once per period (a monthly report by the 5th, the
yearly list of localities before 15 December). The kinds are registered in code (kandas.obligations);
the generator writes one row per organisation and period."""
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _, pgettext_lazy
from simple_history.models import HistoricalRecords

from .casework import Deadline, TransitionLog
from .geography import Region
from .organisations import Organisation


class ObligationState(models.TextChoices):
    OPEN = "open", _("to be fulfilled")
    DONE = "done", _("fulfilled")
    CANCELLED = "cancelled", pgettext_lazy("obligation", "cancelled")


class Obligation(models.Model):
    """One obligation of one organisation for one period; a `Deadline` (fixed calendar date, CAL-3) runs
    on it, so it shows in "My work" and the sweep flags it."""

    scope_region_fields = ("region",)
    scope_organisation_fields = ("organisation",)

    ref = models.CharField(_("number"), max_length=40, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    rule = models.CharField(_("rule"), max_length=20)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="obligations",
                                     verbose_name=_("organisation"))
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("region"))
    period = models.CharField(_("period"), max_length=10, help_text=_("2026-11, 2026-Q3 or 2026."))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due = models.DateField(_("due"), db_index=True)
    state = models.CharField(_("state"), max_length=10, choices=ObligationState.choices,
                             default=ObligationState.OPEN, db_index=True)
    done_at = models.DateTimeField(_("fulfilled at"), null=True, blank=True)
    done_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("fulfilled by"))
    result_ref = models.CharField(_("result"), max_length=60, blank=True)
    result_url = models.CharField(_("link to the result"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    deadlines = GenericRelation(Deadline, content_type_field="case_type", object_id_field="case_id")
    transition_logs = GenericRelation(TransitionLog, content_type_field="case_type", object_id_field="case_id")
    history = HistoricalRecords()

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("periodic obligation")
        verbose_name_plural = _("periodic obligations")
        constraints = [models.UniqueConstraint(fields=["kind", "organisation", "period"],
                                               name="obligation_once_per_period")]
        indexes = [models.Index(fields=["organisation", "state", "due"])]

    def __str__(self):
        return f"{self.ref} {self.kind_label} {self.period}"

    def save(self, *args, **kwargs):
        if not self.ref:
            from ..casenumbers import case_ref_next

            self.ref = case_ref_next("OBL", self.period_start)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("kandas:obligation_detail", args=[self.pk])

    @property
    def kind_spec(self):
        from ..obligations import obligation_kind

        return obligation_kind(self.kind)

    @property
    def kind_label(self) -> str:
        spec = self.kind_spec
        return str(spec.label) if spec else self.kind
