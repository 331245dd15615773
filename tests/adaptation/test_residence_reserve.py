"""RES-6 reserve order under churn and RES-9 early termination (family vs one member)."""
import pytest
from django.utils import timezone

from adaptation.models import Bed, BedState, ResidenceApplication, ResidenceState, StayState
from adaptation.selectors.residence import centre_occupancy, reserve_list
from adaptation.services.residence import application_refuse, check_in, referral_prepare, reserve_enter
from adaptation.services.residence_auto import referrals_lapse_due
from adaptation.services.stay import check_out, member_vacated, termination_decide, termination_propose
from kandas.models import Deadline
from kandas.signing import signature_verify
from kandas.transitions import ActionNotAllowed

from .factories import residence_world
from .helpers import days, issue, referred, register, talons_all

pytestmark = pytest.mark.django_db


def _state(app):
    return ResidenceApplication.objects.get(pk=app.pk).state


def _living(staff, app):
    app = referred(staff, app)
    return check_in(application_id=app.pk, actor=staff.centre_staff, house_rules_acknowledged=True)


def _to_reserve(staff, app):
    talons_all(staff, app)
    return reserve_enter(application_id=app.pk, actor=staff.specialist)


def test_res6_reserve_order_under_churn_big_family_keeps_its_turn(django_capture_on_commit_callbacks):
    """RES-6: freed beds go strictly in journal order. A family of 5 at the head does not lose its turn
    to a family of 2 behind it: freed beds are held for the head until 5 are free, then the MIO gets
    a task to issue the referral; the family of 2 comes next."""
    staff = residence_world(beds=6, per_room=3)
    centre = staff.centre
    a = _living(staff, register(staff, adults=1, children=1))        # 3 beds
    b = _living(staff, register(staff, adults=1, children=1))        # 3 beds → full
    big = _to_reserve(staff, register(staff, adults=1, children=3))  # 5 persons, journal 3
    small = _to_reserve(staff, register(staff, adults=1))            # 2 persons, journal 4
    assert [r.pk for r in reserve_list(centre=centre)] == [big.pk, small.pk]

    # churn 1: family A leaves → 3 beds free; they are held for the big family, the small one waits
    with django_capture_on_commit_callbacks(execute=True):
        termination_propose(application_id=a.pk, actor=staff.centre_staff, violation="noise at night")
        termination_decide(application_id=a.pk, actor=staff.head, decision="evict", reason="repeated")
    assert _state(big) == ResidenceState.RESERVE and _state(small) == ResidenceState.RESERVE
    assert Bed.objects.filter(application=big, state=BedState.HELD).count() == 3
    assert centre_occupancy(centre=centre).beds[BedState.FREE] == 0
    assert reserve_list(centre=centre)[0].beds_held == 3
    occupancy = centre_occupancy(centre=centre)
    assert (occupancy.reserve_length, occupancy.reserve_persons) == (2, 7)

    # churn 2: a new registration cannot take the held beds either: it has to join the reserve
    late = register(staff, adults=0)
    talons_all(staff, late)
    with pytest.raises(ActionNotAllowed, match="Только 0 свободных"):
        referral_prepare(application_id=late.pk, actor=staff.specialist)
    late = reserve_enter(application_id=late.pk, actor=staff.specialist)

    # churn 3: family B's residence ends and it checks out → 3 more beds: the big family is complete
    from adaptation.services.stay import residence_end
    residence_end(application_id=b.pk, on=timezone.localdate(), reason="test")
    with django_capture_on_commit_callbacks(execute=True):
        check_out(application_id=b.pk, actor=staff.centre_staff)
    assert _state(big) == ResidenceState.OFFERED
    assert Bed.objects.filter(application=big, state=BedState.HELD).count() == 5
    offer = Deadline.objects.get(case_id=big.pk, rule="RES-6*")
    assert offer.organisation == staff.specialist.staff.organisation and offer.state == Deadline.State.OPEN
    assert staff.specialist.notifications.filter(key=f"res-offer:{big.pk}").exists()
    # the one remaining bed is held for the small family (next in line), not for the later single person
    assert Bed.objects.filter(application=small, state=BedState.HELD).count() == 1
    assert Bed.objects.filter(application=late).count() == 0

    # churn 4: the big family's referral lapses → its 5 beds go to the small family, then the single person
    big = issue(staff, big, handed_over_on=days(-4))
    assert Deadline.objects.get(case_id=big.pk, rule="RES-6*").state == Deadline.State.MET
    referrals_lapse_due()
    assert _state(big) == ResidenceState.LAPSED
    assert _state(small) == ResidenceState.OFFERED and _state(late) == ResidenceState.OFFERED
    assert [r.journal_no for r in reserve_list(centre=centre)] == []
    assert centre_occupancy(centre=centre).beds[BedState.FREE] == 3


