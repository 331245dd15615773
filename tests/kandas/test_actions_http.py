"""Actions over HTTP: refusals are messages (never a 500), wrong role 403, other region 404; the case
page shows state, deadlines, timeline and only the allowed actions."""
import pytest

from kandas.roles import Role
from tests.example_case.models import ExampleCase, ExampleState
from tests.factories import RegionFactory, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    region = RegionFactory()
    specialist = make_staff(Role.MIO_SPECIALIST, region=region)
    org = specialist.staff.organisation
    head = make_staff(Role.MIO_HEAD, region=region, organisation=org)
    case = ExampleCase.objects.create(region=region, organisation=org, filed_on="2026-03-18")
    return case, specialist, head


def test_stale_form_gets_the_reload_message_and_changes_nothing(client, setup):
    case, specialist, _head = setup
    client.force_login(specialist)
    client.post(f"/example/{case.pk}/act/review/", {"seen_version": 0, "remarks": "mine"})
    response = client.post(f"/example/{case.pk}/act/review/", {"seen_version": 0, "remarks": "stale"},
                           follow=True)
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    assert ExampleCase.objects.get(pk=case.pk).remarks == "mine"


def test_action_not_allowed_now_is_a_message_with_the_reason(client, setup):
    case, specialist, head = setup
    client.force_login(specialist)
    client.post(f"/example/{case.pk}/act/review/", {"seen_version": 0})
    client.force_login(head)
    response = client.post(f"/example/{case.pk}/act/refuse/", {"seen_version": 1}, follow=True)
    assert response.status_code == 200
    assert "remarks are filled in" in response.content.decode()
    assert ExampleCase.objects.get(pk=case.pk).state == ExampleState.REVIEWED


def test_wrong_role_is_403_and_other_region_is_404(client, setup):
    case, _specialist, head = setup
    client.force_login(head)
    forbidden = client.post(f"/example/{case.pk}/act/review/", {"seen_version": 0})
    assert forbidden.status_code == 403 and "Your role may not take this action" in forbidden.content.decode()
    client.force_login(make_staff(Role.MIO_SPECIALIST, region=RegionFactory()))
    assert client.post(f"/example/{case.pk}/act/review/", {"seen_version": 0}).status_code == 404
    assert ExampleCase.objects.get(pk=case.pk).state == ExampleState.FILED


def test_case_page_shows_only_the_allowed_actions(client, setup):
    case, specialist, head = setup
    client.force_login(specialist)
    page = client.get(f"/example/{case.pk}/").content.decode()
    assert 'data-action="review"' in page and 'data-action="approve"' not in page
    assert "version 2026" in page  # GEN-1: the case page names its rule version
    client.force_login(head)
    page = client.get(f"/example/{case.pk}/").content.decode()
    assert 'data-action="review"' not in page and "no action on this case" in page


def test_escaped_refusal_is_a_message_not_a_500(rf, setup):
    """ConflictMiddleware: a refusal raised outside run_action still answers with a redirect."""
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    from kandas.middleware import ConflictMiddleware
    from kandas.transitions import CaseConflict

    request = rf.post("/example/1/act/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = ConflictMiddleware(lambda r: None).process_exception(request, CaseConflict())
    assert response.status_code == 302
    api = ConflictMiddleware(lambda r: None).process_exception(rf.post("/api/v1/x/"), CaseConflict())
    assert api.status_code == 409


def test_case_page_shows_state_timeline_and_deadlines_with_the_service_term_first(client, setup):
    """The case page: state, the timeline (who moved it from where to where), deadlines with the total
    service term above the steps and how each due date was counted."""
    from kandas.deadlines import deadline_open

    case, specialist, _head = setup
    deadline_open(case=case, step="review", organisation=case.organisation, start=case.filed_on)
    deadline_open(case=case, step="term", organisation=case.organisation, start=case.filed_on)
    client.force_login(specialist)
    client.post(f"/example/{case.pk}/act/review/", {"seen_version": 0})
    page = client.get(f"/example/{case.pk}/").content.decode()
    assert 'data-testid="case-state">reviewed<' in page
    assert "filed → reviewed" in page and specialist.get_full_name() in page
    deadlines = page[page.index('data-testid="case-deadlines"'):page.index('data-testid="case-signatures"')]
    assert deadlines.index("<td>service term") < deadlines.index("<td>review")
    assert "Nowruz Holiday" in deadlines  # 14 working days after 18.03.2026 cross Nauryz (named in the reader's English)


def test_timeline_names_actions_in_the_readers_language_and_folds_a_transitions_own_field_changes(client, setup):
    """A case timeline speaks the reader's language: named actions, full names, no raw 'edit' rows for the
    fields a transition itself saved."""
    case, specialist, head = setup
    client.force_login(specialist)
    client.post(f"/example/{case.pk}/act/review/", {"seen_version": 0, "remarks": "complete"})
    client.cookies["django_language"] = "kk"
    page = client.get(f"/example/{case.pk}/").content.decode()
    timeline = page.split('data-testid="case-timeline"')[1]
    assert specialist.get_full_name() in timeline
    assert "өзгертілді" not in timeline and " edit " not in timeline
