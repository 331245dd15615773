"""ADA-20 / ADA-21 / Decisions 1 as periodic obligations: the left-the-region count pre-fills the social effect
(another score needs a reason); scores → band; the LMC's quarterly obligation is fulfilled by the CRTR's
named analyst and a third party cannot; the CRTR's conclusion is a national obligation without a region due
the 25th; forwarding opens each MIO's one-month measures deadline; recording the measures closes it."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from adaptation.obligations import EVALUATION_CONCLUSION, MIO_MEASURES, QUALITY_EVALUATION
from adaptation.services import evaluation, monitoring
from kandas.deadlines import case_deadlines
from kandas.models import Deadline, Obligation, StateRecord
from kandas.obligation_services import obligation_ensure, obligation_fulfil, obligations_generate
from kandas.obligations import obligation_kind
from kandas.roles import Role
from tests.factories import make_staff

from .plan_world import app, english, loaded_plan  # noqa: F401
from .support_world import family, world  # noqa: F401

pytestmark = pytest.mark.django_db
D = datetime.date


def _left_in_q2(world, app):
    """The family's round 1 residence check on 20.06.2026 finds the kandas registered in Almaty."""
    plan = loaded_plan(world, app)
    StateRecord.objects.create(iin=app.applicant.iin, kind="registration",
                               payload={"address": "Алматы", "kato": "751010000"})
    rnd = plan.rounds.get(number=1)
    monitoring.residence_check(actor=world.settle.cc_specialist, round_id=rnd.pk,
                               now=datetime.datetime(2026, 6, 20, 10, tzinfo=datetime.UTC))
    return rnd


def test_ada20_left_the_region_is_counted_into_the_social_effect_prefill(world, app):
    _left_in_q2(world, app)
    assert evaluation.left_region_stats(world.settle.cc, "2026-Q2") == (1, 1)
    assert evaluation.left_region_stats(world.settle.cc, "2026-Q3") == (0, 0)
    assert evaluation.social_effect_prefill(1, 1) == 1 and evaluation.social_effect_prefill(0, 10) == 5
    crtr = make_staff(Role.CRTR_ANALYST)
    with pytest.raises(ValidationError, match="give the reason"):
        evaluation.evaluation_record(actor=crtr, organisation_id=world.settle.cc.pk, quarter="2026-Q2",
                                     relevance=4, effectiveness=4, social_effect=3, on=D(2026, 7, 3))
    ev = evaluation.evaluation_record(actor=crtr, organisation_id=world.settle.cc.pk, quarter="2026-Q2",
                                      relevance=4, effectiveness=4, social_effect=1, on=D(2026, 7, 3))
    assert ev.left_region == 1 and ev.total == 9 and ev.band == "low"


def test_ada20_scores_give_the_band_and_the_crtr_fulfils_the_lmcs_obligation_a_third_party_cannot(world):
    kind = obligation_kind(QUALITY_EVALUATION)
    obligation, _ = obligation_ensure(kind=kind, organisation=world.settle.lmc, period=kind.period("2026-Q3"),
                                      today=D(2026, 10, 1))
    assert obligation.due == D(2026, 10, 5)
    with pytest.raises(PermissionDenied):  # the ministry is neither the LMC nor the CRTR
        obligation_fulfil(obligation_id=obligation.pk, actor=make_staff(Role.MINISTRY_ANALYST), on=D(2026, 10, 2))
    with pytest.raises(PermissionDenied):  # another region's LMC neither
        obligation_fulfil(obligation_id=obligation.pk, actor=world.other.lmc_head, on=D(2026, 10, 2))
    crtr = make_staff(Role.CRTR_ANALYST)
    ev = evaluation.evaluation_record(actor=crtr, organisation_id=world.settle.lmc.pk, quarter="2026-Q3",
                                      relevance=5, effectiveness=5, social_effect=4, on=D(2026, 10, 2))
    assert ev.total == 14 and ev.band == "medium"
    obligation.refresh_from_db()
    assert obligation.state == "done" and obligation.done_by == crtr
    assert case_deadlines(obligation).get().state == Deadline.State.MET


def test_ada21_the_conclusion_is_a_national_obligation_without_region_due_the_25th(world):
    crtr = make_staff(Role.CRTR_ANALYST)
    assert obligations_generate(today=D(2026, 10, 1), kinds=[obligation_kind(EVALUATION_CONCLUSION)]) == 1
    obligation = Obligation.objects.get(kind=EVALUATION_CONCLUSION)
    assert obligation.region is None and obligation.due == D(2026, 10, 25)
    assert evaluation.conclusion_due("2026-Q3") == D(2026, 10, 25)  # a Sunday: the date holds (CAL-3)
    conclusion = evaluation.conclusion_send(actor=crtr, quarter="2026-Q3", report="Отчёт", follow_up="Исполнено",
                                            recommendations="Усилить", on=D(2026, 10, 20))
    assert conclusion.due == D(2026, 10, 25) and conclusion.obligation == obligation
    obligation.refresh_from_db()
    assert obligation.state == "done" and obligation.done_by == crtr
    deadline = case_deadlines(obligation).get()
    assert deadline.region is None and deadline.state == Deadline.State.MET


def test_ada21_forwarding_opens_each_mios_one_month_measures_deadline(world):
    crtr, ministry = make_staff(Role.CRTR_ANALYST), make_staff(Role.MINISTRY_ANALYST)
    conclusion = evaluation.conclusion_send(actor=crtr, quarter="2026-Q3", report="Отчёт", follow_up="Исполнено",
                                            recommendations="Усилить", on=D(2026, 10, 20))
    with pytest.raises(PermissionDenied):
        evaluation.conclusion_forward(actor=crtr, conclusion_id=conclusion.pk)
    rows = evaluation.conclusion_forward(actor=ministry, conclusion_id=conclusion.pk, on=D(2026, 10, 28))
    mine = next(r for r in rows if r.mio == world.settle.mio)
    assert {r.mio for r in rows} >= {world.settle.mio, world.other.mio} and world.exit.mio not in {r.mio for r in rows}
    assert mine.due == D(2026, 11, 28)
    deadline = case_deadlines(mine.obligation).get()
    assert deadline.due == D(2026, 11, 28) and deadline.organisation == world.settle.mio
    assert mine.obligation.kind == MIO_MEASURES and deadline.region == world.settle.region
    with pytest.raises(PermissionDenied):  # another region's MIO
        evaluation.measures_record(actor=world.other.head, measures_id=mine.pk, measures="x")
    evaluation.measures_record(actor=world.settle.head, measures_id=mine.pk, measures="Совещание с ЦТМ",
                               on=D(2026, 11, 20))
    deadline.refresh_from_db()
    assert deadline.state == Deadline.State.MET
