"""ADA-19 for plans loaded before the monitoring rounds were deadlines: `manage.py rounds_deadlines_backfill`
counts the open rounds without a deadline (nothing changed), `--apply` opens them as plan_load does (the
settlement CC's, on the round's due date), and a second run opens none."""
import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import translation

from adaptation.models import MonitoringRound
from adaptation.services import monitoring
from kandas.deadlines import step_deadlines
from kandas.models import Deadline

from .plan_world import app, english, loaded_plan  # noqa: F401
from .support_world import family, world  # noqa: F401

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("rounds_deadlines_backfill", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def plan_loaded_before(world, app):
    """A loaded plan as the earlier code left it: only round 3 has a deadline, round 1 is already signed."""
    plan = loaded_plan(world, app)
    step_deadlines(app, monitoring.ROUND_STEP.key).exclude(subject="round:3").delete()
    MonitoringRound.objects.filter(plan=plan, number=1).update(done_on=datetime.date(2026, 6, 25))
    return plan


def test_ada19_backfill_dry_run_counts_and_changes_nothing(plan_loaded_before):
    before = Deadline.objects.count()
    assert "plans 1, rounds 14" in _run() and "--apply" in _run()
    assert Deadline.objects.count() == before
    with translation.override("ru"):
        assert "планов: 1, этапов: 14" in _run()


def test_ada19_backfill_apply_opens_the_missing_rounds_once(world, app, plan_loaded_before):
    plan = plan_loaded_before
    assert "plans 1, rounds 14" in _run("--apply")
    rounds = step_deadlines(app, monitoring.ROUND_STEP.key)
    assert rounds.count() == 15 and not rounds.filter(subject="round:1").exists()  # the signed round gets none
    second = rounds.get(subject="round:2")
    assert second.due == plan.rounds.get(number=2).due and second.organisation == world.settle.cc
    assert second.rule == "ADA-19" and second.closed_at is None
    assert "plans 0, rounds 0" in _run("--apply") and "plans 0, rounds 0" in _run()
    assert rounds.count() == 15
