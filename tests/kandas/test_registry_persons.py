"""Registry screens over HTTP: search, person page, person form (IIN checks, duplicates, GEN-2 prefill, GEN-3)."""
import datetime

import pytest
from django.urls import reverse

from kandas.iin import iin_build
from kandas.models import Consent, Document, Person, PersonalDataAccess, StateRecord
from kandas.roles import Role
from tests.factories import PersonFactory, RegionFactory, make_staff, valid_iin

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


@pytest.fixture
def state_identity():
    """GEN-2: put a person into the local persons database the gateway answers from."""

    def make(iin, **payload):
        return StateRecord.objects.create(iin=iin, kind=StateRecord.Kind.IDENTITY, payload=payload)

    return make


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def specialist(region):
    return make_staff(Role.MIO_SPECIALIST, region=region)


@pytest.fixture
def client_of(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def _person_post(region, **overrides):
    data = {"iin": "", "surname": "Сейтқали", "given_name": "Ерлан", "patronymic": "", "birth_date": "",
            "sex": "", "birth_place": "", "citizenship": "CN", "nationality": "казах", "country_of_exit": "Китай",
            "region": region.pk, "address": "", "phone": "", "email": "", "consent_given": "on",
            "consent_method": Consent.Method.PAPER}
    data.update(overrides)
    return data


def test_search_by_iin_finds_exactly_that_person(client_of, specialist, region):
    person = PersonFactory(region=region)
    PersonFactory(region=region)
    response = client_of(specialist).get(reverse("kandas:person_search"), {"q": person.iin})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [person]


@pytest.mark.parametrize("query", ["Жұмабаев", "жұмаб", "Zhumabaev", "Jumabayev", "zhumab", "Žumabaev"])
def test_search_by_name_in_cyrillic_or_latin(client_of, specialist, region, query):
    person = PersonFactory(region=region, surname="Жұмабаев", given_name="Ерлан")
    PersonFactory(region=region, surname="Оразбеков", given_name="Асқар")
    response = client_of(specialist).get(reverse("kandas:person_search"), {"q": query})
    assert list(response.context["page"].object_list) == [person]
    assert "Zhumabaev Erlan" in response.content.decode()


# Each spelling a caseworker may type, for a person registered as Қасымов Бауыржан Серікұлы / Төлеуов Нұрлан.
SPELLINGS = {
    ("Қасымов", "Бауыржан", "Серікұлы"): [
        "Қасымов", "Касымов", "Kassymov", "Kasymov", "Qasymov", "kasim", "Bauyrzhan Kasymov", "Kassymov Baurzhan",
        "Бауыржан Қасымов", "Baurzhan", "Bauyrjan Qasymov", "Serikovich", "Serikuly Kasymov", "Kasymov B",
    ],
    ("Төлеуов", "Нұрлан", ""): [
        "Төлеуов", "Тулеуов", "Tuleuov", "Töleuov", "Toleuov", "Nurlan Tuleuov", "Нурлан Тулеуов", "Nūrlan Töleuov",
    ],
    ("Жұмабаев", "Ерлан", ""): [
        "Zhumabaev", "Jumabayev", "Жумабаев", "Djumabaev", "Dzhumabaev", "Yerlan Zhumabaev", "Erlan Jumabayev",
    ],
}


@pytest.mark.parametrize(("name", "query"), [(n, q) for n, queries in SPELLINGS.items() for q in queries])
def test_search_finds_the_spellings_passports_use_in_either_name_order(client_of, specialist, region, name, query):
    surname, given, patronymic = name
    person = PersonFactory(region=region, surname=surname, given_name=given, patronymic=patronymic)
    # Near names that must not come up: another given name, another surname, a different vowel.
    PersonFactory(region=region, surname=surname, given_name="Асқар", patronymic="Маратқызы")
    PersonFactory(region=region, surname="Оразбеков", given_name=given)
    PersonFactory(region=region, surname="Қасенов", given_name="Ержан")
    response = client_of(specialist).get(reverse("kandas:person_search"), {"q": query})
    found = list(response.context["page"].object_list)
    assert person in found, query
    if len(query.split()) > 1:
        assert found == [person], query


def test_every_word_of_the_query_must_match(client_of, specialist, region):
    PersonFactory(region=region, surname="Қасымов", given_name="Бауыржан")
    response = client_of(specialist).get(reverse("kandas:person_search"), {"q": "Kasymov Erlan"})
    assert list(response.context["page"].object_list) == []


def test_search_filters_by_sex_and_age_group(client_of, specialist, region):
    man = PersonFactory(region=region, surname="Қасымов", sex="M", birth_date=datetime.date(1980, 1, 1))
    girl = PersonFactory(region=region, surname="Қасымова", sex="F", birth_date=datetime.date(2015, 3, 3))
    client = client_of(specialist)
    found = lambda **f: list(client.get(reverse("kandas:person_search"), {"q": "Kasim", **f}).context["page"])  # noqa
    assert found(sex="F") == [girl]
    assert found(age="adult") == [man]
    assert found(age="minor") == [girl]


def test_short_name_query_finds_nothing_and_says_why(client_of, specialist, region):
    PersonFactory(region=region, surname="Ан")
    response = client_of(specialist).get(reverse("kandas:person_search"), {"q": "Ан"})
    assert list(response.context["page"]) == []
    assert response.context["too_short"]


def test_person_page_logs_every_view_of_personal_data(client_of, specialist, region):
    """GEN-3: access to personal data is logged (who, when, what)."""
    person = PersonFactory(region=region)
    client = client_of(specialist)
    for _ in range(2):
        response = client.get(person.get_absolute_url())
        assert person.iin in response.content.decode()
    log = PersonalDataAccess.objects.filter(person=person)
    assert log.count() == 2
    assert {(a.user_id, a.action, a.detail) for a in log} == {
        (specialist.pk, PersonalDataAccess.Action.VIEW, person.get_absolute_url())}


def test_analyst_sees_person_without_personal_data_and_no_log(client_of, region):
    """GEN-3: roles without the personal-data right see no IIN; nothing personal is shown, so nothing is logged."""
    person = PersonFactory(region=region, address="ул. Абая 1")
    analyst = make_staff(Role.MINISTRY_ANALYST)
    response = client_of(analyst).get(person.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert person.iin not in body and "ул. Абая 1" not in body
    assert not PersonalDataAccess.objects.filter(person=person).exists()


@pytest.mark.parametrize("iin,code,words", [
    ("12345", "format", "12 digits"),
    ("850412712345", "century", "Digit 7"),
    ("850231312345", "birth_date", "not a real birth date"),
    ("850412512345", "birth_date", "in the future"),
])
def test_person_form_says_which_iin_check_failed(client_of, specialist, region, iin, code, words):
    client = client_of(specialist)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("kandas:person_create"), _person_post(region, iin=iin))
    assert response.status_code == 200
    assert response.context["form"].has_error("iin", code)
    assert words in response.content.decode()
    assert not Person.objects.exists()


def test_person_form_wrong_check_digit(client_of, specialist, region):
    iin = iin_build(datetime.date(1990, 1, 31), "M", 7)
    broken = iin[:11] + str((int(iin[11]) + 1) % 10)
    client = client_of(specialist)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("kandas:person_create"), _person_post(region, iin=broken))
    assert response.context["form"].has_error("iin", "checksum")
    assert "check digit" in response.content.decode()
    assert not Person.objects.exists()


