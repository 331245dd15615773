"""QUO-11 (p.23–27): complaints about a quota decision or action."""
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from kandas.fsm import role_permission
from kandas.models import CaseBase
from kandas.roles import Role

from ..rules import QUOTA_RULES

MIO = role_permission(Role.MIO_SPECIALIST, Role.MIO_HEAD)


class ComplaintState(models.TextChoices):
    REGISTERED = "registered", _("Registered, under consideration")
    EXTENDED = "extended", _("Term extended")
    DECIDED = "decided", _("Considered")


class Complaint(CaseBase):
    class Addressee(models.TextChoices):
        HEAD = "head", _("the head of the service provider (5 working days)")
        AUTHORITY = "authority", _("the service-quality authority (15 working days)")

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("upheld")
        REJECTED = "rejected", _("rejected")

    RULES = QUOTA_RULES
    REF_PREFIX = "QCP"
    TIMELINE_LABELS = {"extension_notified": _("applicant notified of the extension")}

    application = models.ForeignKey("quota.QuotaApplication", on_delete=models.PROTECT, related_name="complaints",
                                    verbose_name=_("application"))
    state = FSMField(_("state"), default=ComplaintState.REGISTERED, choices=ComplaintState.choices, protected=True)
    addressee = models.CharField(_("addressed to"), max_length=10, choices=Addressee.choices)
    text = models.TextField(_("complaint"))
    electronic = models.BooleanField(_("filed electronically"), default=False)
    extension_reason = models.TextField(_("reason for extending the term"), blank=True)
    extended_until = models.DateField(_("extended until"), null=True, blank=True)
    extension_notified_on = models.DateField(_("applicant notified of the extension on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    outcome_text = models.TextField(_("answer to the applicant"), blank=True)
    decided_on = models.DateField(_("considered on"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        ordering = ["-filed_on", "-pk"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def get_absolute_url(self):
        return reverse("quota:application_detail", args=[self.application_id]) + f"#complaint-{self.pk}"

    @property
    def step_key(self) -> str:
        return "complaint_head" if self.addressee == self.Addressee.HEAD else "complaint_authority"

    @transition(field=state, source=ComplaintState.REGISTERED, target=ComplaintState.EXTENDED, permission=MIO,
                custom={"label": _("Extend the term")})
    def extend(self, *, until, reason):
        """QUO-11 (p.27): an extension gives its reason."""
        if not (reason or "").strip():
            raise ValidationError({"reason": _("Give the reason for the extension.")})
        self.extended_until, self.extension_reason = until, reason

    @transition(field=state, source=[ComplaintState.REGISTERED, ComplaintState.EXTENDED],
                target=ComplaintState.DECIDED, permission=MIO, custom={"label": _("Record the outcome")})
    def decide(self, *, outcome, text, on):
        self.outcome, self.outcome_text, self.decided_on = outcome, text, on
