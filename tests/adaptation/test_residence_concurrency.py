"""RES-6/RES-3: two referrals issued at the same moment never book the same bed (PostgreSQL row locks)."""
import threading

import pytest
from django.db import connection, connections

from adaptation.models import Bed, BedState, ResidenceApplication, ResidenceState
from adaptation.services.residence import application_register, referral_issue
from kandas.transitions import ActionNotAllowed

from .factories import residence_world
from .helpers import register, talons_all

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_res6_two_referrals_at_the_same_moment_never_double_book_beds():
    """RES-6 / RES-3: 3 free beds, two families of 2 get referrals in parallel threads: exactly one
    wins, the other is told there are not enough free beds; no bed is held twice."""
    staff = residence_world(beds=3)
    centre = staff.centre
    apps = [register(staff, adults=1) for _ in range(2)]
    for app in apps:
        talons_all(staff, app)
    barrier = threading.Barrier(2)
    outcomes = {}

    def issue(app):
        try:
            barrier.wait()
            referral_issue(application_id=app.pk, actor=staff.head)  # RES-3: the head signs
            outcomes[app.pk] = "issued"
        except ActionNotAllowed as exc:
            outcomes[app.pk] = str(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(app,)) for app in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(o == "issued" for o in outcomes.values()) == [False, True]
    assert any("Только 1 свободных койко-мест на 2 человек" in o for o in outcomes.values())
    states = sorted(ResidenceApplication.objects.filter(pk__in=[a.pk for a in apps]).values_list("state", flat=True))
    assert states == [ResidenceState.REFERRED, ResidenceState.REGISTERED]
    assert Bed.objects.filter(state=BedState.HELD).count() == 2
    assert Bed.objects.filter(state=BedState.FREE).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_res4_parallel_registrations_get_gap_free_journal_numbers():
    """RES-4: applications registered at the same moment get consecutive journal numbers, no duplicates."""
    from .factories import make_kandas_family

    staff = residence_world(beds=3)
    centre = staff.centre
    applicants = [make_kandas_family(staff.region, adults=0)[0] for _ in range(4)]
    barrier = threading.Barrier(4)
    errors = []

    def reg(person):
        try:
            barrier.wait()
            application_register(actor=staff.specialist, centre_id=centre.pk, applicant_id=person.pk)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reg, args=(p,)) for p in applicants]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(ResidenceApplication.objects.values_list("journal_no", flat=True)) == [1, 2, 3, 4]
