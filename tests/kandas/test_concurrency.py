"""Two people acting on the same case at once (PostgreSQL row locks): one wins, the other is told the
case changed — in the service and over HTTP — and nothing is lost."""
import threading
import time
from unittest import mock

import pytest
from django.db import connection
from django.test import Client

from kandas import transitions
from kandas.models import TransitionLog
from kandas.roles import Role
from kandas.transitions import ActionNotAllowed, CaseConflict, case_transition
from tests.example_case.models import ExampleCase, ExampleState
from tests.factories import RegionFactory, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def case_and_people():
    region = RegionFactory()
    first = make_staff(Role.MIO_SPECIALIST, region=region)
    org = first.staff.organisation
    second = make_staff(Role.MIO_SPECIALIST, region=region, organisation=org)
    case = ExampleCase.objects.create(region=region, organisation=org, filed_on="2026-03-18")
    return case, first, second


def _slow_lock_holder():
    """The winner holds the case's row lock for a while, so the loser really waits on it."""
    original = transitions.ensure_can

    def slow(actor, case, name, **kwargs):
        original(actor, case, name, **kwargs)
        time.sleep(0.5)

    return mock.patch.object(transitions, "ensure_can", slow)


def _run_together(*jobs):
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(i, job):
        try:
            barrier.wait()
            results[i] = job()
        except Exception as exc:  # noqa: BLE001 - the outcome is what we assert on
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_two_simultaneous_transitions_one_wins_other_gets_conflict(case_and_people):
    """Both saw version 0 and press "review" with different remarks at the same moment."""
    case, first, second = case_and_people

    def act(user, remarks):
        return lambda: case_transition(case=case, transition="review", actor=user, seen_version=0,
                                       kwargs={"remarks": remarks})

    with _slow_lock_holder():
        results = _run_together(act(first, "by first"), act(second, "by second"))
    winners = [r for r in results if isinstance(r, ExampleCase)]
    losers = [r for r in results if isinstance(r, Exception)]
    assert len(winners) == 1 and len(losers) == 1 and isinstance(losers[0], CaseConflict), results
    saved = ExampleCase.objects.get(pk=case.pk)
    assert (saved.state, saved.version, saved.remarks) == (ExampleState.REVIEWED, 1, winners[0].remarks)
    assert TransitionLog.objects.filter(case_id=case.pk).count() == 1


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_simultaneous_without_seen_version_the_loser_is_told_the_state_moved(case_and_people):
    """Without a version the lock still serialises: the second finds the case already reviewed."""
    case, first, second = case_and_people
    with _slow_lock_holder():
        results = _run_together(
            lambda: case_transition(case=case, transition="review", actor=first),
            lambda: case_transition(case=case, transition="review", actor=second))
    assert sum(isinstance(r, ExampleCase) for r in results) == 1
    assert sum(isinstance(r, ActionNotAllowed) for r in results) == 1
    assert TransitionLog.objects.filter(case_id=case.pk).count() == 1


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_two_simultaneous_posts_over_http_one_gets_the_reload_message(case_and_people):
    """Over HTTP: both get a redirect (no 500); the loser's page says 'changed by someone else'."""
    case, first, second = case_and_people
    clients = []
    for user in (first, second):
        c = Client(HTTP_ACCEPT_LANGUAGE="en")
        c.force_login(user)
        clients.append(c)

    def post(c, remarks):
        return lambda: c.post(f"/example/{case.pk}/act/review/", {"seen_version": 0, "remarks": remarks})

    with _slow_lock_holder():
        responses = _run_together(post(clients[0], "one"), post(clients[1], "two"))
    assert [r.status_code for r in responses] == [302, 302], responses
    pages = [c.get(f"/example/{case.pk}/").content.decode() for c in clients]
    assert sum("changed by someone else" in p for p in pages) == 1
    saved = ExampleCase.objects.get(pk=case.pk)
    assert saved.version == 1 and saved.remarks in ("one", "two")
