"""Decision 18 (kandas.filer_view): a State Corporation operator or a portal client filing in its own region
but naming a person registered in another region sees its filing (the IIN as filed), never that person's
registry data — on the case page, its printouts and the API; the provider region's staff see the person.
Table: role × page / PDF / API (quota and residence: tests/quota, tests/adaptation test_filer_view.py)."""
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kandas.filer_view import person_visible_to
from kandas.models import Consent
from status.services import application_submit
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
SECRET = "Жасырынов"


def _text(response) -> str:
    if response["Content-Type"].startswith("application/pdf"):
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    return response.content.decode()


@pytest.fixture
def filing(world, other):
    """The operator of region A files with region A's MIO for a person registered in region B."""
    stranger = PersonFactory(region=other.region, surname=SECRET, given_name="Адам")
    case = application_submit(actor=world.operator, sub_type="general", channel="govcorp", region=world.region,
                              applicant=stranger, consent_method=Consent.Method.OTP)
    return case, stranger


PAGES = [("page", lambda c: c.get_absolute_url()),
         ("application pdf", lambda c: reverse("status:application_pdf", args=[c.pk, "application"])),
         ("registration pdf", lambda c: reverse("status:application_pdf", args=[c.pk, "registration"]))]


@pytest.mark.parametrize("role,sees", [("operator", False), ("specialist", True), ("head", True)])
@pytest.mark.parametrize("what,url", PAGES, ids=[p[0] for p in PAGES])
def test_d18_status_filer_sees_its_filing_the_provider_sees_the_person(client, world, filing, role, sees, what, url):
    case, stranger = filing
    client.force_login(getattr(world, role))
    response = client.get(url(case))
    assert response.status_code == 200
    text = _text(response)
    assert (SECRET in text) is sees
    if what != "registration pdf":  # the notice (app.3) names the person, it prints no birth date
        assert (stranger.birth_date.strftime("%d.%m.%Y") in text) is sees
        assert stranger.iin in text  # the filer sees the IIN it filed


def test_d18_status_filer_page_shows_the_iin_as_filed_and_no_registry_link(client, world, filing):
    case, stranger = filing
    client.force_login(world.operator)
    html = client.get(case.get_absolute_url()).content.decode()
    assert stranger.get_absolute_url() not in html
    client.force_login(world.specialist)
    assert stranger.get_absolute_url() in client.get(case.get_absolute_url()).content.decode()


def test_d18_status_api_client_reads_its_filing_without_the_person(client, world, other):
    stranger = PersonFactory(region=other.region, surname=SECRET)
    client.force_login(world.api)
    r = client.post(reverse("status_api:application_list"), {
        "sub_type": "general", "channel": "portal", "region": world.region.kato, "consent": "otp",
        "applicant": {"iin": stranger.iin, "surname": "Тестов", "given_name": "Тест"}}, content_type="application/json")
    assert r.status_code == 201, r.content
    detail = client.get(reverse("status_api:application_detail", args=[r.json()["id"]]))
    assert detail.status_code == 200 and SECRET not in detail.content.decode()


def test_d18_one_rule_person_visible_to(world, other, filing):
    case, stranger = filing
    assert not person_visible_to(world.operator, stranger, case)
    assert person_visible_to(world.specialist, stranger, case)
    assert person_visible_to(other.operator, stranger)  # its own region's registry
    assert not person_visible_to(world.operator, stranger)
