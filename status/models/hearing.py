"""STA-4 (p.9-1): preliminary refusal, hearing, postponement — shared by assignment and extension.

`HearingFields` holds the data; `hearing_transitions(...)` builds fresh transition methods for one case
model (django-fsm binds a transition method to one model's field, so each model gets its own copies).
"""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from kandas.fsm import condition, role_permission
from kandas.roles import Role

from .choices import HearingOutcome, NoticeChannel


def iso_date(day) -> str | None:
    """Dates in a signed snapshot are ISO strings (the snapshot is JSON)."""
    return day.isoformat() if day else None


class HearingFields(models.Model):
    remarks = models.TextField(_("motivated remarks"), blank=True)
    notice_channel = models.CharField(_("notice sent via"), max_length=10, choices=NoticeChannel.choices, blank=True)
    notice_sent_on = models.DateField(_("notice sent on"), null=True, blank=True)
    hearing_at = models.DateTimeField(_("hearing time"), null=True, blank=True)
    hearing_place = models.CharField(_("hearing place or method"), max_length=255, blank=True)
    postponement_reason = models.TextField(_("valid reason for postponement"), blank=True)
    postponement_document = models.ForeignKey("kandas.Document", on_delete=models.SET_NULL, null=True, blank=True,
                                              related_name="+", verbose_name=_("supporting document"))
    postponed_until = models.DateField(_("reason ends on"), null=True, blank=True)
    hearing_outcome = models.CharField(_("hearing outcome"), max_length=10, choices=HearingOutcome.choices, blank=True)
    hearing_minutes = models.TextField(_("hearing minutes"), blank=True)
    refusal_grounds = models.JSONField(_("refusal grounds"), default=list, blank=True)
    refusal_motivation = models.TextField(_("motivation of the refusal"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        abstract = True

    def refusal_grounds_display(self) -> list[str]:
        from .choices import RefusalGround

        labels = dict(RefusalGround.choices)
        return [f"{code}) {labels.get(code, code)}" for code in self.refusal_grounds]


@condition(_("the hearing upheld the preliminary refusal"))
def hearing_upheld_refusal(case) -> bool:
    return case.hearing_outcome == HearingOutcome.REFUSED


@condition(_("the scheduled hearing time has come (the outcome is recorded after the hearing)"))
def hearing_time_reached(case) -> bool:
    return case.hearing_at is None or case.hearing_at <= timezone.now()


def hearing_transitions(State, *, notice_from):
    """The four STA-4 transitions for a model whose states include HEARING, HEARING_POSTPONED, HEARD."""

    @transition(field="state", source=notice_from, target=State.HEARING,
                permission=role_permission(Role.MIO_SPECIALIST), custom={"label": _("Notify a preliminary refusal")})
    def notify_preliminary_refusal(self, *, remarks, channel, sent_on, hearing_at, place):
        self.remarks, self.notice_channel, self.notice_sent_on = remarks, channel, sent_on
        self.hearing_at, self.hearing_place = hearing_at, place

    @transition(field="state", source=State.HEARING, target=State.HEARING_POSTPONED,
                permission=role_permission(Role.MIO_SPECIALIST), custom={"label": _("Postpone the hearing")})
    def postpone_hearing(self, *, reason, document, until):
        self.postponement_reason, self.postponement_document, self.postponed_until = reason, document, until

    @transition(field="state", source=State.HEARING_POSTPONED, target=State.HEARING,
                permission=role_permission(Role.MIO_SPECIALIST), custom={"label": _("Reschedule the hearing")})
    def reschedule_hearing(self, *, hearing_at, place):
        self.hearing_at, self.hearing_place = hearing_at, place

    @transition(field="state", source=State.HEARING, target=State.HEARD, conditions=[hearing_time_reached],
                permission=role_permission(Role.MIO_SPECIALIST), custom={"label": _("Record the hearing")})
    def record_hearing(self, *, outcome, minutes):
        self.hearing_outcome, self.hearing_minutes = outcome, minutes

    @transition(field="state", source=State.HEARD, target=State.REFUSED, conditions=[hearing_upheld_refusal],
                permission=role_permission(Role.MIO_HEAD), custom={"label": _("Sign the refusal")})
    def refuse(self, *, grounds, motivation):
        self.refusal_grounds, self.refusal_motivation = list(grounds), motivation
        self.decided_on = timezone.localdate()

    return notify_preliminary_refusal, postpone_hearing, reschedule_hearing, record_hearing, refuse
