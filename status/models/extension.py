"""The application for extension of kandas status (app.6) and its state machine (STA-8, STA-4)."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from kandas.fsm import condition, role_permission
from kandas.models import CaseBase
from kandas.roles import Role

from ..rules import STATUS_RULES
from .choices import Channel, HearingOutcome
from .hearing import HearingFields, iso_date, hearing_transitions


class ExtensionState(models.TextChoices):
    REGISTERED = "registered", _("registered")
    HEARING = "hearing", _("preliminary refusal notified, hearing scheduled")
    HEARING_POSTPONED = "hearing_postponed", _("hearing postponed")
    HEARD = "heard", _("hearing held")
    EXTENDED = "extended", _("status extended")
    REFUSED = "refused", _("refused")


@condition(_("the status has not been extended before (p.19: once)"))
def not_extended_before(case) -> bool:
    return not StatusExtension.objects.filter(
        application_id=case.application_id, state=ExtensionState.EXTENDED).exclude(pk=case.pk).exists()


@condition(_("the hearing accepted the application"))
def not_refused_at_hearing(case) -> bool:
    return case.state != ExtensionState.HEARD or case.hearing_outcome == HearingOutcome.ACCEPTED


class StatusExtension(HearingFields, CaseBase):
    """STA-8: once, for not more than six months from the current expiry (DOMAIN Decisions 13)."""

    RULES = STATUS_RULES
    REF_PREFIX = "STX"
    scope_region_fields = ("region",)
    scope_organisation_fields = ("filed_by_organisation",)

    state = FSMField(_("state"), default=ExtensionState.REGISTERED, choices=ExtensionState.choices,
                     protected=True, db_index=True)
    application = models.ForeignKey("status.StatusApplication", on_delete=models.PROTECT, related_name="extensions",
                                    verbose_name=_("assignment of the status"))
    applicant = models.ForeignKey("kandas.Person", on_delete=models.PROTECT, related_name="status_extensions",
                                  verbose_name=_("applicant"))
    channel = models.CharField(_("filed via"), max_length=12, choices=Channel.choices)
    filed_by_organisation = models.ForeignKey("kandas.Organisation", on_delete=models.PROTECT, null=True,
                                              blank=True, related_name="+", verbose_name=_("accepted by"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("submitted by (external system)"))
    reason = models.TextField(_("reason for the extension"), blank=True)
    current_until = models.DateField(_("status valid until (when filed)"))
    requested_until = models.DateField(_("extension requested until"))
    extended_until = models.DateField(_("extended until"), null=True, blank=True)
    govcorp_sent_on = models.DateField(_("decision sent to the State Corporation on"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["state", "version", "updated_at"])

    SIGNATURE_PURPOSE_LABELS = {
        "extension_decision": _("decision on extending kandas status (app.4)"),
        "refusal": _("motivated refusal to extend kandas status"),
    }

    class Meta:
        ordering = ["-filed_on", "-pk"]
        verbose_name = _("application for extension of kandas status")
        verbose_name_plural = _("applications for extension of kandas status")

    def get_absolute_url(self):
        return reverse("status:extension_detail", args=[self.pk])

    def signature_snapshot(self, purpose: str) -> dict:
        return {
            **super().signature_snapshot(purpose),
            "applicant": self.applicant.full_name, "iin": self.applicant.iin or "",
            "assignment": self.application.ref, "current_until": iso_date(self.current_until),
            "extended_until": iso_date(self.extended_until), "refusal_grounds": list(self.refusal_grounds),
            "refusal_motivation": self.refusal_motivation, "decided_on": iso_date(self.decided_on),
        }

    (notify_preliminary_refusal, postpone_hearing, reschedule_hearing, record_hearing,
     refuse) = hearing_transitions(ExtensionState, notice_from=[ExtensionState.REGISTERED])

    @transition(field=state, source=[ExtensionState.REGISTERED, ExtensionState.HEARD], target=ExtensionState.EXTENDED,
                conditions=[not_extended_before, not_refused_at_hearing],
                permission=role_permission(Role.MIO_HEAD), custom={"label": _("Sign the extension decision")})
    def extend(self, *, until):
        self.extended_until, self.decided_on = until, timezone.localdate()
