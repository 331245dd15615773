"""The quota application list to the standard of every list (tests/list_checks.py)."""
import pytest
from django.utils.text import format_lazy

import quota.views.applications as views
from quota.models import AppState, Channel, QuotaKind
from tests.list_checks import assert_case_list_standard, assert_no_raw_states, client_for, rename

from .helpers import file_kandas, kandas_applicant_make

pytestmark = pytest.mark.django_db
URL = "/quota/"


@pytest.fixture
def cases(world, kandas_family):
    a = file_kandas(world, kandas_family)
    rename(a.applicant)
    b = file_kandas(world, (kandas_applicant_make(world, "Қасымов"), None, None), members=[])
    other = file_kandas(world, (kandas_applicant_make(world, "Ермеков"), None, None), members=[])
    return a, b, other


def test_quota_list_keeps_filters_searches_any_case_and_number_and_names_an_empty_search(world, cases, monkeypatch):
    a, b, other = cases
    assert_case_list_standard(world.specialist, URL, views, monkeypatch, [a, b], other,
                              {"state": a.state, "kind": QuotaKind.KANDAS}, format_lazy("state: {}", AppState(a.state).label))


@pytest.mark.parametrize("language", ["en", "kk"])
def test_quota_list_shows_no_raw_codes(world, cases, language):
    page = client_for(world.specialist, language).get(URL).content.decode()
    assert_no_raw_states(page, language, AppState, Channel, QuotaKind)


def test_quota_list_queries_constant(world, kandas_family, django_assert_max_num_queries):
    client = client_for(world.specialist)
    file_kandas(world, kandas_family)
    with django_assert_max_num_queries(14) as few:
        client.get(URL, {"q": "a"})
    for n in range(5):
        file_kandas(world, (kandas_applicant_make(world, f"Ермеков{n}"), None, None), members=[])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL, {"q": "a"})