def test_duplicate_iin_error_links_to_the_existing_person(client_of, specialist, region):
    existing = PersonFactory(region=region)
    response = client_of(specialist).post(reverse("kandas:person_create"), _person_post(region, iin=existing.iin))
    assert response.context["form"].has_error("iin", "duplicate")
    assert f'href="{existing.get_absolute_url()}"' in response.content.decode()
    assert Person.objects.count() == 1


def test_birth_date_and_sex_must_agree_with_iin(client_of, specialist, region, state_identity):
    iin = valid_iin(datetime.date(1985, 4, 12), "M")
    state_identity(iin, surname="Сейтқали", given_name="Ерлан", birth_date="1985-04-12", sex="M")
    response = client_of(specialist).post(reverse("kandas:person_create"),
                                          _person_post(region, iin=iin, birth_date="1985-04-13", sex="F"))
    form = response.context["form"]
    assert form.has_error("birth_date") and form.has_error("sex")
    assert not Person.objects.exists()


def test_gen2_form_prefills_from_the_persons_database(client_of, specialist, region, state_identity):
    """GEN-2: the persons database answers; the form is prefilled and no identity paper is asked."""
    iin = valid_iin(datetime.date(1985, 4, 12), "F")
    state_identity(iin, surname="Әбдірахманова", given_name="Ғалия", birth_date="1985-04-12", sex="F",
                   citizenship="CN")
    client = client_of(specialist)
    response = client.get(reverse("kandas:person_create"), {"iin": iin})
    form = response.context["form"]
    assert form.initial["surname"] == "Әбдірахманова" and form.initial["sex"] == "F"
    assert b'data-testid="state-found"' in response.content
    response = client.post(reverse("kandas:person_create"),
                           _person_post(region, iin=iin, surname="Әбдірахманова", given_name="Ғалия"))
    person = Person.objects.get(iin=iin)
    assert response.status_code == 302
    assert (person.birth_date, person.sex) == (datetime.date(1985, 4, 12), "F")  # taken from the IIN
    assert not person.documents.exists()  # no paper demanded