def test_res6_refusing_the_head_passes_its_held_beds_on(staff):
    """RES-6: a reserve head that is refused releases the beds held for it to the next in line."""
    full = _living(staff, register(staff, adults=1, children=2))  # all 4 beds
    head = _to_reserve(staff, register(staff, adults=1, children=2))
    nxt = _to_reserve(staff, register(staff, adults=0))
    termination_propose(application_id=full.pk, actor=staff.centre_staff, violation="fight",
                        member_id=full.persons.filter(kinship="son").first().pk)
    termination_decide(application_id=full.pk, actor=staff.head, decision="evict", reason="violence")
    assert Bed.objects.filter(application=head, state=BedState.HELD).count() == 1
    application_refuse(application_id=head.pk, actor=staff.specialist, reason="talon never came")
    assert _state(nxt) == ResidenceState.OFFERED


def test_res9_eviction_of_one_member_keeps_the_family(staff, django_capture_on_commit_callbacks):
    """RES-9: the centre proposes, the MIO decides within 1 working day for ONE member: that member is
    evicted and his bed freed; the family stays; RES-11: he vacates within 3 days of the decision."""
    app = _living(staff, register(staff, adults=1, children=1))
    son = app.persons.get(kinship="son")
    proposal = termination_propose(application_id=app.pk, actor=staff.centre_staff, violation="alcohol", member_id=son.pk)
    decide = Deadline.objects.get(case_id=app.pk, rule="RES-9")
    assert decide.organisation == app.organisation and decide.due > timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        termination_decide(application_id=app.pk, actor=staff.head, decision="evict", reason="confirmed")
    assert _state(app) == ResidenceState.RESIDING
    assert ResidenceApplication.objects.get(pk=app.pk).persons.get(pk=son.pk).stay_state == StayState.EVICTED
    assert Bed.objects.filter(application=app, state=BedState.OCCUPIED).count() == 2
    assert Bed.objects.filter(centre=staff.centre, state=BedState.FREE).count() == 2
    proposal.refresh_from_db()
    assert proposal.vacate_by == days(3)
    assert Deadline.objects.get(case_id=app.pk, rule="RES-11").due == days(3)
    assert signature_verify(app.signatures.get(purpose=proposal.purpose)).ok
    member_vacated(application_id=app.pk, resident_id=son.pk, actor=staff.centre_staff)
    assert Deadline.objects.get(case_id=app.pk, rule="RES-11").state == Deadline.State.MET


def test_res9_eviction_of_the_whole_family_and_stay_decision(staff):
    """RES-9: 'stay' keeps everyone; eviction of the family frees every bed and the family vacates
    within 3 calendar days of the decision (RES-11)."""
    app = _living(staff, register(staff, adults=1))
    termination_propose(application_id=app.pk, actor=staff.centre_staff, violation="late return")
    termination_decide(application_id=app.pk, actor=staff.head, decision="stay", reason="first time")
    assert _state(app) == ResidenceState.RESIDING
    termination_propose(application_id=app.pk, actor=staff.centre_staff, violation="damage")
    with pytest.raises(Exception):  # the MIO specialist is not the signer of the decision
        termination_decide(application_id=app.pk, actor=staff.specialist, decision="evict", reason="x")
    termination_decide(application_id=app.pk, actor=staff.head, decision="evict", reason="damage confirmed")
    app = ResidenceApplication.objects.get(pk=app.pk)
    assert app.state == ResidenceState.EVICTED and app.vacate_by == days(3)
    assert not Bed.objects.filter(application=app).exists()
    assert set(app.persons.values_list("stay_state", flat=True)) == {StayState.EVICTED}
    assert Deadline.objects.get(case_id=app.pk, rule="RES-10").state == Deadline.State.CANCELLED
    app = check_out(application_id=app.pk, actor=staff.centre_staff)
    assert Deadline.objects.get(case_id=app.pk, rule="RES-11").state == Deadline.State.MET
