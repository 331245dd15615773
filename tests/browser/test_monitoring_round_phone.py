"""ADA-19 at phone width (390 px): the settlement CC specialist opens a monitoring round, writes problems,
proposals, summary and the field visit, checks residence through the Migration police (the local gateway
answers from StateRecord) and signs the round; the page never scrolls sideways."""
import pytest

from adaptation.models import MonitoringRound
from kandas.deadlines import step_deadlines
from kandas.models import Deadline, StateRecord
from tests.adaptation.plan_world import filed_app, loaded_plan
from tests.adaptation.support_world import build_world, make_family

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ada19_phone_records_and_signs_a_monitoring_round(browser, live_server):
    world = build_world()
    family = make_family(world.exit.region)
    app = filed_app(world, family)
    plan = loaded_plan(world, app)
    rnd = plan.rounds.get(number=1)
    StateRecord.objects.create(iin=family.applicant.iin, kind="registration",
                               payload={"address": "ул. Абая 1", "kato": world.settle.region.kato[:2] + "1010000"})
    context = browser.new_context(base_url=live_server.url, locale="ru-RU", viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto("/login/")
    page.fill("#id_username", world.settle.cc_specialist.username)
    page.fill("#id_password", "pass12345")
    page.press("#id_password", "Enter")
    page.wait_for_url(lambda url: "/login/" not in url)

    page.goto(f"/adaptation/monitoring/rounds/{rnd.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.fill("#id_problems", "Нет угля на зиму")
    page.fill("#id_proposals", "Выделить уголь через акимат")
    page.fill("#id_visit_on", "2026-06-18")
    page.fill("#id_visit_place", "с. Тестовое, ул. Абая 1")
    page.click("[data-testid=round-check]")
    page.wait_for_selector("[data-testid=residence] >> text=ул. Абая 1")
    assert page.input_value("#id_problems") == "Нет угля на зиму"  # kept across the check
    page.fill("#id_summary", "Семья обустроена, дети в школе")
    page.click("[data-testid=round-close]")
    page.wait_for_selector("[data-testid=round-done]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    rnd = MonitoringRound.objects.get(pk=rnd.pk)
    assert rnd.done_by == world.settle.cc_specialist and rnd.residence_confirmed is True
    assert rnd.visit_place == "с. Тестовое, ул. Абая 1" and rnd.summary.startswith("Семья")
    assert step_deadlines(app, "monitoring_round", "round:1").get().state != Deadline.State.OPEN
    context.close()
