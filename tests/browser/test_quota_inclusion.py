"""Browser: an MIO specialist takes a kandas application from acceptance to inclusion and prints the decision
(the commission secretary recommends and the MIO head signs in between, each in their own session)."""
import io

import pytest
from pypdf import PdfReader

from quota.models import AppState, Channel, QuotaApplication
from tests.quota.conftest import kandas_family, plans, world  # noqa: F401  (fixtures)
from tests.quota.helpers import file_kandas

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, login, user):
    page.context.clear_cookies()
    login(user)


def _take(page, action, *, sign=False, fill=None):
    """Open an action of partials/case_actions.html, fill it, tick "I sign" for a signing one, submit."""
    page.click(f"[data-action={action}] summary")
    if fill:
        fill()
    if sign:
        page.check(f"#sign-{action}")
    page.click(f"[data-testid=submit-{action}]")


def test_mio_specialist_accepts_and_prints_the_inclusion_decision(page, login, world, kandas_family, plans):
    import datetime
    app = file_kandas(world, kandas_family, channel=Channel.PORTAL, actor=world.specialist,
                      filed_on=datetime.date.today())
    _as(page, login, world.specialist)
    page.click("[data-testid=nav-quota]")
    page.fill("input[name=q]", kandas_family[0].iin)
    page.click("[data-testid=filters] button")
    page.click(f"text={app.ref}")
    assert "Подано" in page.locator("[data-testid=case-state]").inner_text()
    _take(page, "check")  # nothing missing → accepted
    assert "Принято" in page.locator("[data-testid=case-state]").inner_text()
    _take(page, "send_to_commission")
    assert "комиссии" in page.locator("[data-testid=case-state]").inner_text()

    _as(page, login, world.secretary)
    page.goto(app.get_absolute_url())
    _take(page, "recommend", fill=lambda: page.select_option("[data-action=recommend] select[name=include]", "1"))
    assert "Рекомендовано" in page.locator("[data-testid=case-state]").inner_text()

    _as(page, login, world.head)
    page.goto(app.get_absolute_url())
    assert "свободно 10 из 10" in page.locator("[data-testid=quota-free]").inner_text()
    _take(page, "include", sign=True, fill=lambda: page.locator(  # the head sees what will be signed
        "[data-testid=sign-preview-include]").filter(has_text="Сейтқали").wait_for())
    assert "Включён в квоту" in page.locator("[data-testid=case-state]").inner_text()

    _as(page, login, world.specialist)
    page.goto(app.get_absolute_url())
    _take(page, "send_result")
    signatures = page.locator("[data-testid=case-signatures]").inner_text()
    assert signatures.count("решение по включению в региональную квоту") == 1 and "decision" not in signatures
    href = page.locator("[data-testid=print-app4]").get_attribute("href")
    response = page.request.get(href)
    assert response.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.body())).pages[0].extract_text()
    assert "РЕШЕНИЕ о включении в региональную квоту приема кандасов" in text.replace("\n", " ")
    assert "Сейтқали" in text
    app = QuotaApplication.objects.get(pk=app.pk)
    assert app.state == AppState.INCLUDED and app.result_sent_on is not None
