"""ADA-14 / ADA-15 / Decisions 10: the individual plan per family member, due dates from the quota inclusion
date on the term table, agreement, LMC approval with EDS, loading within 1 working day."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from adaptation.models import PlanState
from adaptation.services import plans
from kandas.deadlines import step_deadlines
from kandas.models import Signature, TermRow
from kandas.signing import signature_verify

from .plan_world import INCLUDED, app, filed_app, loaded_plan, english  # noqa: F401
from .support_world import family, make_family, wd, world  # noqa: F401

pytestmark = pytest.mark.django_db


def _services(plan, person):
    return set(plan.items.filter(person=person).values_list("service", flat=True))


def test_ada14_items_per_member_by_applicability(world, family, app):
    """ADA-14: the applicant gets the family services and military registration; the 9-year-old son school
    but no pre-school, no military, no job-seeker registration; the spouse no military."""
    plan = plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    applicant, son, spouse = _services(plan, family.applicant), _services(plan, family.son), _services(plan, family.spouse)
    assert {3, 4, 5, 8, 12, 13} <= applicant and 9 not in applicant
    assert 9 in son and not {8, 10, 15, 3} & son
    assert 8 not in spouse and 3 not in spouse and 15 in spouse
    assert plan.support_until == datetime.date(2031, 3, 31)


def test_ada14_due_dates_from_inclusion_date_on_term_table(world, family, app):
    """ADA-14 / Decisions 10: each due date is the term in force on the inclusion date after that date
    (31.03.2026 + 2 months = 31.05.2026; + 1 month = 30.04.2026, the month's last day)."""
    plan = plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    item8 = plan.items.get(person=family.applicant, service=8)
    assert item8.due == datetime.date(2026, 5, 31)
    assert plan.items.get(person=family.son, service=9).due == datetime.date(2026, 4, 30)


def test_decisions10_later_term_row_does_not_move_existing_plan(world, family, app):
    """Decisions 10: a row with a later effective date changes new plans only; the existing plan keeps its dates."""
    plan = plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    before = plan.items.get(person=family.applicant, service=8).due
    TermRow.objects.create(table="ADA-14", key="s08", label_ru="Воинский учёт", label_kk="Әскери есеп",
                           length=6, unit="months", effective_from=datetime.date(2026, 4, 1))
    loaded = plans.plan_load(actor=world.settle.cc_specialist, plan_id=plans.plan_approve(
        actor=world.settle.lmc_head, plan_id=plans.plan_agree(actor=world.settle.cc_specialist, plan_id=plan.pk).pk).pk)
    item = loaded.items.get(person=family.applicant, service=8)
    assert item.due == before == datetime.date(2026, 5, 31)
    assert step_deadlines(app, "plan_item", subject=f"item:{item.pk}").get().due == before
    # a second family included after the new row gets the new term
    other = make_family(world.exit.region)
    app2 = filed_app(world, other, included=datetime.date(2026, 4, 10))
    plan2 = plans.plan_create(actor=world.settle.cc_specialist, application_id=app2.pk)
    assert plan2.items.get(person=other.applicant, service=8).due == datetime.date(2026, 10, 10)


def test_ada14_plan_refused_without_quota_inclusion(world, family, app):
    """ADA-14: the terms count from the inclusion date; without it the plan is refused with the reason."""
    app.applicant.quota_included_on = None
    app.applicant.save()
    with pytest.raises(ValidationError, match="not yet included in the regional quota"):
        plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)


def test_ada15_agree_approve_with_eds_and_load_within_one_working_day(world, family, app):
    """ADA-15: agreed with the kandas, approved by the settlement LMC head with a signature over the items,
    loading due the next working day; loading opens one deadline per item."""
    plan = plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    with pytest.raises(ValidationError, match="after the kandas has agreed"):
        plans.plan_approve(actor=world.settle.lmc_head, plan_id=plan.pk)
    plans.plan_agree(actor=world.settle.cc_specialist, plan_id=plan.pk)
    with pytest.raises(PermissionDenied):
        plans.plan_approve(actor=world.settle.cc_specialist, plan_id=plan.pk)
    plans.plan_approve(actor=world.settle.lmc_head, plan_id=plan.pk)
    signature = Signature.objects.get(purpose="adaptation_plan", case_id=app.pk)
    assert len(signature.snapshot["plan"]["items"]) == plan.items.count()
    assert signature_verify(signature).ok
    load = step_deadlines(app, "plan_load").get()
    assert load.due == wd(1) and load.rule == "ADA-15"
    plan = plans.plan_load(actor=world.settle.cc_specialist, plan_id=plan.pk)
    assert plan.state == PlanState.LOADED
    load.refresh_from_db()
    assert not load.is_running
    assert step_deadlines(app, "plan_item").count() == plan.items.count()


def test_ada14_other_region_cc_may_not_form_the_plan(world, family, app):
    with pytest.raises(PermissionDenied):
        plans.plan_create(actor=world.other.cc_specialist, application_id=app.pk)
