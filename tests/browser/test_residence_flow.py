"""RES-2, RES-3, RES-4, RES-7 in the browser: the MIO specialist registers an application, records the
police talons and prepares the referral, the MIO head signs it (RES-3); the centre checks the family in; the
journal PDF shows the row."""
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from adaptation.models import ResidenceApplication
from tests.adaptation.factories import make_kandas_family, residence_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_res_mio_registers_refers_centre_checks_in_and_journal_pdf_shows_row(page, login):
    """RES-2 → RES-4 → RES-3 → RES-7 end to end, as users click through it."""
    staff = residence_world(beds=4)
    centre = staff.centre
    applicant, members = make_kandas_family(staff.region, adults=1, children=1)
    today = timezone.localdate().isoformat()

    # The MIO specialist registers the application (form app.2) for the whole family.
    login(staff.specialist)
    page.click("[data-testid=nav-residence]")
    page.click("[data-testid=register]")
    page.fill("#id_applicant_iin", applicant.iin)
    page.select_option("#id_centre", str(centre.pk))
    page.click("[data-testid=register-form] button[type=submit]")
    page.wait_for_selector("[data-testid=case-state]")
    app = ResidenceApplication.objects.get()
    assert app.persons_count == 3 and app.journal_no == 1
    assert "зарегистрировано в журнале" in page.inner_text("[data-testid=case-state]")
    assert "RES-5" in page.inner_text("[data-testid=case-deadlines]")

    # The talons are recorded through the case page's action (RES-3); while the spouse's is missing the
    # referral waits, and the page names whose talon is missing.
    adults = [r for r in app.persons.select_related("person") if r.needs_talon]

    def record_talon(row, number):
        page.locator("[data-action=talon_record] summary").click()
        form = page.locator("[data-action=talon_record] form")
        form.locator("select[name=resident]").select_option(str(row.pk))
        form.locator("input[name=number]").fill(number)
        form.locator("input[name=on]").fill(today)
        page.click("[data-testid=submit-talon_record]")
        page.wait_for_selector("[data-testid=case-actions]")

    record_talon(adults[0], "УМ-100")
    assert page.locator("[data-action=referral_prepare]").count() == 0
    assert "Подготовить направление" in page.inner_text("[data-testid=action-waiting]")
    assert adults[1].person.surname in page.inner_text(".alert-warning")
    record_talon(adults[1], "УМ-101")

    # The specialist prepares the referral; it prints the MIO head, so the head signs it (RES-3).
    assert page.locator("[data-action=referral_issue]").count() == 0
    page.locator("[data-action=referral_prepare] summary").click()
    page.click("[data-testid=submit-referral_prepare]")
    page.wait_for_selector("[data-testid=referral-prepared]")
    assert "ожидает подписи руководителя МИО" in page.inner_text("[data-testid=referral-prepared]")
    page.context.clear_cookies()
    login(staff.head)
    page.goto(app.get_absolute_url())

    # Issuing the referral signs it: the page shows what is signed and asks to confirm (RES-3).
    page.locator("[data-action=referral_issue] summary").click()
    assert applicant.surname in page.inner_text("[data-testid=sign-preview-referral_issue]")
    page.check("#sign-referral_issue")
    page.click("[data-testid=submit-referral_issue]")
    page.wait_for_selector("[data-testid=referral-pdf]")
    assert "направление выдано" in page.inner_text("[data-testid=case-state]")

    # The centre checks the family in within 3 calendar days (RES-7).
    page.context.clear_cookies()
    login(staff.centre_staff)
    page.goto(app.get_absolute_url())
    page.locator("[data-action=check_in] summary").click()
    page.check("#id_check_in_house_rules_acknowledged")
    page.click("[data-testid=submit-check_in]")
    page.wait_for_selector("[data-testid=case-state]")
    assert "проживает в Центре" in page.inner_text("[data-testid=case-state]")

    # The journal (form app.3) as PDF shows the row (RES-4).
    page.goto(f"/adaptation/centres/{centre.pk}/journal/")
    assert applicant.surname in page.inner_text("[data-testid=journal]")
    href = page.get_attribute("[data-testid=journal-pdf]", "href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    app = ResidenceApplication.objects.get(pk=app.pk)
    assert applicant.surname in text and app.ref in text and f"№ {app.referral_no}" in text
    assert "Начато" in text and "Окончено" in text
