"""Decision 18 and issue 14 (security, fix first): who may file where is one rule (kandas.filing); a filing
never discloses another region's person; one open application per person and service; parallel
registrations of one new IIN have one winner and no 500; impossible birth dates are refused."""
import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.urls import reverse

from kandas.filing import FilingService, filing_ensure
from kandas.models import Person
from status.models import StatusApplication
from tests.factories import PersonFactory, staffed_region, valid_iin

ROLES = ("specialist", "head", "secretary", "operator", "api", "lmc_specialist", "cc_specialist", "acc_staff")

# role × service → (own region, another region): True = may file, False = refused with a reason.
EXPECTED = {
    FilingService.STATUS: {"specialist": (True, False), "operator": (True, True), "api": (True, True)},
    FilingService.QUOTA: {"specialist": (True, False), "operator": (True, True), "api": (True, True),
                          "cc_specialist": (True, True)},
    FilingService.RESIDENCE: {"specialist": (True, False), "head": (True, False), "api": (True, True)},
}
CASES = [(service, role, other, EXPECTED[service].get(role, (False, False))[other])
         for service in FilingService for role in ROLES for other in (0, 1)]


@pytest.fixture
def regions(db):
    return staffed_region(), staffed_region()


@pytest.mark.parametrize("service,role,other,allowed", CASES,
                         ids=[f"{s}-{r}-{'other' if o else 'own'}" for s, r, o, _a in CASES])
def test_d18_who_files_where_one_rule_for_every_role_and_service(regions, service, role, other, allowed):
    """Decision 18: provider staff file in their own region only; filers (State Corporation, career centres,
    portal clients) file with the provider region the rules name, also another; other roles file nothing."""
    own, another = regions
    actor = getattr(own, role)
    target = (another if other else own).region
    if allowed:
        filing_ensure(actor, service=service, provider_region=target)
    else:
        with pytest.raises(PermissionDenied) as refused:
            filing_ensure(actor, service=service, provider_region=target)
        assert str(refused.value)  # a refusal says why


def test_d18_a_mission_officer_files_status_for_any_settlement_region(regions):
    """Decision 18 / STA-5: a foreign mission (no region) files status applications for the region named."""
    from kandas.roles import Role
    from tests.factories import OrganisationFactory, make_staff

    officer = make_staff(Role.MISSION_OFFICER, organisation=OrganisationFactory(kind="MISSION", region=None))
    filing_ensure(officer, service=FilingService.STATUS, provider_region=regions[1].region)
    with pytest.raises(PermissionDenied):
        filing_ensure(officer, service=FilingService.QUOTA, provider_region=regions[1].region)


# --- the status API: another region's person, the filer's own filing, one open application ---------------
def _status_payload(region, iin, **applicant):
    return {"sub_type": "general", "channel": "portal", "region": region.kato, "consent": "otp",
            "applicant": {"iin": iin, "surname": "Тестов", "given_name": "Тест", **applicant}}


@pytest.fixture
def status_worlds(db):
    from tests.status.helpers import build_region

    return build_region(), build_region()


def test_d18_status_filing_naming_another_regions_iin_answers_nothing_of_that_person(client, status_worlds):
    """Decision 18 / issue 14: an IIN of a person registered in another region reads exactly like a new IIN:
    the answer carries no name or birth date of the registry, and nothing the filer sent is written onto the
    person."""
    world, other = status_worlds
    stranger = PersonFactory(region=other.region, surname="Жасырын", given_name="Адам")
    client.force_login(world.api)
    known = client.post(reverse("status_api:application_list"), _status_payload(world.region, stranger.iin),
                        content_type="application/json")
    new = client.post(reverse("status_api:application_list"), _status_payload(world.region, valid_iin(
        datetime.date(1979, 3, 3))), content_type="application/json")
    assert known.status_code == new.status_code == 201, known.content
    assert "Жасырын" not in known.content.decode() and str(stranger.birth_date) not in known.content.decode()
    assert sorted(known.json()) == sorted(new.json())
    assert {m["person"] for m in known.json()["missing_documents"]} == {stranger.iin}
    detail = client.get(reverse("status_api:application_detail", args=[known.json()["id"]]))
    assert "Жасырын" not in detail.content.decode()
    assert Person.objects.get(pk=stranger.pk).surname == "Жасырын"  # the registry is not overwritten


def test_one_open_status_application_per_person_and_sub_type(client, status_worlds):
    """Issue 14: a second open application for one IIN is refused (409) and points to the open one for the
    filer who may see it; another filer gets the neutral answer without a number or a link."""
    world, other = status_worlds
    iin = valid_iin(datetime.date(1981, 6, 7))
    client.force_login(world.api)
    first = client.post(reverse("status_api:application_list"), _status_payload(world.region, iin),
                        content_type="application/json")
    assert first.status_code == 201
    second = client.post(reverse("status_api:application_list"), _status_payload(world.region, iin),
                         content_type="application/json")
    assert second.status_code == 409
    assert second.json()["open_application"]["ref"] == first.json()["ref"]
    client.force_login(other.api)
    third = client.post(reverse("status_api:application_list"), _status_payload(world.region, iin),
                        content_type="application/json")
    assert third.status_code == 409 and "open_application" not in third.json()
    assert first.json()["ref"] not in third.content.decode()
    assert StatusApplication.objects.filter(applicant__iin=iin).count() == 1


