"""The actions the status case pages offer (kandas.actions): for each, its form, who may take it, the
steps it acts on (only their holder may: kandas.holders), what it signs, and the service it calls.

Steps and their holders (status/rules.py): `term` (STA-5, the MIO, from registration), `commission`
(STA-3, the region's commission for kandas, from sending), `hearing` (STA-4, the MIO, from the notice),
`extension_decision` and `extension_term` (STA-8, the MIO, from filing), `extension_forward` (STA-8 p.22,
the MIO, from the decision).
"""
from django.utils.translation import gettext_lazy as _

from kandas.actions import CaseAction, register_actions
from kandas.roles import Role

from . import forms, services
from .models import ApplicationState, ExtensionState, StatusApplication, StatusExtension
from .services.common import APPLICATION_DECISION_STEPS, EXTENSION_DECISION_STEPS


def _case(case):
    return {"case": case}


def _hearing_actions() -> list[CaseAction]:
    """STA-4: the same hearing actions on an assignment and an extension."""
    return [
        CaseAction("notify_preliminary_refusal", transition="notify_preliminary_refusal", form=forms.HearingNotifyForm,
                   form_kwargs=_case, run=lambda actor, case, data: services.hearing_notify(
                       actor=actor, case=case, remarks=data["remarks"], channel=data["channel"],
                       hearing_at=data["hearing_at"], place=data["place"], seen_version=data["seen_version"])),
        CaseAction("postpone_hearing", transition="postpone_hearing", form=forms.HearingPostponeForm, form_kwargs=_case,
                   steps=("hearing",), run=lambda actor, case, data: services.hearing_postpone(
                       actor=actor, case=case, reason=data["reason"], until=data["until"],
                       document_file=data["document"], seen_version=data["seen_version"])),
        CaseAction("reschedule_hearing", transition="reschedule_hearing", form=forms.HearingRescheduleForm,
                   form_kwargs=_case, steps=("hearing",), run=lambda actor, case, data: services.hearing_reschedule(
                       actor=actor, case=case, hearing_at=data["hearing_at"], place=data["place"],
                       seen_version=data["seen_version"])),
        CaseAction("record_hearing", transition="record_hearing", form=forms.HearingRecordForm, form_kwargs=_case,
                   steps=("hearing",), run=lambda actor, case, data: services.hearing_record(
                       actor=actor, case=case, outcome=data["outcome"], minutes=data["minutes"],
                       seen_version=data["seen_version"])),
    ]


def _refuse(steps) -> CaseAction:
    """STA-6: the motivated refusal, signed with the MIO head's EDS (STA-4 p.9-1)."""
    return CaseAction("refuse", transition="refuse", form=forms.RefuseForm, form_kwargs=_case, steps=steps,
                      signs="refusal", run=lambda actor, case, data: services.decision_refuse(
                          actor=actor, case=case, grounds=data["grounds"], motivation=data["motivation"],
                          seen_version=data["seen_version"]))


