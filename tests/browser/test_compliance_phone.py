"""Statutory-term compliance at a phone's width (390 px): a MIO head filters by month, the chart draws
(Chart.js served from static/vendor), the page never scrolls sideways, and a number opens its cases."""
import datetime

import pytest

from kandas.calendar_seed import calendar_seed
from kandas.models import Deadline
from kandas.roles import Role
from tests.factories import RegionFactory, make_staff
from tests.kandas.test_compliance import _deadline

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = datetime.date


def test_compliance_at_390_px_draws_the_chart_and_drills_down(browser, live_server):
    calendar_seed([2026])
    head = make_staff(Role.MIO_HEAD, region=RegionFactory())
    org = head.staff.organisation
    met = _deadline(org, "review", D(2026, 3, 2), Deadline.State.MET, due=D(2026, 3, 5), closed=D(2026, 3, 4))
    _deadline(org, "review", D(2026, 3, 3), Deadline.State.OPEN, due=D(2026, 3, 6))
    context = browser.new_context(base_url=live_server.url, locale="ru-RU", viewport={"width": 390, "height": 844},
                                  is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto("/login/")
    page.fill("#id_username", head.username)
    page.fill("#id_password", "pass12345")
    page.press("#id_password", "Enter")
    page.wait_for_url(lambda url: "/login/" not in url)
    page.goto("/compliance/")
    page.fill("#id_month_from", "2026-02")
    page.fill("#id_month_to", "2026-04")
    page.click("[data-testid=compliance-filters] button")
    page.wait_for_selector("[data-testid=compliance-row]")
    assert page.input_value("#id_month_from") == "2026-02"
    assert page.evaluate("Chart.getChart(document.getElementById('compliance-chart')) !== undefined")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("[data-testid=compliance-row] [data-testid=on_time] a")
    page.wait_for_selector("[data-testid=compliance-case]")
    assert page.inner_text("[data-testid=compliance-cases]").count(met.case_ref) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
