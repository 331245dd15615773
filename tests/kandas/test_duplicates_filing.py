"""Duplicates when a person is registered or an application filed (issue 15): the registration form warns
before saving a look-alike of a registered person, and the case pages show the applicant's look-alikes."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kandas.duplicate_services import duplicate_dismiss
from kandas.models import Consent, Person
from tests.factories import PersonFactory, staffed_region, valid_iin
from tests.status.helpers import build_region, file_application

BORN = datetime.date(1979, 3, 8)
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100
WARNING_RU = "Возможно, этот человек уже зарегистрирован"
TICK_RU = "Никто из них не тот же человек — зарегистрировать"
PANEL_RU = "Возможно, заявитель зарегистрирован более одного раза"


@pytest.fixture
def client():
    """The reader's default language: Russian."""
    yield Client(HTTP_ACCEPT_LANGUAGE="ru")
    translation.deactivate()


@pytest.fixture
def world(db):
    return staffed_region()


def _registered(region, surname, given_name, *, born=BORN, iin=True):
    return PersonFactory(region=region, surname=surname, given_name=given_name, birth_date=born,
                         iin=valid_iin(born) if iin else None)


def _registration(region, **overrides):
    """The person form as a caseworker fills it for someone without an IIN yet (so with the passport's scan)."""
    data = {"iin": "", "surname": "Hasimu", "given_name": "Nuerlan", "patronymic": "", "birth_date": BORN.isoformat(),
            "sex": "M", "birth_place": "Синьцзян", "citizenship": "CN", "nationality": "казах",
            "country_of_exit": "Китай", "region": region.pk, "address": "с. Шаян", "phone": "+7 701 000 00 00",
            "email": "", "consent_given": "on", "consent_method": Consent.Method.PAPER,
            "identity_file": SimpleUploadedFile("passport.png", PNG, content_type="image/png")}
    data.update(overrides)
    return data


@pytest.mark.parametrize("surname,given_name", [("Hasimu", "Nuerlan"), ("Kassymov", "Nurlan"), ("Nurlan", "Qasymov")],
                         ids=["pinyin", "passport", "2021-alphabet-reversed"])
def test_a_look_alike_with_the_same_birth_date_warns_and_is_saved_only_with_the_tick(world, client, surname,
                                                                                      given_name):
    # given a person registered in Kazakh Cyrillic, and a namesake born on another day
    existing = _registered(world.region, "Қасымов", "Нұрлан")
    namesake = _registered(world.region, "Қасымов", "Нұрлан", born=datetime.date(1990, 1, 1))
    client.force_login(world.specialist)
    url = reverse("kandas:person_create")

    # when the same person is registered again in another spelling, without the tick
    response = client.post(url, _registration(world.region, surname=surname, given_name=given_name))

    # then nothing is saved; the warning links to the registered person only; what was typed is kept
    html = response.content.decode()
    assert response.status_code == 200
    assert not Person.objects.filter(surname=surname).exists()
    assert 'data-testid="new-duplicates"' in html and WARNING_RU in html
    assert html.count('data-testid="new-duplicate-link"') == 1
    assert f'href="{existing.get_absolute_url()}"' in html and f'href="{namesake.get_absolute_url()}"' not in html
    assert "08.03.1979" in html
    assert TICK_RU in html and 'type="checkbox" name="not_a_duplicate"' in html
    for value in (surname, given_name, BORN.isoformat(), "Синьцзян", "с. Шаян", "+7 701 000 00 00"):
        assert f'value="{value}"' in html, value
    assert "Приложите скан документа" in html  # a browser does not keep the chosen file

    # when the caseworker ticks "none of these is the same person"
    response = client.post(url, _registration(world.region, surname=surname, given_name=given_name,
                                              not_a_duplicate="on"))

    # then the person is registered
    created = Person.objects.get(surname=surname)
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert created.birth_date == BORN and created.documents.count() == 1


def test_another_regions_look_alike_is_not_shown_and_does_not_stop_the_registration(world, client):
    # given the same person registered in another region only
    other = staffed_region()
    theirs = _registered(other.region, "Қасымов", "Нұрлан")
    client.force_login(world.specialist)

    # when a caseworker of this region registers the pinyin spelling
    response = client.post(reverse("kandas:person_create"), _registration(world.region))

    # then it is saved at once, nothing of the other region shown
    assert response.status_code == 302
    assert Person.objects.filter(surname="Hasimu", region=world.region).exists()
    page = client.get(response["Location"]).content.decode()
    assert theirs.get_absolute_url() not in page and 'data-testid="likely-duplicates"' not in page


def test_the_persons_database_prefill_warns_before_anything_is_attached(world, client):
    """GEN-2: the IIN look-up fills the name and birth date; a look-alike is shown with the form."""
    from kandas.models import StateRecord

    existing = _registered(world.region, "Жұмабаев", "Ерлан", iin=False)
    iin = valid_iin(BORN)
    StateRecord.objects.create(iin=iin, kind=StateRecord.Kind.IDENTITY,
                               payload={"surname": "Jumabayev", "given_name": "Yerlan", "birth_date": BORN.isoformat()})
    client.force_login(world.specialist)
    html = client.get(reverse("kandas:person_create"), {"iin": iin}).content.decode()
    assert 'data-testid="new-duplicates"' in html and existing.get_absolute_url() in html
    assert 'type="checkbox" name="not_a_duplicate"' in html