def test_d18_mio_specialist_may_not_file_status_into_another_region(client, status_worlds):
    """Decision 18: the provider's staff file in their own region only; the page says why."""
    from status.services import application_submit

    world, other = status_worlds
    with pytest.raises(PermissionDenied, match="только в регионе"):
        application_submit(actor=world.specialist, sub_type="general", channel="govcorp", region=other.region,
                           applicant={"surname": "А", "given_name": "Б"})


# --- impossible birth dates ----------------------------------------------------------------------------
def test_birth_date_0001_is_refused_on_the_status_api(client, status_worlds):
    """Issue 14: a date of birth of 0001-01-01 (or before 1900) is refused with a field error, not stored."""
    world, _other = status_worlds
    client.force_login(world.api)
    payload = _status_payload(world.region, "", birth_date="0001-01-01")
    response = client.post(reverse("status_api:application_list"), payload, content_type="application/json")
    assert response.status_code == 400 and "birth_date" in str(response.json())
    assert not Person.objects.filter(birth_date__lt=datetime.date(1900, 1, 1)).exists()


def test_birth_date_before_1900_is_refused_on_the_person_form(client, regions):
    """Issue 14: the person form refuses a date of birth before 01.01.1900 next to the field."""
    own, _other = regions
    client.force_login(own.specialist)
    response = client.post(reverse("kandas:person_create"), {
        "surname": "Ескі", "given_name": "Адам", "birth_date": "0001-01-01", "region": own.region.pk,
        "nationality": "казах", "consent_given": "on", "consent_method": "paper"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "cannot be before 01.01.1900" in response.content.decode()
    assert not Person.objects.filter(surname="Ескі").exists()


def test_birth_date_before_1900_is_refused_on_the_family_member_form(regions):
    """Issue 14: the family-member rows of the status intake refuse an impossible date of birth."""
    from status.forms import FamilyMemberForm

    form = FamilyMemberForm(data={"surname": "А", "given_name": "Б", "birth_date": "1899-12-31",
                                  "kinship": "spouse"})
    assert not form.is_valid() and "birth_date" in form.errors


# --- parallel registrations of one new IIN (PostgreSQL) -------------------------------------------------
def _race(n, call):
    results, barrier = [], threading.Barrier(n)

    def run():
        try:
            barrier.wait()
            results.append(call())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


postgres_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs PostgreSQL row locks")


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_person_registrations_of_one_new_iin_have_one_winner_and_no_500():
    """Issue 14: 8 registrations of one new IIN at once: one person, the others get "already registered"
    with a link to the record (their region's), never a 500."""
    own = staffed_region()
    iin = valid_iin(datetime.date(1990, 2, 2))
    from kandas.models import StateRecord

    StateRecord.objects.create(iin=iin, kind=StateRecord.Kind.IDENTITY, payload={"surname": "Жарыс"})
    users = [own.specialist] * 8

    def post():
        c = Client(HTTP_ACCEPT_LANGUAGE="en")
        c.force_login(users[0])
        r = c.post(reverse("kandas:person_create"), {
            "iin": iin, "surname": "Жарыс", "given_name": "Бір", "region": own.region.pk, "nationality": "казах",
            "consent_given": "on", "consent_method": "paper"})
        return r.status_code, r.content.decode()

    results = _race(8, post)
    assert Person.objects.filter(iin=iin).count() == 1
    assert sorted(code for code, _body in results) == [200] * 7 + [302]
    # The losers see the form again with "already registered" (a link where the record is theirs to see).
    assert any("duplicate-link" in body for code, body in results if code == 200)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_parallel_status_filings_of_one_new_iin_have_one_winner_and_no_500():
    """Issue 14: 8 status filings of one new IIN at once on the API: one person, one application; the others
    get 409 pointing to the open application, never a 500."""
    from tests.status.helpers import build_region

    world = build_region()
    iin = valid_iin(datetime.date(1991, 3, 3))

    def post():
        c = Client()
        c.force_login(world.api)
        r = c.post(reverse("status_api:application_list"), _status_payload(world.region, iin),
                   content_type="application/json")
        return r.status_code, r.json()

    results = _race(8, post)
    assert sorted(code for code, _b in results) == [201] + [409] * 7
    winner = next(b for code, b in results if code == 201)
    assert all(b["open_application"]["ref"] == winner["ref"] for code, b in results if code == 409)
    assert Person.objects.filter(iin=iin).count() == 1
    assert StatusApplication.objects.filter(applicant__iin=iin).count() == 1
