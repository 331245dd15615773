"""A caseworker logs in, finds a person by IIN and opens the family page (Playwright + Debian's Chromium)."""
import datetime

import pytest

from kandas.models import Kinship
from kandas.roles import Role
from tests.factories import FamilyFactory, PersonFactory, RegionFactory, add_member, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_caseworker_finds_person_by_iin_and_opens_family(page, login):
    region = RegionFactory()
    user = make_staff(Role.CC_SPECIALIST, region=region)
    applicant = PersonFactory(region=region, surname="Жұмабаев", given_name="Ерлан")
    family = FamilyFactory(applicant=applicant)
    add_member(family, Kinship.SPOUSE, surname="Жұмабаева", given_name="Айгерім", sex="F",
               birth_date=datetime.date(1987, 3, 8))
    PersonFactory(region=region, surname="Оразбеков")

    login(user)
    page.click("nav a.nav-link[href='/persons/']")
    page.fill("[data-testid=search-q]", applicant.iin)
    page.keyboard.press("Enter")
    results = page.locator("[data-testid=person-results] tbody tr")
    results.first.wait_for()
    assert results.count() == 1
    assert "Жұмабаев Ерлан" in results.first.inner_text()

    results.first.locator("a").first.click()
    page.wait_for_url(f"**/persons/{applicant.pk}/")
    assert page.locator("[data-testid=person-iin]").inner_text() == applicant.iin

    page.locator("[data-testid=person-families] a").first.click()
    page.wait_for_url(f"**/families/{family.pk}/")
    assert "Жұмабаев Ерлан" in page.locator("[data-testid=family-title]").inner_text()
    members = page.locator("[data-testid=family-members]").inner_text()
    assert "Жұмабаева Айгерім" in members


def test_iin_is_checked_as_you_type(page, login):
    user = make_staff(Role.GOVCORP_OPERATOR, region=RegionFactory())
    login(user)
    page.goto("/persons/new/")
    page.fill("#id_iin", "850231312345")
    feedback = page.locator("#id_iin-feedback")
    page.wait_for_function("document.getElementById('id_iin-feedback').textContent.length > 0")
    assert "is-invalid" in page.locator("#id_iin").get_attribute("class")
    good = PersonFactory.build(birth_date=datetime.date(1990, 5, 17), sex="F").iin
    page.fill("#id_iin", good)
    page.wait_for_function("document.getElementById('id_iin').classList.contains('is-valid')")
    assert "17.05.1990" in feedback.inner_text()