def _lookalike_of(person, region, surname="Kassymov", given_name="Nurlan"):
    """The applicant renamed to Қасымов Нұрлан, and the same person registered again in a Latin spelling."""
    person.surname, person.given_name = "Қасымов", "Нұрлан"
    person.save()
    return PersonFactory(region=region, surname=surname, given_name=given_name, birth_date=person.birth_date, iin=None)


def _status_case():
    w = build_region()
    case = file_application(w)
    return w.specialist, case, case.applicant, w.region


def _residence_case():
    from tests.adaptation.factories import residence_world
    from tests.adaptation.helpers import register

    w = residence_world()
    case = register(w)
    return w.specialist, case, case.applicant, w.region


def _support_case():
    from tests.adaptation.support_world import build_world, make_family, register

    w = build_world()
    family = make_family(w.exit.region)
    case = register(w, family)
    return w.exit.cc_specialist, case, family.applicant, w.exit.region


def _quota_case():
    from quota.models import Channel, QuotaKind
    from quota.services import DocumentInput, application_file

    w = staffed_region(kinds=("MIO", "KCOM", "GOVCORP"), roles=("specialist", "operator"))
    applicant = PersonFactory(region=w.region, kandas_status_since=datetime.date(2025, 6, 1),
                              kandas_status_until=datetime.date(2027, 6, 1))
    case = application_file(
        actor=w.operator, kind=QuotaKind.KANDAS, channel=Channel.GOVCORP, applicant_id=applicant.pk,
        region_id=w.region.pk, consent=True, filed_on=datetime.date(2026, 3, 16), members=[],
        eligibility_answers={"status_9_1": True},
        documents=[DocumentInput("identity", "Паспорт КНР E12345678", datetime.date(2030, 1, 1))])
    return w.specialist, case, applicant, w.region


CASES = {"status": _status_case, "quota": _quota_case, "residence": _residence_case, "support": _support_case}


@pytest.mark.parametrize("kind", CASES)
def test_the_case_page_shows_the_applicants_look_alike_of_the_region_only(db, client, kind):
    # given a filed application whose applicant is registered twice here, and once more in another region
    user, case, applicant, region = CASES[kind]()
    twin = _lookalike_of(applicant, region)
    elsewhere = staffed_region()
    PersonFactory(region=elsewhere.region, surname="Qasymov", given_name="Nurlan", birth_date=applicant.birth_date,
                  iin=None)
    client.force_login(user)

    # when the caseworker opens the case
    html = client.get(case.get_absolute_url()).content.decode()

    # then the panel names the twin, with the link to compare the two, and nothing of the other region
    assert 'data-testid="likely-duplicates"' in html and PANEL_RU in html
    assert "Kassymov Nurlan" in html and "Qasymov" not in html
    assert reverse("kandas:duplicate_compare", args=[applicant.pk, twin.pk]) in html


def test_a_dismissed_pair_is_not_shown_on_the_case_page_nor_the_person_page(db, client):
    user, case, applicant, region = _status_case()
    twin = _lookalike_of(applicant, region)
    client.force_login(user)
    assert "Kassymov Nurlan" in client.get(case.get_absolute_url()).content.decode()

    duplicate_dismiss(user=user, first_id=twin.pk, second_id=applicant.pk, reason="близнецы")

    assert 'data-testid="likely-duplicates"' not in client.get(case.get_absolute_url()).content.decode()
    assert 'data-testid="likely-duplicates"' not in client.get(applicant.get_absolute_url()).content.decode()


def test_the_case_page_reads_the_same_number_of_queries_for_one_look_alike_or_four(db, client):
    user, case, applicant, region = _status_case()
    twins = [_lookalike_of(applicant, region)]
    client.force_login(user)
    url = case.get_absolute_url()
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for surname, given_name in (("Qasymov", "Nurlan"), ("Hasimu", "Nuerlan"), ("Хасым", "Нурлан")):
        twins.append(PersonFactory(region=region, surname=surname, given_name=given_name,
                                   birth_date=applicant.birth_date, iin=None))
    with CaptureQueriesContext(connection) as four:
        html = client.get(url).content.decode()
    assert all(reverse("kandas:duplicate_compare", args=[applicant.pk, t.pk]) in html for t in twins)
    assert len(four) == len(one)


def test_d18_a_filer_of_another_regions_person_is_shown_no_look_alikes(db, client):
    """Decision 18: the State Corporation files with its region's MIO for a person registered elsewhere; its
    own region's look-alike would tell the name and birth date it may not see, so no panel at all."""
    from status.services import application_submit

    here, there = build_region(), build_region()
    stranger = PersonFactory(region=there.region, surname="Қасымов", given_name="Нұрлан", birth_date=BORN)
    case = application_submit(actor=here.operator, sub_type="general", channel="govcorp", region=here.region,
                              applicant=stranger, consent_method=Consent.Method.OTP)
    PersonFactory(region=here.region, surname="Kassymov", given_name="Nurlan", birth_date=BORN, iin=None)
    client.force_login(here.operator)
    html = client.get(case.get_absolute_url()).content.decode()
    assert case.ref in html
    assert 'data-testid="likely-duplicates"' not in html and "Kassymov" not in html and "08.03.1979" not in html
