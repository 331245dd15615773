"""RES-2, RES-3, RES-4, RES-7 in the browser: the MIO specialist registers an application, records the
police talons and issues the referral; the centre checks the family in; the journal PDF shows the row."""
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

    # Without the spouse's talon the referral is refused with her name (RES-3).
    adults = [r for r in app.persons.select_related("person") if r.needs_talon]
    form = f"[data-testid=talon-{adults[0].pk}]"
    page.fill(f"{form} input[name=number]", "УМ-100")
    page.fill(f"{form} input[name=on]", today)
    page.click(f"{form} button")
    page.click("button[value=referral_issue]")
    assert adults[1].person.surname in page.inner_text(".alert-danger")
    form = f"[data-testid=talon-{adults[1].pk}]"
    page.fill(f"{form} input[name=number]", "УМ-101")
    page.fill(f"{form} input[name=on]", today)
    page.click(f"{form} button")
    page.click("button[value=referral_issue]")
    assert "направление выдано" in page.inner_text("[data-testid=case-state]")
    assert page.locator("[data-testid=referral-pdf]").count() == 1

    # The centre checks the family in within 3 calendar days (RES-7).
    login(staff.centre_staff)
    page.goto(app.get_absolute_url())
    page.check("#id_house_rules_acknowledged")
    page.click("[data-testid=case-actions] form:has(#id_house_rules_acknowledged) button")
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
