"""What a residence case page offers and who may take it (kandas.actions): one registry per case type.

Each action names the steps it acts on (adaptation/rules.py), so only the step's holder may take it —
the MIO for "consider" (RES-5), "offer" (RES-6*, this system's service level) and "decide" (RES-9, the MIO
that issued the referral), the centre for "check_in" (RES-7),
"residence" (RES-10) and "vacate" (RES-11); the services check the same holders (kandas.transitions).
Adaptation services (ADA) register their own case types in this module when they come.
"""
from django.utils.translation import gettext_lazy as _

from kandas.actions import CaseAction, register_actions
from kandas.roles import Role

from .forms import CheckInForm, DecideForm, ProposeForm, ReasonForm, RecordForm, ReferralForm, TalonForm, VacatedForm
from .models import ResidenceApplication, ResidenceState, StayState
from .services import residence as residence_services
from .services import stay as stay_services
from .services.residence import MIO_STEPS

TALON_STATES = (ResidenceState.REGISTERED, ResidenceState.RESERVE, ResidenceState.OFFERED)
MIO_ROLES = (Role.MIO_SPECIALIST, Role.MIO_HEAD)


def _persons(case, **filters):
    return list(case.persons.filter(**filters).select_related("person"))


def _needing_talon(case):
    return [r for r in _persons(case) if r.needs_talon]


def _has_evicted(case) -> bool:
    return case.persons.filter(stay_state=StayState.EVICTED).exists()


register_actions(ResidenceApplication, url_name="adaptation:residence_act", actions=[
    CaseAction(
        "talon_record", label=_("Record the police talon"), form=TalonForm, roles=MIO_ROLES, states=TALON_STATES,
        steps=MIO_STEPS, done=_("The police talon is recorded."),
        form_kwargs=lambda case: {"persons": _needing_talon(case)},
        run=lambda actor, case, data: residence_services.talon_record(
            application_id=case.pk, actor=actor, resident_id=data["resident"], number=data["number"],
            on=data["on"], upload=data["file"])),
    # RES-3: the specialist prepares, the MIO head (whose name form app.1 prints) signs and issues.
    CaseAction(
        "referral_prepare", transition="referral_prepare", steps=MIO_STEPS,
        done=_("The referral is prepared: the MIO head signs it."),
        run=lambda actor, case, data: residence_services.referral_prepare(
            application_id=case.pk, actor=actor, seen_version=data["seen_version"])),
    CaseAction(
        "referral_issue", transition="referral_issue", form=ReferralForm, steps=MIO_STEPS, signs="referral",
        done=_("The referral is issued."),
        run=lambda actor, case, data: residence_services.referral_issue(
            application_id=case.pk, actor=actor, seen_version=data["seen_version"],
            handed_over_on=data["handed_over_on"])),
    CaseAction(
        "reserve_enter", transition="reserve_enter", steps=("consider",), done=_("The application is in the reserve."),
        run=lambda actor, case, data: residence_services.reserve_enter(
            application_id=case.pk, actor=actor, seen_version=data["seen_version"])),
    CaseAction(
        "refuse", transition="refuse", form=ReasonForm, steps=MIO_STEPS, done=_("Refused."),
        confirm=_("Refuse the application? This cannot be undone."),
        run=lambda actor, case, data: residence_services.application_refuse(
            application_id=case.pk, actor=actor, seen_version=data["seen_version"], reason=data["reason"])),
    CaseAction(
        "check_in", transition="check_in", form=CheckInForm, steps=("check_in",), done=_("The family is checked in."),
        run=lambda actor, case, data: residence_services.check_in(
            application_id=case.pk, actor=actor, seen_version=data["seen_version"],
            house_rules_acknowledged=data["house_rules_acknowledged"])),
    CaseAction(
        "residence_record", label=_("Record"), form=RecordForm, roles=(Role.ACC_STAFF,),
        states=stay_services.LIVING, steps=("residence",), done=_("Recorded."),
        form_kwargs=lambda case: {"persons": _persons(case)},
        run=lambda actor, case, data: stay_services.residence_record(
            application_id=case.pk, actor=actor, kind=data["kind"], note=data["note"], person_id=data["person"])),
    CaseAction(
        "termination_propose", transition="termination_propose", form=ProposeForm, steps=("residence",),
        done=_("The proposal is sent to the MIO."),
        form_kwargs=lambda case: {"residents": _persons(case, stay_state=StayState.RESIDING)},
        run=lambda actor, case, data: stay_services.termination_propose(
            application_id=case.pk, actor=actor, seen_version=data["seen_version"], violation=data["violation"],
            member_id=data["member"])),
    CaseAction(
        "termination_decide", transition="termination_decide", form=DecideForm, steps=("decide",),
        signs="termination", done=_("The decision is signed."),
        run=lambda actor, case, data: stay_services.termination_decide(
            application_id=case.pk, actor=actor, seen_version=data["seen_version"], decision=data["decision"],
            reason=data["reason"])),
    CaseAction(
        "member_vacated", label=_("A family member left the room"), form=VacatedForm, roles=(Role.ACC_STAFF,),
        states=(ResidenceState.RESIDING,), when=_has_evicted, steps=("vacate",), done=_("Recorded."),
        form_kwargs=lambda case: {"evicted": _persons(case, stay_state=StayState.EVICTED)},
        run=lambda actor, case, data: stay_services.member_vacated(
            application_id=case.pk, actor=actor, resident_id=data["resident"])),
    CaseAction(
        "check_out", transition="check_out", steps=("vacate",), done=_("The room is vacated."),
        confirm=_("The family has vacated the room and handed in the bedding?"),
        run=lambda actor, case, data: stay_services.check_out(
            application_id=case.pk, actor=actor, seen_version=data["seen_version"])),
])