def test_gen2_paper_is_asked_only_when_the_state_has_no_record(client_of, specialist, region):
    """GEN-2: no record in the persons database → the identity document scan is required, and stored."""
    iin = valid_iin(datetime.date(1979, 2, 2), "M")
    client = client_of(specialist)
    response = client.get(reverse("kandas:person_create"), {"iin": iin})
    assert b'data-testid="state-missing"' in response.content
    response = client.post(reverse("kandas:person_create"), _person_post(region, iin=iin))
    assert response.context["form"].has_error("identity_file")
    assert not Person.objects.exists()
    from django.core.files.uploadedfile import SimpleUploadedFile
    scan = SimpleUploadedFile("passport.png", PNG, content_type="image/png")
    response = client.post(reverse("kandas:person_create"), _person_post(region, iin=iin, identity_file=scan))
    assert response.status_code == 302
    document = Document.objects.get(person__iin=iin)
    assert document.kind == "identity" and document.uploaded_by == specialist


def test_gen3_consent_is_required_and_recorded_with_who_and_when(client_of, specialist, region, state_identity):
    """GEN-3: no consent → nothing saved; with consent → who took it, when, how."""
    iin = valid_iin(datetime.date(1985, 4, 12), "M")
    state_identity(iin, surname="Сейтқали", given_name="Ерлан", birth_date="1985-04-12", sex="M")
    client = client_of(specialist)
    data = _person_post(region, iin=iin)
    del data["consent_given"]
    response = client.post(reverse("kandas:person_create"), data)
    assert response.context["form"].has_error("consent_given")
    assert not Person.objects.exists()
    client.post(reverse("kandas:person_create"), _person_post(region, iin=iin, consent_method="otp"))
    consent = Consent.objects.get(person__iin=iin)
    assert consent.taken_by == specialist and consent.method == "otp" and consent.given_at is not None
    assert consent.organisation == specialist.staff.organisation
    page = client.get(consent.person.get_absolute_url())
    assert b'data-testid="consent-active"' in page.content


def test_gen3_consent_recorded_and_withdrawn_on_the_person_page(client_of, specialist, region):
    """GEN-3: recording consent later; withdrawing keeps the record."""
    person = PersonFactory(region=region)
    client = client_of(specialist)
    assert b'data-testid="consent-missing"' in client.get(person.get_absolute_url()).content
    client.post(reverse("kandas:consent_add", args=[person.pk]), {"method": "eds", "purpose": "квота"})
    consent = person.consents.get()
    assert (consent.method, consent.taken_by) == ("eds", specialist)
    client.post(reverse("kandas:consent_revoke", args=[person.pk, consent.pk]))
    consent.refresh_from_db()
    assert consent.revoked_at is not None


def test_regional_caseworker_registers_in_own_region_only(client_of, specialist, region, state_identity):
    other = RegionFactory()
    iin = valid_iin(datetime.date(1985, 4, 12), "M")
    state_identity(iin, surname="Сейтқали", given_name="Ерлан")
    client_of(specialist).post(reverse("kandas:person_create"), _person_post(other, iin=iin))
    assert Person.objects.get(iin=iin).region == region


def test_edit_person_validates_and_saves(client_of, specialist, region):
    person = PersonFactory(region=region, surname="Старая")
    client = client_of(specialist)
    data = _person_post(region, iin=person.iin, surname="Новая", birth_date="1985-04-12", sex="M")
    response = client.post(reverse("kandas:person_edit", args=[person.pk]), data)
    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).surname == "Новая"


def test_analyst_may_not_register_persons(client_of):
    analyst = make_staff(Role.CRTR_ANALYST)
    assert client_of(analyst).get(reverse("kandas:person_create")).status_code == 403


def test_iin_api_validates_as_you_type(client_of, specialist):
    iin = iin_build(datetime.date(2005, 6, 1), "F", 3)
    data = client_of(specialist).get(f"/api/v1/iin/{iin}/").json()
    assert {k: data[k] for k in ("valid", "birth_date", "sex", "error")} == {
        "valid": True, "birth_date": "2005-06-01", "sex": "F", "error": None}
    assert data["birth_date_display"] == "01.06.2005"  # what the hint shows, in every language
    bad = client_of(specialist).get("/api/v1/iin/850412712345/").json()
    assert bad["valid"] is False and bad["error"]


def test_too_common_a_fragment_shows_a_sample_and_asks_for_more(client_of, specialist, region, monkeypatch):
    monkeypatch.setattr("kandas.views.registry.SEARCH_MATCH_LIMIT", 2)
    for given in ("Ерлан", "Асқар", "Дәулет"):
        PersonFactory(region=region, surname="Қасымов", given_name=given)
    response = client_of(specialist).get(reverse("kandas:person_search"), {"q": "Kasimov"})
    assert response.context["page"] is None
    assert len(response.context["too_many"]) == 3
    assert b'data-testid="too-many"' in response.content
    response = client_of(specialist).get(reverse("kandas:person_search"), {"q": "Kasimov Erlan"})
    assert [p.given_name for p in response.context["page"]] == ["Ерлан"]
