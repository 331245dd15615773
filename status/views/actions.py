"""The actions a case page offers: which form each uses, who may take it, which service it calls.

Transition actions appear when kandas.transitions.actions_available lists them (role + state +
conditions); the other actions (documents, certificate hand-out, originals, extension) name their roles
and the states they apply to.
"""
from dataclasses import dataclass, field
from typing import Callable

from django.utils.translation import gettext_lazy as _

from kandas.roles import Role, user_has_role

from .. import forms, services
from ..models import ApplicationState, ExtensionState, StatusApplication


@dataclass(frozen=True)
class Action:
    form: type
    run: Callable  # run(user, case, cleaned_data) -> case or record
    label: str = ""
    roles: tuple = ()  # only for actions that are not transitions
    states: tuple = ()
    when: Callable | None = None  # extra condition on the case (non-transition actions)
    done: str = field(default=_("Done."))


def _v(data):
    return data.get("seen_version")


APPLICATION_ACTIONS = {
    "send_to_commission": Action(forms.CommentForm, lambda u, c, d: services.application_send_to_commission(
        actor=u, application_id=c.pk, seen_version=_v(d), comment=d["comment"])),
    "recommend": Action(forms.RecommendForm, lambda u, c, d: services.application_recommend(
        actor=u, application_id=c.pk, outcome=d["outcome"], protocol_number=d["protocol_number"],
        protocol_date=d["protocol_date"], video_reference=d["video_reference"], remarks=d["remarks"],
        seen_version=_v(d))),
    "assign": Action(forms.CommentForm, lambda u, c, d: services.application_assign(
        actor=u, application_id=c.pk, seen_version=_v(d), comment=d["comment"])),
    "record_arrival": Action(forms.ArrivalForm, lambda u, c, d: services.application_arrival_record(
        actor=u, application_id=c.pk, arrival_date=d["arrival_date"], seen_version=_v(d))),
    "attach_document": Action(forms.DocumentAttachForm, lambda u, c, d: services.application_document_attach(
        actor=u, application_id=c.pk, person_id=d["person"], kind=d["kind"], file=d["file"], number=d["number"]),
        label=_("Attach a document"), roles=(Role.MIO_SPECIALIST, Role.GOVCORP_OPERATOR, Role.MISSION_OFFICER),
        states=(ApplicationState.REGISTERED,)),
    "hand_out_certificate": Action(forms.HandoutForm, lambda u, c, d: services.certificate_hand_out(
        actor=u, application_id=c.pk, recipient_document=d["recipient_document"]),
        label=_("Hand out the certificate"), roles=(Role.GOVCORP_OPERATOR,),
        states=(ApplicationState.ASSIGNED, ApplicationState.AWAITING_ARRIVAL)),
    "return_originals": Action(forms.CaseActionForm, lambda u, c, d: services.originals_return(
        actor=u, application_id=c.pk), label=_("Return the originals (the autobiography stays)"),
        roles=(Role.MIO_SPECIALIST, Role.GOVCORP_OPERATOR, Role.MISSION_OFFICER),
        states=tuple(s for s in ApplicationState.values if s != ApplicationState.REGISTERED)),
    "file_extension": Action(forms.ExtensionFileForm, lambda u, c, d: services.extension_submit(
        actor=u, application_id=c.pk, channel=d["channel"], requested_until=d["requested_until"],
        reason=d["reason"]), label=_("File an extension (app.6)"),
        roles=(Role.MIO_SPECIALIST, Role.GOVCORP_OPERATOR), states=(ApplicationState.ASSIGNED,)),
}

HEARING_ACTIONS = {
    "notify_preliminary_refusal": Action(forms.HearingNotifyForm, lambda u, c, d: services.hearing_notify(
        actor=u, case=c, remarks=d["remarks"], channel=d["channel"], hearing_at=d["hearing_at"], place=d["place"],
        seen_version=_v(d))),
    "postpone_hearing": Action(forms.HearingPostponeForm, lambda u, c, d: services.hearing_postpone(
        actor=u, case=c, reason=d["reason"], until=d["until"], document_file=d["document"], seen_version=_v(d))),
    "reschedule_hearing": Action(forms.HearingRescheduleForm, lambda u, c, d: services.hearing_reschedule(
        actor=u, case=c, hearing_at=d["hearing_at"], place=d["place"], seen_version=_v(d))),
    "record_hearing": Action(forms.HearingRecordForm, lambda u, c, d: services.hearing_record(
        actor=u, case=c, outcome=d["outcome"], minutes=d["minutes"], seen_version=_v(d))),
    "refuse": Action(forms.RefuseForm, lambda u, c, d: services.decision_refuse(
        actor=u, case=c, grounds=d["grounds"], motivation=d["motivation"], seen_version=_v(d))),
}

EXTENSION_ACTIONS = {
    "extend": Action(forms.ExtendForm, lambda u, c, d: services.extension_grant(
        actor=u, extension_id=c.pk, until=d["until"], seen_version=_v(d))),
    "send_to_govcorp": Action(forms.GovcorpSentForm, lambda u, c, d: services.extension_govcorp_send(
        actor=u, extension_id=c.pk, sent_on=d["sent_on"]), label=_("Sent to the State Corporation"),
        roles=(Role.MIO_SPECIALIST, Role.MIO_HEAD), states=(ExtensionState.EXTENDED, ExtensionState.REFUSED),
        when=lambda c: not c.govcorp_sent_on),
}


def actions_for(case) -> dict[str, Action]:
    own = APPLICATION_ACTIONS if isinstance(case, StatusApplication) else EXTENSION_ACTIONS
    return {**own, **HEARING_ACTIONS}


def extra_actions_allowed(user, case) -> list[str]:
    """Non-transition actions this user may take on this case now."""
    return [name for name, a in actions_for(case).items()
            if a.roles and case.state in a.states and (a.when is None or a.when(case))
            and user_has_role(user, *a.roles)]
