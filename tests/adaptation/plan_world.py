"""A family whose application reached the quota filing, included in the quota on a fixed date."""
import datetime

import pytest

from adaptation.models import SupportState
from adaptation.services import plans

from .support_walk import walk
from .support_world import register

INCLUDED = datetime.date(2026, 3, 31)


def filed_app(world, family, *, included=INCLUDED):
    app = walk(world, register(world, family), SupportState.QUOTA_FILED)
    app.applicant.quota_included_on = included
    app.applicant.save(update_fields=["quota_included_on"])
    app.refresh_from_db()
    return app


def loaded_plan(world, app):
    plan = plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    plans.plan_agree(actor=world.settle.cc_specialist, plan_id=plan.pk)
    plans.plan_approve(actor=world.settle.lmc_head, plan_id=plan.pk)
    return plans.plan_load(actor=world.settle.cc_specialist, plan_id=plan.pk)


@pytest.fixture
def app(world, family):
    return filed_app(world, family)


@pytest.fixture(autouse=True)
def english():
    """Service-level messages are read in English in these tests (the pages set their language themselves)."""
    from django.utils import translation

    with translation.override("en"):
        yield
