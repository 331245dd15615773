"""ADA-19 / Decisions 17 / STA-9: 16 monitoring rounds from the quota inclusion date; a round records problems,
proposals, summary, the visit and the residence check through the gateway; status expiry does not end
support. ADA-20 / Decisions 1: scoring bands at 9, 10, 14 and 15."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from adaptation.services import evaluation, monitoring, plans
from kandas.models import StateRecord
from kandas.roles import Role
from kandas.services import person_kandas_status_set
from tests.factories import make_staff

from .plan_world import app, english  # noqa: F401
from .support_world import family, world  # noqa: F401


def test_decisions17_sixteen_rounds_with_the_right_dates():
    dates = monitoring.round_dates(datetime.date(2026, 3, 31))
    assert len(dates) == 16
    assert dates[0] == (1, datetime.date(2026, 3, 31), datetime.date(2026, 6, 30))
    assert dates[3][2] == datetime.date(2027, 3, 31)
    assert dates[11][2] == datetime.date(2029, 3, 31)  # round 12 ends year 3
    assert dates[12] == (13, datetime.date(2029, 3, 31), datetime.date(2029, 9, 30))  # half-yearly from year 4
    assert dates[15][2] == datetime.date(2031, 3, 31)  # round 16 ends the 5 years


@pytest.mark.django_db
def test_ada19_round_records_findings_and_residence_check_even_after_status_expiry(world, family, app):
    plan = plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    assert plan.rounds.count() == 16 and plan.rounds.get(number=16).due == plan.support_until
    # STA-9: the status ran out — support and its rounds go on
    person_kandas_status_set(person_id=family.applicant.pk, since=datetime.date(2025, 1, 1),
                             until=datetime.date(2026, 5, 1))
    StateRecord.objects.create(iin=family.applicant.iin, kind="registration",
                               payload={"address": "ул. Абая 1", "kato": world.settle.region.kato[:2] + "1010000",
                                        "registered_since": "2026-04-02"})
    rnd = plan.rounds.get(number=1)
    with pytest.raises(ValidationError, match="summary"):
        monitoring.round_record(actor=world.settle.cc_specialist, round_id=rnd.pk, problems="", proposals="",
                                summary=" ", on=datetime.date(2026, 6, 20))
    rnd = monitoring.round_record(actor=world.settle.cc_specialist, round_id=rnd.pk, problems="Нет угля",
                                  proposals="Выделить уголь", summary="Семья обустроена",
                                  visit_on=datetime.date(2026, 6, 18), on=datetime.date(2026, 6, 20))
    assert rnd.residence_confirmed is True and rnd.residence_answer["address"] == "ул. Абая 1"
    assert rnd.done_by == world.settle.cc_specialist


@pytest.mark.parametrize("scores,band", [((3, 3, 3), "low"), ((4, 3, 3), "medium"), ((5, 5, 4), "medium"),
                                         ((5, 5, 5), "high")])
def test_decisions1_bands_at_9_10_14_15(scores, band):
    assert evaluation.score_band(sum(scores)) == band


@pytest.mark.django_db
def test_ada20_crtr_records_an_evaluation_scores_checked(world):
    crtr = make_staff(Role.CRTR_ANALYST)
    with pytest.raises(PermissionDenied):
        evaluation.evaluation_record(actor=world.settle.cc_specialist, organisation_id=world.settle.cc.pk,
                                     quarter="2026-Q3", relevance=3, effectiveness=3, social_effect=3)
    with pytest.raises(ValidationError, match="1 to 5"):
        evaluation.evaluation_record(actor=crtr, organisation_id=world.settle.cc.pk, quarter="2026-Q3",
                                     relevance=6, effectiveness=3, social_effect=3)
    ev = evaluation.evaluation_record(actor=crtr, organisation_id=world.settle.cc.pk, quarter="2026-Q3",
                                      relevance=4, effectiveness=3, social_effect=3, left_region=2)
    assert ev.total == 10 and ev.band == "medium"


@pytest.mark.django_db
def test_ada20_evaluation_fulfils_the_quarterly_obligation_due_the_5th(world):
    """ADA-20: the CC's quarterly evaluation obligation (due 05.10.2026) is fulfilled by the CRTR's record;
    a quarter not yet over is refused."""
    from kandas.models import Obligation

    crtr = make_staff(Role.CRTR_ANALYST)
    with pytest.raises(ValidationError, match="after it ends"):
        evaluation.evaluation_record(actor=crtr, organisation_id=world.settle.cc.pk, quarter="2026-Q4",
                                     relevance=3, effectiveness=3, social_effect=3)
    evaluation.evaluation_record(actor=crtr, organisation_id=world.settle.cc.pk, quarter="2026-Q3", relevance=5,
                                 effectiveness=5, social_effect=5, on=datetime.date(2026, 10, 3))
    obligation = Obligation.objects.get(kind="adaptation.quality_evaluation", organisation=world.settle.cc)
    assert obligation.due == datetime.date(2026, 10, 5) and obligation.state == "done"


@pytest.mark.django_db
def test_ada21_conclusion_by_the_25th_forwarded_to_mios_measures_within_a_month(world):
    crtr, ministry = make_staff(Role.CRTR_ANALYST), make_staff(Role.MINISTRY_ANALYST)
    with pytest.raises(ValidationError, match="three parts"):
        evaluation.conclusion_send(actor=crtr, quarter="2026-Q3", report="Отчёт", follow_up="", recommendations="")
    conclusion = evaluation.conclusion_send(actor=crtr, quarter="2026-Q3", report="Отчёт", follow_up="Исполнено",
                                            recommendations="Усилить выезды")
    assert conclusion.due == datetime.date(2026, 10, 25)
    with pytest.raises(PermissionDenied):
        evaluation.conclusion_forward(actor=crtr, conclusion_id=conclusion.pk)
    rows = evaluation.conclusion_forward(actor=ministry, conclusion_id=conclusion.pk, on=datetime.date(2026, 10, 31))
    mine = next(r for r in rows if r.mio_id == world.settle.mio.pk)
    assert mine.due == datetime.date(2026, 11, 30)
    with pytest.raises(PermissionDenied):
        evaluation.measures_record(actor=world.other.specialist, measures_id=mine.pk, measures="Меры")
    done = evaluation.measures_record(actor=world.settle.head, measures_id=mine.pk, measures="Проверка ЦТМ и КЦ")
    assert done.recorded_on is not None
