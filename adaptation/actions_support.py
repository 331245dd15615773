"""What the page of an application for adaptation services offers, and who may take it (kandas.actions):
each action names the steps it acts on, so only the organisation holding the step acts (Decisions 2)."""
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kandas.actions import CaseAction, register_actions
from kandas.roles import Role

from . import forms_support as f
from .models import SupportApplication, SupportState
from .services import chain, relocation, visits

CC_ROLES = (Role.CC_SPECIALIST, Role.CC_DIRECTOR)


def _sv(data):
    return data.get("seen_version")


def _open_visit(case):
    return case.visits.filter(ended_on__isnull=True).order_by("-pk").first()


def _visit_waiting_plan(case):
    return case.visits.filter(ended_on__isnull=False, plan_formed_on__isnull=True).order_by("pk").first()


def _kw(case):
    return {"case": case}


register_actions(SupportApplication, url_name="adaptation:support_act", actions=[
    CaseAction("copies", label=_("Record the paper copies received"), form=f.CopiesForm, form_kwargs=_kw,
               roles=CC_ROLES, states=(SupportState.REGISTERED, SupportState.REWORK), steps=("recheck",),
               when=lambda case: bool(case.copies_missing()),
               run=lambda actor, case, data: chain.support_copies_receive(
                   actor=actor, application_id=case.pk, copy_ids=[int(c) for c in data["copies"]],
                   seen_version=_sv(data))),
    CaseAction("submit", transition="submit", steps=("recheck",), signs="application",
               run=lambda actor, case, data: chain.support_submit(actor=actor, application_id=case.pk,
                                                                  seen_version=_sv(data))),
    CaseAction("lmc_sign", transition="lmc_sign", steps=("exit_lmc",), signs="lmc_check",
               run=lambda actor, case, data: chain.support_lmc_sign(actor=actor, application_id=case.pk,
                                                                    seen_version=_sv(data))),
    CaseAction("lmc_return", transition="lmc_return", steps=("exit_lmc",), form=f.RemarksForm,
               run=lambda actor, case, data: chain.support_lmc_return(
                   actor=actor, application_id=case.pk, remarks=data["remarks"], seen_version=_sv(data))),
    CaseAction("exit_mio_sign", transition="exit_mio_sign", steps=("exit_mio",), signs="exit_mio",
               run=lambda actor, case, data: chain.support_exit_mio_sign(actor=actor, application_id=case.pk,
                                                                         seen_version=_sv(data))),
    CaseAction("exit_mio_return", transition="exit_mio_return", steps=("exit_mio",), form=f.ExitMioRemarksForm,
               run=lambda actor, case, data: chain.support_exit_mio_return(
                   actor=actor, application_id=case.pk, remarks=data["remarks"], seen_version=_sv(data))),
    CaseAction("assign", transition="assign", steps=("settle_assign",), form=f.AssignForm, form_kwargs=_kw,
               run=lambda actor, case, data: chain.support_assign(
                   actor=actor, application_id=case.pk, specialist_id=int(data["specialist"]),
                   seen_version=_sv(data))),
    CaseAction("settlement_sign", transition="settlement_sign", steps=("settle_check",), signs="settlement_check",
               form=f.SettlementCheckForm,
               run=lambda actor, case, data: chain.support_settlement_sign(actor=actor, application_id=case.pk,
                                                                           seen_version=_sv(data))),
    CaseAction("settlement_return", transition="settlement_return", steps=("settle_check",), form=f.RemarksForm,
               run=lambda actor, case, data: chain.support_settlement_return(
                   actor=actor, application_id=case.pk, remarks=data["remarks"], seen_version=_sv(data))),
    CaseAction("lmc_contact", transition="lmc_contact", steps=("lmc_review",), form=f.ContactForm,
               run=lambda actor, case, data: chain.support_lmc_contact(
                   actor=actor, application_id=case.pk, receipt_confirmed_on=data["receipt_confirmed_on"],
                   consultation_note=data["consultation_note"], vacancies_offered=data["vacancies_offered"],
                   interested=data["interested"], seen_version=_sv(data))),
    CaseAction("route_agree", transition="route_agree", steps=("lmc_route",), form=f.RouteForm,
               run=lambda actor, case, data: chain.support_route_agree(
                   actor=actor, application_id=case.pk, vacancy=data["vacancy"], route=data["route"],
                   relocation_on=data["relocation_on"], transport=data["transport"],
                   arriving_count=data["arriving_count"], seen_version=_sv(data))),
    CaseAction("cc_accept", transition="cc_accept", steps=("cc_accept",), form=f.PlanDraftForm,
               run=lambda actor, case, data: chain.support_cc_accept(
                   actor=actor, application_id=case.pk, plan_draft=data["plan_draft"], seen_version=_sv(data))),
    CaseAction("visit_announce", label=_("Record the announced preliminary visit"), form=f.VisitAnnounceForm,
               form_kwargs=_kw, roles=CC_ROLES, states=(SupportState.CC_WORKING,), steps=("job_search",),
               when=lambda case: _open_visit(case) is None,
               run=lambda actor, case, data: visits.visit_announce(
                   actor=actor, application_id=case.pk, arrival_on=data["arrival_on"], centre_id=int(data["centre"]))),
    CaseAction("visit_record", label=_("Record the places visited"), form=f.VisitRecordForm, roles=CC_ROLES,
               states=(SupportState.CC_WORKING,), steps=("job_search",),
               when=lambda case: _open_visit(case) is not None,
               run=lambda actor, case, data: visits.visit_record(
                   actor=actor, visit_id=_open_visit(case).pk, places=data["places"], ended_on=data["ended_on"])),
    CaseAction("visit_plan", label=_("Form the individual plan after the visit"), form=f.VisitPlanForm,
               roles=CC_ROLES, steps=("visit_plan",), when=lambda case: _visit_waiting_plan(case) is not None,
               run=lambda actor, case, data: visits.visit_plan_form(
                   actor=actor, visit_id=_visit_waiting_plan(case).pk, plan_note=data["plan_note"],
                   on=timezone.localdate())),
    CaseAction("final_decide", transition="final_decide", steps=("job_search",), form=f.FinalDecisionForm,
               run=lambda actor, case, data: relocation.support_final_decide(
                   actor=actor, application_id=case.pk, relocation_on=data["relocation_on"],
                   transport=data["transport"], employer=data["employer"], position=data["position"],
                   labour_contract=data["labour_contract"], housing_requested=data["housing_requested"],
                   seen_version=_sv(data))),
    CaseAction("job_refuse", transition="job_refuse", steps=("job_search",), form=f.ReasonForm,
               run=lambda actor, case, data: chain.support_job_refused(
                   actor=actor, application_id=case.pk, reason=data["reason"], seen_version=_sv(data))),
    CaseAction("no_job", transition="no_job", steps=("job_search",), form=f.ReasonForm,
               run=lambda actor, case, data: chain.support_no_job(
                   actor=actor, application_id=case.pk, reason=data["reason"], seen_version=_sv(data))),
    CaseAction("unemployment_sign", transition="unemployment_sign", steps=("unemployed_draft",),
               signs="unemployment_draft",
               run=lambda actor, case, data: chain.support_unemployment_sign(actor=actor, application_id=case.pk,
                                                                             seen_version=_sv(data))),
    CaseAction("quota_file", transition="quota_file", steps=("quota_file",), form=f.QuotaFileForm,
               confirm=_("File the regional quota application with the settlement MIO on the kandas' behalf?"),
               run=lambda actor, case, data: relocation.support_quota_file(
                   actor=actor, application_id=case.pk, status_9_1=data["status_9_1"], seen_version=_sv(data))),
    CaseAction("relocate", transition="relocate", steps=("arrival",), form=f.RelocateForm, form_kwargs=_kw,
               run=lambda actor, case, data: relocation.support_relocate(
                   actor=actor, application_id=case.pk, arrived_on=data["arrived_on"], met_at=data["met_at"],
                   temporary_housing=data["temporary_housing"], registration_kind=data["registration_kind"],
                   registered_on=data["registered_on"],
                   registration_centre_id=int(data["registration_centre"]) if data["registration_centre"] else None,
                   seen_version=_sv(data))),
    CaseAction("permanent_registration", label=_("Record the permanent registration"), form=f.DateForm,
               roles=CC_ROLES, states=(SupportState.RELOCATED,), steps=("temp_registration",),
               when=lambda case: bool(case.temp_registration_until and not case.permanent_registered_on),
               run=lambda actor, case, data: relocation.support_permanent_registration(
                   actor=actor, application_id=case.pk, on=data["on"], seen_version=_sv(data))),
    CaseAction("self_migrate", transition="self_migrate", form=f.SelfMigrationForm,
               run=lambda actor, case, data: relocation.support_self_migration(
                   actor=actor, application_id=case.pk, on=data["on"], evidence=data["evidence"],
                   seen_version=_sv(data))),
])