register_actions(StatusApplication, url_name="status:application_act", actions=[
    CaseAction("send_to_commission", transition="send_to_commission", form=forms.CommentForm, form_kwargs=_case,
               run=lambda actor, case, data: services.application_send_to_commission(
                   actor=actor, application_id=case.pk, seen_version=data["seen_version"],
                   comment=data["comment"])),
    CaseAction("recommend", transition="recommend", form=forms.RecommendForm, form_kwargs=_case,
               steps=("commission",), run=lambda actor, case, data: services.application_recommend(
                   actor=actor, application_id=case.pk, outcome=data["outcome"],
                   protocol_number=data["protocol_number"], protocol_date=data["protocol_date"],
                   video_reference=data["video_reference"], remarks=data["remarks"],
                   seen_version=data["seen_version"])),
    *_hearing_actions(),
    CaseAction("assign", transition="assign", form=forms.CommentForm, form_kwargs=_case,
               steps=APPLICATION_DECISION_STEPS, signs="decision",
               run=lambda actor, case, data: services.application_assign(
                   actor=actor, application_id=case.pk, seen_version=data["seen_version"],
                   comment=data["comment"])),
    _refuse(APPLICATION_DECISION_STEPS),
    CaseAction("record_arrival", transition="record_arrival", form=forms.ArrivalForm, form_kwargs=_case,
               run=lambda actor, case, data: services.application_arrival_record(
                   actor=actor, application_id=case.pk, arrival_date=data["arrival_date"],
                   seen_version=data["seen_version"])),
    CaseAction("attach_document", label=_("Attach a document"), form=forms.DocumentAttachForm, form_kwargs=_case,
               roles=(Role.MIO_SPECIALIST, Role.GOVCORP_OPERATOR, Role.MISSION_OFFICER),
               states=(ApplicationState.REGISTERED,),
               run=lambda actor, case, data: services.application_document_attach(
                   actor=actor, application_id=case.pk, person_id=data["person"], kind=data["kind"],
                   file=data["file"], number=data["number"])),
    # GEN-3: consent given after registration is recorded on the case (who, when, how).
    CaseAction("record_consent", label=_("Record consent to personal data processing"), form=forms.ConsentRecordForm,
               form_kwargs=_case, roles=(Role.MIO_SPECIALIST, Role.GOVCORP_OPERATOR, Role.MISSION_OFFICER),
               states=tuple(s for s in ApplicationState.values if s not in (
                   ApplicationState.ASSIGNED, ApplicationState.REFUSED, ApplicationState.EXPIRED,
                   ApplicationState.AWAITING_ARRIVAL)),
               when=lambda case: case.consent_id is None,
               run=lambda actor, case, data: services.application_consent_record(
                   actor=actor, application_id=case.pk, method=data["method"])),
    CaseAction("hand_out_certificate", label=_("Hand out the certificate"), form=forms.HandoutForm,
               form_kwargs=_case, roles=(Role.GOVCORP_OPERATOR,),
               states=(ApplicationState.ASSIGNED, ApplicationState.AWAITING_ARRIVAL),
               run=lambda actor, case, data: services.certificate_hand_out(
                   actor=actor, application_id=case.pk, recipient_document=data["recipient_document"])),
    CaseAction("return_originals", label=_("Return the originals (the autobiography stays)"),
               roles=(Role.MIO_SPECIALIST, Role.GOVCORP_OPERATOR, Role.MISSION_OFFICER),
               states=tuple(s for s in ApplicationState.values if s != ApplicationState.REGISTERED),
               when=lambda case: not case.originals_returned_on,
               confirm=_("The originals go back to the applicant; the autobiography stays in the file. "
                         "Continue?"),
               run=lambda actor, case, data: services.originals_return(actor=actor, application_id=case.pk)),
    # The API client files extensions as the portal does (app.6); people use the page.
    CaseAction("file_extension", label=_("File an extension (app.6)"), form=forms.ExtensionFileForm,
               form_kwargs=_case, roles=(Role.MIO_SPECIALIST, Role.GOVCORP_OPERATOR, Role.API_CLIENT),
               states=(ApplicationState.ASSIGNED,),
               run=lambda actor, case, data: services.extension_submit(
                   actor=actor, application_id=case.pk, channel=data["channel"],
                   requested_until=data["requested_until"], reason=data["reason"])),
])
register_actions(StatusExtension, url_name="status:extension_act", actions=[
    *_hearing_actions(),
    CaseAction("extend", transition="extend", form=forms.ExtendForm, form_kwargs=_case,
               steps=EXTENSION_DECISION_STEPS, signs="extension_decision",
               run=lambda actor, case, data: services.extension_grant(
                   actor=actor, extension_id=case.pk, until=data["until"], seen_version=data["seen_version"])),
    _refuse(EXTENSION_DECISION_STEPS),
    CaseAction("send_to_govcorp", label=_("Sent to the State Corporation"), form=forms.GovcorpSentForm,
               form_kwargs=_case, roles=(Role.MIO_SPECIALIST, Role.MIO_HEAD),
               states=(ExtensionState.EXTENDED, ExtensionState.REFUSED), when=lambda case: not case.govcorp_sent_on,
               steps=("extension_forward",), run=lambda actor, case, data: services.extension_govcorp_send(
                   actor=actor, extension_id=case.pk, sent_on=data["sent_on"])),
])
