"""The individual plan (ADA-14, ADA-15): formed by the settlement CC per family member from app.1, each item
due a term after the quota inclusion date (term table ADA-14, Decisions 10), agreed with the kandas, approved
with EDS by the settlement LMC head, loaded within 1 working day of the approval."""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy, ngettext

from kandas.deadlines import deadline_close, deadline_compute, deadline_open
from kandas.models import Unit
from kandas.roles import Role, user_has_role
from kandas.rules import Step
from kandas.scoping import user_organisation
from kandas.signing import signature_create
from kandas.terms import TermNotFound, term_in_force, term_step
from kandas.transitions import case_event_log
from kandas.workdays import WorkCalendar

from ..models import AdaptationPlan, PlanItem, PlanState, SupportApplication, SupportState
from ..plan_catalogue import SERVICES, TERM_TABLE, service_applies
from . import support_orgs as orgs

PLAN_LOAD = Step(key="plan_load", rule="ADA-15", length=1, unit=Unit.WORKING_DAYS,
                 label=gettext_lazy("load the approved plan into the information system"))
SUPPORT_YEARS = 5
PLAN_STATES = (SupportState.QUOTA_FILED, SupportState.RELOCATED)


def _locked(plan_id: int) -> AdaptationPlan:
    return AdaptationPlan.objects.select_for_update().select_related("application").get(pk=plan_id)


def _require_cc(actor, app) -> None:
    if actor.is_superuser:
        return
    if not (user_has_role(actor, Role.CC_SPECIALIST, Role.CC_DIRECTOR) and user_organisation(actor) == orgs.settlement_cc(app)):
        raise PermissionDenied(_("Only the settlement career centre's specialists keep the adaptation plan."))


def _require_lmc_head(actor, app) -> None:
    if actor.is_superuser:
        return
    if not (user_has_role(actor, Role.LMC_HEAD) and user_organisation(actor) == orgs.settlement_lmc(app)):
        raise PermissionDenied(_("Only the head of the settlement labour mobility centre approves the plan."))


def inclusion_date(app: SupportApplication) -> datetime.date | None:
    """The quota inclusion date (Decisions 10): the applicant's, recorded by the quota's inclusion decision."""
    return app.applicant.quota_included_on


def plan_members(app: SupportApplication):
    """The applicant first, then each family member of app.2."""
    yield app.applicant, True
    for member in app.members.select_related("person").order_by("pk"):
        yield member.person, False


@transaction.atomic
def plan_create(*, actor, application_id: int) -> AdaptationPlan:
    """ADA-14: the items of every applicable service for every family member, each due its term (the row in
    force on the inclusion date) after the quota inclusion date."""
    app = SupportApplication.objects.select_for_update().select_related("applicant").get(pk=application_id)
    _require_cc(actor, app)
    if hasattr(app, "plan"):
        raise ValidationError(_("The application already has an adaptation plan."))
    if app.state not in PLAN_STATES:
        raise ValidationError(_("The plan is formed after the quota application is filed (the application is %(state)s).")
                              % {"state": app.get_state_display()})
    included = inclusion_date(app)
    if included is None:
        raise ValidationError(_("The kandas is not yet included in the regional quota: the plan's terms count from "
                                "the inclusion date (ADA-14)."))
    calendar = WorkCalendar.load()
    plan = AdaptationPlan.objects.create(application=app, included_on=included, created_by=actor,
                                         support_until=calendar.add_months(included, 12 * SUPPORT_YEARS))
    rows = {}
    try:
        for s in SERVICES:
            rows[s.number] = term_in_force(table=TERM_TABLE, key=s.key, on=included)
    except TermNotFound as exc:
        raise ValidationError(str(exc)) from exc
    items = []
    for person, is_applicant in plan_members(app):
        for s in SERVICES:
            if not service_applies(s, is_applicant=is_applicant, birth=person.birth_date, sex=person.sex, on=included):
                continue
            row = rows[s.number]
            due = deadline_compute(term_step(row, rule="ADA-14"), included, calendar)[0]
            items.append(PlanItem(plan=plan, person=person, service=s.number, term_row=row,
                                  term_length=row.length, term_unit=row.unit, due=due))
    PlanItem.objects.bulk_create(items)
    from .monitoring import rounds_create

    rounds_create(plan)  # ADA-19: 16 rounds over the 5 years from the inclusion date
    case_event_log(case=app, event="plan_formed", actor=actor,
                   comment=ngettext("Adaptation plan formed: %(n)d item", "Adaptation plan formed: %(n)d items",
                                    len(items)) % {"n": len(items)})
    return plan


