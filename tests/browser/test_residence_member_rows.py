"""Browser, on a phone (390 px): the MIO specialist registers a residence application (RES-2, form app.2) for
the applicant and two of the family — the IIN checked as typed, a row added with "Add a family member", another
added and removed — and the case page then lists exactly those members."""
import pytest

from adaptation.models import ResidenceApplication
from tests.adaptation.factories import make_kandas_family, residence_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_residence_registration_with_two_members_through_the_rows_at_390px(page, login):
    staff = residence_world(beds=4)
    applicant, (spouse, mother, son) = make_kandas_family(staff.region, adults=2, children=1)
    page.set_viewport_size({"width": 390, "height": 844})
    login(staff.specialist)
    page.goto("/adaptation/residence/new/")
    page.fill("#id_applicant_iin", applicant.iin)
    page.select_option("#id_centre", str(staff.centre.pk))
    page.uncheck("#id_whole_family")
    assert page.locator("#id_members-0-DELETE").is_hidden()  # the remove button stands for it
    page.fill("#id_members-0-iin", spouse.person.iin)
    page.wait_for_selector("#id_members-0-iin-feedback.valid-feedback")  # the same as-you-type IIN check
    page.fill("#id_members-0-iin", "123456789012")
    page.wait_for_selector("#id_members-0-iin-feedback.invalid-feedback")
    page.fill("#id_members-0-iin", spouse.person.iin)
    rows = page.locator("[data-rows=members] [data-row]")
    extra = rows.count()
    page.click("[data-testid=add-members]")
    assert rows.count() == extra + 1
    page.fill(f"#id_members-{extra}-iin", son.person.iin)
    page.click("[data-testid=add-members]")  # one more, typed and removed
    page.fill(f"#id_members-{extra + 1}-iin", mother.person.iin)
    rows.nth(extra + 1).locator("[data-rows-remove]").click()
    assert page.locator(f"#id_members-{extra + 1}-iin").is_hidden()
    # a phone: the rows stack, the page does not scroll sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="/tmp/residence_rows_390.png", full_page=True)
    page.click("[data-testid=register-form] button[type=submit]")
    page.wait_for_selector("[data-testid=case-state]")
    app = ResidenceApplication.objects.get()
    assert set(app.persons.values_list("person_id", flat=True)) == {applicant.pk, spouse.person_id, son.person_id}
    body = page.inner_text("body")
    assert spouse.person.full_name in body and son.person.full_name in body
    assert mother.person.full_name not in body
