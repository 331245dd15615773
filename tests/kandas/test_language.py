"""Language switch: Russian by default, Kazakh and English on request; all UI strings translated."""
import datetime

import pytest
from django.test import Client
from django.urls import reverse

from kandas.iin import iin_build
from kandas.roles import Role
from tests.factories import FamilyFactory, PersonFactory, RegionFactory, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    """A browser that states no language preference: the language comes from the switch or the default."""
    return Client()


@pytest.fixture
def caseworker(client):
    user = make_staff(Role.MIO_SPECIALIST, region=RegionFactory())
    client.force_login(user)
    return user


def test_russian_is_the_default(client, caseworker):
    body = client.get(reverse("kandas:person_search")).content.decode()
    assert '<html lang="ru">' in body
    assert "Моя работа" in body and "Лица" in body


def test_switching_to_kazakh_renders_kazakh_text(client, caseworker):
    response = client.post("/i18n/setlang/", {"language": "kk", "next": reverse("kandas:person_search")})
    assert response.status_code == 302
    body = client.get(response.url).content.decode()
    assert '<html lang="kk">' in body
    assert "Менің жұмысым" in body  # My work
    assert "Тұлғалар" in body  # Persons
    assert "Іздеу" in body  # Search
    assert "Қазақша" in body


def test_kazakh_family_page_and_iin_errors(client, caseworker):
    client.cookies["django_language"] = "kk"
    family = FamilyFactory(applicant=PersonFactory(region=caseworker.staff.organisation.region))
    body = client.get(family.get_absolute_url()).content.decode()
    assert "Туыстық дәрежесі" in body and "өтініш беруші" in body and "кәмелетке толған" in body
    iin = iin_build(datetime.date(1990, 1, 31), "M", 7)
    broken = iin[:11] + str((int(iin[11]) + 1) % 10)
    body = client.post(reverse("kandas:person_create"), {"iin": broken}).content.decode()
    assert "ЖСН-нің бақылау цифры қате" in body


def test_english_on_request(client, caseworker):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get(reverse("kandas:person_search")).content.decode()
    assert "My work" in body and "Persons" in body

