"""ADA-19 / Decisions 17 / GEN-2: each monitoring round is the settlement CC's deadline on its due date (a fixed
date on the working-day calendar), closed when the specialist signs the round; the residence check asks the
Migration police through the state gateway and records the answer and when it was asked; a gateway failure
is a clear message and records nothing; a registration in another region counts as "left the region"."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from adaptation.services import monitoring
from kandas.deadlines import step_deadlines
from kandas.models import Deadline, StateRecord

from .plan_world import app, english, loaded_plan  # noqa: F401
from .support_world import family, world  # noqa: F401

pytestmark = pytest.mark.django_db
D = datetime.date


class DownGateway:
    """A Migration police system that does not answer."""

    def registration(self, iin):
        raise ConnectionError("timed out")


def _register(iin, kato):
    StateRecord.objects.create(iin=iin, kind="registration",
                               payload={"address": "ул. Абая 1", "kato": kato, "registered_since": "2026-04-02"})


def test_ada19_each_round_is_the_settlement_ccs_deadline_on_its_date_and_signing_closes_it(world, app):
    plan = loaded_plan(world, app)
    rounds = step_deadlines(app, monitoring.ROUND_STEP.key)
    assert rounds.count() == 16
    first = rounds.get(subject="round:1")
    assert first.due == D(2026, 6, 30) and first.organisation == world.settle.cc and first.rule == "ADA-19"
    assert "30.06.2026" in first.explanation
    assert rounds.get(subject="round:16").due == plan.support_until == D(2031, 3, 31)
    _register(app.applicant.iin, world.settle.region.kato[:2] + "1010000")
    rnd = plan.rounds.get(number=1)
    monitoring.round_record(actor=world.settle.cc_specialist, round_id=rnd.pk, problems="", proposals="",
                            summary="Семья обустроена", on=D(2026, 6, 20))
    first.refresh_from_db()
    assert first.state == Deadline.State.MET and first.closed_at is not None
    # round 2 (due 30.09.2026) signed late: its deadline is kept as breached
    late = monitoring.round_record(actor=world.settle.cc_specialist, round_id=plan.rounds.get(number=2).pk,
                                   problems="", proposals="", summary="Поздно", on=D(2026, 10, 6))
    assert late.done_on == D(2026, 10, 6)
    assert rounds.get(subject="round:2").state == Deadline.State.BREACHED
    assert rounds.filter(state=Deadline.State.OPEN).count() == 14


def test_ada19_the_residence_check_records_the_answer_and_when_it_was_asked(world, app):
    plan = loaded_plan(world, app)
    _register(app.applicant.iin, world.settle.region.kato[:2] + "1010000")
    rnd = monitoring.residence_check(actor=world.settle.cc_specialist, round_id=plan.rounds.get(number=1).pk)
    assert rnd.residence_asked_at is not None and rnd.residence_answer["address"] == "ул. Абая 1"
    assert rnd.residence_confirmed is True and rnd.left_region is False and rnd.done_on is None


def test_gen2_a_gateway_failure_is_a_clear_message_and_records_nothing(world, app, settings):
    plan = loaded_plan(world, app)
    settings.KANDAS_STATE_GATEWAY = "tests.adaptation.test_monitoring_rounds.DownGateway"
    rnd = plan.rounds.get(number=1)
    with pytest.raises(ValidationError, match="Migration police system did not answer"):
        monitoring.residence_check(actor=world.settle.cc_specialist, round_id=rnd.pk)
    with pytest.raises(ValidationError, match="did not answer"):  # signing asks too: nothing is signed
        monitoring.round_record(actor=world.settle.cc_specialist, round_id=rnd.pk, problems="", proposals="",
                                summary="Итог", on=D(2026, 6, 20))
    rnd.refresh_from_db()
    assert rnd.residence_asked_at is None and rnd.done_on is None


def test_ada19_a_registration_in_another_region_is_left_the_region(world, app):
    plan = loaded_plan(world, app)
    _register(app.applicant.iin, "751010000")  # Almaty city, not the settlement region
    rnd = monitoring.residence_check(actor=world.settle.cc_specialist, round_id=plan.rounds.get(number=1).pk)
    assert rnd.left_region is True and rnd.residence_confirmed is False


def test_ada19_another_regions_cc_cannot_record_a_round(world, app):
    from django.core.exceptions import PermissionDenied

    plan = loaded_plan(world, app)
    with pytest.raises(PermissionDenied):
        monitoring.residence_check(actor=world.other.cc_specialist, round_id=plan.rounds.get(number=1).pk)
