"""ADA-19 through the screens: the family's 16 rounds, the CC's rounds due this quarter / overdue, the round
page records findings and the field visit, checks residence (a gateway failure is a message, not a 500) and
is signed; another region gets 404 on each."""
import datetime

import pytest
from django.utils import timezone

from kandas.obligations import period_of

from adaptation.models import MonitoringRound
from kandas.models import StateRecord

from .plan_world import app, english, loaded_plan  # noqa: F401
from .support_world import client_for, family, world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_ada19_family_rounds_and_cc_lists(world, app, django_assert_max_num_queries):
    plan = loaded_plan(world, app)
    cc = client_for(world.settle.cc_specialist)
    with django_assert_max_num_queries(25):
        page = cc.get(f"/adaptation/support/{app.pk}/monitoring/").content.decode()
    assert page.count("/adaptation/monitoring/rounds/") == 16 and "31.03.2031" in page
    today = timezone.localdate()
    end = period_of("quarterly", today).end
    overdue = cc.get("/adaptation/monitoring/?show=overdue").content.decode()
    quarter = cc.get("/adaptation/monitoring/?show=quarter").content.decode()
    for rnd in plan.rounds.all():
        day = rnd.due.strftime("%d.%m.%Y")
        assert (day in overdue) == (rnd.due < today)
        assert (day in quarter) == (today <= rnd.due <= end)
    other = client_for(world.other.cc_specialist)
    assert other.get(f"/adaptation/support/{app.pk}/monitoring/").status_code == 404
    assert app.ref not in other.get("/adaptation/monitoring/?show=overdue").content.decode()
    assert other.get(f"/adaptation/monitoring/rounds/{plan.rounds.first().pk}/").status_code == 404


def test_ada19_round_page_checks_residence_and_is_signed(world, app):
    plan = loaded_plan(world, app)
    rnd = plan.rounds.get(number=1)
    StateRecord.objects.create(iin=app.applicant.iin, kind="registration",
                               payload={"address": "ул. Абая 1", "kato": world.settle.region.kato[:2] + "1010000"})
    cc = client_for(world.settle.cc_specialist)
    url = f"/adaptation/monitoring/rounds/{rnd.pk}/"
    data = {"problems": "Нет угля", "proposals": "Выделить уголь", "summary": "", "visit_on": "2026-06-18",
            "visit_place": "с. Тестовое, ул. Абая 1"}
    page = cc.post(url, {**data, "action": "check"}, follow=True).content.decode()
    assert "Migration police answer is recorded" in page and "ул. Абая 1" in page
    page = cc.post(url, {**data, "action": "close"}, follow=True).content.decode()
    assert "summary" in page and MonitoringRound.objects.get(pk=rnd.pk).done_on is None
    page = cc.post(url, {**data, "summary": "Семья обустроена", "action": "close"}, follow=True).content.decode()
    assert "signed and closed" in page
    rnd.refresh_from_db()
    assert rnd.done_by == world.settle.cc_specialist and rnd.visit_place.startswith("с. Тестовое")
    assert rnd.problems == "Нет угля" and rnd.visit_on == datetime.date(2026, 6, 18)


def test_gen2_round_page_shows_a_gateway_failure_as_a_message(world, app, settings):
    plan = loaded_plan(world, app)
    settings.KANDAS_STATE_GATEWAY = "tests.adaptation.test_monitoring_rounds.DownGateway"
    r = client_for(world.settle.cc_specialist).post(
        f"/adaptation/monitoring/rounds/{plan.rounds.get(number=1).pk}/",
        {"summary": "Итог", "action": "check"}, follow=True)
    assert r.status_code == 200 and "did not answer" in r.content.decode()


def test_round_page_refuses_bad_input_without_500(world, app):
    plan = loaded_plan(world, app)
    r = client_for(world.settle.cc_specialist).post(
        f"/adaptation/monitoring/rounds/{plan.rounds.get(number=1).pk}/",
        {"visit_on": "31.31.2026", "summary": "x" * 5000, "action": "close"})
    assert r.status_code == 200 and MonitoringRound.objects.get(number=1, plan=plan).done_on is None


def test_ada19_cc_rounds_list_keeps_its_query_count_with_more_families(world, app):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .plan_world import filed_app
    from .support_world import make_family

    loaded_plan(world, app)
    cc = client_for(world.settle.cc_specialist)
    with CaptureQueriesContext(connection) as one:
        assert cc.get("/adaptation/monitoring/?show=overdue").status_code == 200
    loaded_plan(world, filed_app(world, make_family(world.exit.region)))
    with CaptureQueriesContext(connection) as two:
        page = cc.get("/adaptation/monitoring/?show=overdue").content.decode()
    overdue = MonitoringRound.objects.filter(due__lt=timezone.localdate()).count()
    assert page.count("/adaptation/monitoring/rounds/") == overdue
    assert len(two) == len(one)
