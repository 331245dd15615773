"""The residence and adaptation-services lists to the standard of every list (tests/list_checks.py)."""
import pytest
from django.utils.text import format_lazy
from django.utils.text import format_lazy

import adaptation.views.residence as residence_views
import adaptation.views.support as support_views
from adaptation.models import ResidenceState, SupportState
from tests.list_checks import assert_case_list_standard, assert_no_raw_states, client_for, rename

from .helpers import register
from .support_world import build_world, make_family, register as support_register

pytestmark = pytest.mark.django_db


def test_residence_list_keeps_filters_searches_any_case_and_number_and_names_an_empty_search(staff, monkeypatch):
    a, b = register(staff, surname="Қасымов"), register(staff, surname="Қасымов")
    other = register(staff, surname="Ермеков")
    assert_case_list_standard(staff.specialist, "/adaptation/residence/", residence_views, monkeypatch, [a, b], other,
                              {"state": a.state}, format_lazy("state: {}", ResidenceState(a.state).label))
    for language in ("en", "kk"):
        page = client_for(staff.specialist, language).get("/adaptation/residence/").content.decode()
        assert_no_raw_states(page, language, ResidenceState)


def test_support_list_keeps_filters_searches_any_case_and_number_and_names_an_empty_search(db, monkeypatch):
    world = build_world()
    apps = [support_register(world, make_family(world.exit.region)) for _ in range(3)]
    rename(apps[0].applicant), rename(apps[1].applicant)
    rename(apps[2].applicant, "Ермеков")
    a = apps[0]
    assert_case_list_standard(world.exit.cc_specialist, "/adaptation/support/", support_views, monkeypatch,
                              apps[:2], apps[2], {"state": a.state}, format_lazy("step: {}", SupportState(a.state).label))
    for language in ("en", "kk"):
        page = client_for(world.exit.cc_specialist, language).get("/adaptation/support/").content.decode()
        assert_no_raw_states(page, language, SupportState)
