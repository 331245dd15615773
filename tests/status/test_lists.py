"""The status application list to the standard of every list (tests/list_checks.py)."""
import pytest

import status.views.cases as views
from django.utils import translation

from status.models import ApplicationState, Channel, SubType
from kandas.models import Person
from tests.list_checks import assert_next_page_keeps, assert_no_raw_states, empty_message, one_per_page
from tests.status.helpers import build_region, file_application
from tests.html import reader_client

pytestmark = pytest.mark.django_db
URL = "/status/"


def _client(user, language="en"):
    return reader_client(user, language)


def _named(world, surname):
    app = file_application(world)
    person = Person.objects.get(pk=app.applicant_id)
    person.surname, person.given_name, person.patronymic = surname, "Бауыржан", ""
    person.save()
    return app


@pytest.fixture
def cases():
    world = build_region()
    return world, [_named(world, "Қасымов"), _named(world, "Қасымов"), _named(world, "Ермеков")]


def test_second_page_keeps_search_and_state(cases, monkeypatch):
    world, (a, b, _c) = cases
    one_per_page(monkeypatch, views)
    second = assert_next_page_keeps(_client(world.specialist), URL, {"q": "kasymov", "state": a.state})
    assert (a.ref in second) != (b.ref in second)  # the other of the two, not the first again


@pytest.mark.parametrize("query", ["kasymov", "KASYMOV", "Қасымов", "ҚАСЫМОВ", "kassymov bauyrzhan"])
def test_search_ignores_case_and_spelling(cases, query):
    world, (a, b, c) = cases
    page = _client(world.specialist).get(URL, {"q": query}).content.decode()
    assert a.ref in page and b.ref in page and c.ref not in page


def test_search_by_case_number_in_any_case(cases):
    world, (a, b, _c) = cases
    page = _client(world.specialist).get(URL, {"q": a.ref.lower()}).content.decode()
    assert a.ref in page and b.ref not in page


@pytest.mark.parametrize(("language", "words"), [
    ("en", "No applications match «Zzyx», state: "), ("ru", "Нет заявлений по запросу «Zzyx», состояние: "),
    ("kk", "«Zzyx», күйі: "),
])
def test_empty_result_says_what_was_searched(cases, language, words):
    world, (a, _b, _c) = cases
    message = empty_message(_client(world.specialist, language).get(URL, {"q": "Zzyx", "state": a.state})
                            .content.decode())
    with translation.override(language):
        state = str(ApplicationState(a.state).label)
    assert words + state in message, message


@pytest.mark.parametrize("language", ["en", "kk"])
def test_no_raw_state_codes_on_the_list(cases, language):
    world, _apps = cases
    page = _client(world.specialist, language).get(URL).content.decode()
    assert_no_raw_states(page, language, ApplicationState, Channel, SubType)