@transaction.atomic
def plan_agree(*, actor, plan_id: int, on: datetime.date | None = None) -> AdaptationPlan:
    """ADA-15: the kandas agreed the plan (recorded by the CC)."""
    plan = _locked(plan_id)
    _require_cc(actor, plan.application)
    if plan.state != PlanState.DRAFT:
        raise ValidationError(_("The plan is already agreed."))
    if not plan.items.exists():
        raise ValidationError(_("The plan has no items."))
    plan.state, plan.agreed_on = PlanState.AGREED, on or timezone.localdate()
    plan.save(update_fields=["state", "agreed_on"])
    case_event_log(case=plan.application, event="plan_agreed", actor=actor)
    return plan


@transaction.atomic
def plan_approve(*, actor, plan_id: int, on: datetime.date | None = None) -> AdaptationPlan:
    """ADA-15: the settlement LMC head approves with EDS; loading is due within 1 working day."""
    plan = _locked(plan_id)
    app = plan.application
    _require_lmc_head(actor, app)
    if plan.state != PlanState.AGREED:
        raise ValidationError(_("The plan is approved after the kandas has agreed it."))
    on = on or timezone.localdate()
    plan.state, plan.approved_on, plan.approved_by = PlanState.APPROVED, on, actor
    plan.save(update_fields=["state", "approved_on", "approved_by"])
    signature_create(case=app, purpose="adaptation_plan", signer=actor)
    deadline_open(case=app, step=PLAN_LOAD, organisation=orgs.settlement_cc(app), start=on)
    case_event_log(case=app, event="plan_approved", actor=actor)
    return plan


@transaction.atomic
def plan_load(*, actor, plan_id: int, on: datetime.date | None = None) -> AdaptationPlan:
    """ADA-15: loaded into the system (and the mobile application): each item's deadline opens, one per item."""
    plan = _locked(plan_id)
    app = plan.application
    _require_cc(actor, app)
    if plan.state != PlanState.APPROVED:
        raise ValidationError(_("Only an approved plan is loaded."))
    on = on or timezone.localdate()
    plan.state, plan.loaded_on = PlanState.LOADED, on
    plan.save(update_fields=["state", "loaded_on"])
    deadline_close(case=app, step=PLAN_LOAD.key, on=on)
    cc = orgs.settlement_cc(app)
    for item in plan.items.select_related("term_row"):
        deadline_open(case=app, step=term_step(item.term_row, rule="ADA-14", key="plan_item"), organisation=cc,
                      subject=f"item:{item.pk}", start=plan.included_on)
    from .monitoring import rounds_deadlines_open

    rounds_deadlines_open(plan)  # ADA-19: each monitoring round is the CC's work with its due date
    case_event_log(case=app, event="plan_loaded", actor=actor)
    return plan


def plan_snapshot(plan: AdaptationPlan) -> dict:
    """What the LMC head signs: every item with its member, service and due date."""
    return {"included_on": plan.included_on.isoformat(), "support_until": plan.support_until.isoformat(),
            "items": [[i.person.iin or i.person.full_name, i.service, i.due.isoformat()]
                      for i in plan.items.select_related("person").order_by("person_id", "service")]}
