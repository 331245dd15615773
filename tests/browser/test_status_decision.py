"""Browser: the commission secretary records a recommendation, the MIO head signs the decision and
downloads the PDF (STA-3, STA-5)."""
import io

import pytest
from pypdf import PdfReader

from status.models import ApplicationState, StatusApplication
from status.services import application_send_to_commission
from tests.status.helpers import build_region, file_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_recommends_head_signs_and_downloads_the_decision(page, login):
    """STA-3: the recommendation is recorded with its protocol and video reference on the commission
    screen; STA-5: the MIO head reads what will be signed, confirms, signs the assignment and downloads
    the decision (app.4) as PDF."""
    w = build_region()
    app = application_send_to_commission(actor=w.specialist, application_id=file_application(w).pk)

    login(w.secretary)
    page.goto("/status/commission/")
    card = page.locator(f"[data-testid=agenda-{app.pk}]")
    card.locator("input[value=assign]").check()
    card.locator("input[name=protocol_number]").fill("17")
    card.locator("input[name=video_reference]").fill("video://kcom/session-17")
    card.locator(f"[data-testid=recommend-{app.pk}]").click()
    page.wait_for_url(f"**/status/applications/{app.pk}/")
    assert StatusApplication.objects.get(pk=app.pk).state == ApplicationState.RECOMMENDED_ASSIGN

    page.context.clear_cookies()
    login(w.head)
    page.goto(f"/status/applications/{app.pk}/")
    page.locator("[data-action=assign] summary").click()
    preview = page.locator("[data-testid=sign-preview-assign]")
    assert app.ref in preview.inner_text()  # what will be signed is shown before signing
    preview.locator("input[name=sign_confirmed]").check()
    page.locator("[data-testid=submit-assign]").click()
    page.wait_for_load_state()
    assert StatusApplication.objects.get(pk=app.pk).state == ApplicationState.ASSIGNED
    href = page.locator("[data-testid=pdf-decision]").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.body())).pages[0].extract_text()
    assert app.ref in text and app.applicant.surname in text
