"""Residence in the adaptation centre through the services (order 331-Ө-М app.1, RES-1…RES-11)."""
import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from adaptation.models import Bed, BedState, ResidenceApplication, ResidenceEvent, ResidenceState, StayState
from adaptation.services.residence import (
    application_register, check_in, referral_issue, referral_prepare, reserve_enter, residence_end_date, talon_record,
)
from adaptation.services.residence_auto import referrals_lapse_due, residences_end_due
from adaptation.services.stay import check_out, residence_record
from kandas.events import kandas_status_expired
from kandas.models import Deadline, Kinship
from kandas.roles import Role
from kandas.signing import signature_verify
from kandas.transitions import ActionNotAllowed
from tests.factories import PersonFactory, make_staff

from .factories import make_kandas_family
from .helpers import days, issue, referred, register, talons_all

pytestmark = pytest.mark.django_db


def _get(app):
    return ResidenceApplication.objects.get(pk=app.pk)


def test_res1_only_kandas_and_their_family_are_registered(staff):
    """RES-1: a person without kandas status in the registry, or a stranger to the family, is refused
    with the reason; a kandas and the registered family are accepted."""
    stranger = PersonFactory(region=staff.region)
    with pytest.raises(ValidationError, match="нет статуса кандаса"):
        application_register(actor=staff.specialist, centre_id=staff.centre.pk, applicant_id=stranger.pk)
    applicant, members = make_kandas_family(staff.region, adults=1)
    other = PersonFactory(region=staff.region)
    with pytest.raises(ValidationError, match="Не являются членами семьи"):
        application_register(actor=staff.specialist, centre_id=staff.centre.pk, applicant_id=applicant.pk,
                             member_ids=[members[0].person.pk, other.pk])
    expired, _m = make_kandas_family(staff.region, status_until=days(-1))
    with pytest.raises(ValidationError, match="RES-1"):
        application_register(actor=staff.specialist, centre_id=staff.centre.pk, applicant_id=expired.pk)
    app = application_register(actor=staff.specialist, centre_id=staff.centre.pk, applicant_id=applicant.pk,
                               member_ids=[members[0].person.pk])
    assert app.persons_count == 2 and ResidenceApplication.objects.count() == 1


def test_res2_res4_res5_application_gets_next_journal_number_and_same_day_step(staff):
    """RES-2: the application for the applicant and N members; RES-4: numbered in the centre's journal
    without gaps; RES-5: a same-day 'consider' step in the MIO's My work."""
    first = register(staff, adults=1, children=2)
    second = register(staff, adults=0)
    assert (first.journal_no, second.journal_no) == (1, 2)
    assert first.persons_count == 4 and first.state == ResidenceState.REGISTERED
    deadline = Deadline.objects.get(case_id=first.pk, rule="RES-5")
    assert deadline.due == timezone.localdate() and deadline.organisation == staff.specialist.staff.organisation
    assert "в тот же день" in deadline.explanation


def test_res2_only_mio_registers(staff):
    """RES-2: the application is filed with the MIO; centre staff may not register it."""
    applicant, _m = make_kandas_family(staff.region)
    with pytest.raises(PermissionDenied):
        application_register(actor=staff.centre_staff, centre_id=staff.centre.pk, applicant_id=applicant.pk)


def test_res3_referral_refused_without_the_talon_of_an_adult_member(staff):
    """RES-3: the referral needs the police talon of the applicant and every ADULT member; the refusal
    names who is missing; a child needs none."""
    app = register(staff, adults=1, children=1)
    rows = {r.kinship: r for r in app.persons.select_related("person")}
    talon_record(application_id=app.pk, resident_id=rows["applicant"].pk, actor=staff.specialist, number="A-1",
                 on=timezone.localdate())
    with pytest.raises(ActionNotAllowed) as exc:
        referral_prepare(application_id=app.pk, actor=staff.specialist)
    assert rows[Kinship.SPOUSE].person.full_name in str(exc.value)
    assert rows[Kinship.SON].person.full_name not in str(exc.value)
    assert _get(app).state == ResidenceState.REGISTERED
    assert not Bed.objects.filter(application=app).exists()
    talon_record(application_id=app.pk, resident_id=rows[Kinship.SPOUSE].pk, actor=staff.specialist, number="B-2",
                 on=timezone.localdate())
    app = issue(staff, app)
    assert app.state == ResidenceState.REFERRED and app.referral_no == 1
    assert Bed.objects.filter(application=app, state=BedState.HELD).count() == 3
    assert app.signatures.get().purpose == "referral"
    assert Deadline.objects.get(case_id=app.pk, rule="RES-5").state == Deadline.State.MET


def test_res6_no_free_beds_means_reserve_and_referral_is_refused(staff):
    """RES-6: with fewer free beds than persons the referral is refused with the count; the application
    enters the reserve instead."""
    big = register(staff, adults=1, children=1)  # 3 of 4 beds
    referred(staff, big)
    small = register(staff, adults=1)  # 2 persons, 1 bed free
    talons_all(staff, small)
    with pytest.raises(ActionNotAllowed, match="Только 1 свободных койко-мест на 2 человек"):
        referral_prepare(application_id=small.pk, actor=staff.specialist)
    small = reserve_enter(application_id=small.pk, actor=staff.specialist)
    assert small.state == ResidenceState.RESERVE
    assert Deadline.objects.get(case_id=small.pk, rule="RES-5").state == Deadline.State.MET


def test_res7_check_in_within_3_calendar_days_then_lapse(staff, django_capture_on_commit_callbacks):
    """RES-7: a referral received 4 days ago lapses (the task), held beds free, MIO and centre notified,
    and the applicant may apply again; one received 3 days ago is still valid."""
    old = referred(staff, register(staff, adults=0), handed_over_on=days(-4))
    fresh = referred(staff, register(staff, adults=0), handed_over_on=days(-3))
    assert Deadline.objects.get(case_id=old.pk, rule="RES-7").due == days(-1)
    with django_capture_on_commit_callbacks(execute=True):
        lapsed = referrals_lapse_due()
    assert lapsed == [old.ref]
    assert _get(old).state == ResidenceState.LAPSED and _get(fresh).state == ResidenceState.REFERRED
    assert not Bed.objects.filter(application=old).exists()
    assert staff.centre_staff.notifications.filter(key=f"res-lapse:{old.pk}").exists()
    assert staff.specialist.notifications.filter(key=f"res-lapse:{old.pk}").exists()
    again = application_register(actor=staff.specialist, centre_id=staff.centre.pk, applicant_id=old.applicant_id)
    assert again.journal_no == 3
    fresh = check_in(application_id=fresh.pk, actor=staff.centre_staff, house_rules_acknowledged=True)
    assert fresh.state == ResidenceState.RESIDING


def test_res7_late_check_in_is_refused_with_the_reason(staff):
    """RES-7: after the 3 calendar days the centre cannot check the family in."""
    app = referred(staff, register(staff, adults=0), handed_over_on=days(-4))
    with pytest.raises(ActionNotAllowed, match="3 календарных дней"):
        check_in(application_id=app.pk, actor=staff.centre_staff, house_rules_acknowledged=True)


def test_res8_check_in_records_house_rules_bedding_and_services(staff):
    """RES-8: house rules acknowledged and bedding issued at check-in; bedding changes and services
    recorded by the centre only while residing."""
    app = referred(staff, register(staff, adults=1))
    with pytest.raises(ValidationError):
        check_in(application_id=app.pk, actor=staff.centre_staff, house_rules_acknowledged=False)
    app = check_in(application_id=app.pk, actor=staff.centre_staff, house_rules_acknowledged=True)
    assert ResidenceEvent.objects.filter(application=app, kind="house_rules").count() == 2
    assert Bed.objects.filter(application=app, state=BedState.OCCUPIED).count() == 2
    residence_record(application_id=app.pk, actor=staff.centre_staff, kind="bedding_changed", note="weekly")
    residence_record(application_id=app.pk, actor=staff.centre_staff, kind="service", note="Kazakh language course")
    assert set(app.events.values_list("kind", flat=True)) >= {"bedding_changed", "service", "bedding_issued"}
    assert signature_verify(app.signatures.get(purpose="referral")).ok  # the referral stays valid after check-in
    with pytest.raises(PermissionDenied):
        residence_record(application_id=app.pk, actor=staff.specialist, kind="service")


@pytest.mark.parametrize("status_days, expected", [(400, "cap"), (40, "status")])
def test_res10_residence_ends_at_six_months_or_status_end_whichever_first(staff, status_days, expected):
    """RES-10 (Decisions 9): residence ends at min(status end, check-in + 6 months)."""
    app = referred(staff, register(staff, adults=0, status_until=days(status_days)))
    app = check_in(application_id=app.pk, actor=staff.centre_staff, house_rules_acknowledged=True)
    cap = residence_end_date(checked_in_on=timezone.localdate(), status_until=None)
    assert cap == timezone.localdate() + relativedelta(months=6)
    assert app.residence_ends_on == (cap if expected == "cap" else days(40))
    d = Deadline.objects.get(case_id=app.pk, rule="RES-10")
    assert d.due == app.residence_ends_on
    assert residences_end_due(today=app.residence_ends_on - datetime.timedelta(days=1)) == []
    assert residences_end_due(today=app.residence_ends_on) == [app.ref]
    app = _get(app)
    assert app.state == ResidenceState.ENDED
    assert app.vacate_by == app.residence_ends_on + datetime.timedelta(days=3)  # RES-11
    vacate = Deadline.objects.get(case_id=app.pk, rule="RES-11")
    assert vacate.due == app.vacate_by and vacate.organisation == staff.centre.organisation


def test_res10_status_expiry_event_ends_residence(staff, django_capture_on_commit_callbacks):
    """RES-10: the registry's kandas_status_expired event ends the residence and notifies the centre;
    a pending application of an ex-kandas is refused (RES-1)."""
    app = referred(staff, register(staff, adults=0))
    app = check_in(application_id=app.pk, actor=staff.centre_staff, house_rules_acknowledged=True)
    pending = register(staff, adults=0)
    with django_capture_on_commit_callbacks(execute=True):
        kandas_status_expired.send(sender=None, person_id=app.applicant_id, expired_on=timezone.localdate())
        kandas_status_expired.send(sender=None, person_id=pending.applicant_id, expired_on=timezone.localdate())
    app = _get(app)
    assert app.state == ResidenceState.ENDED and app.end_reason == "статус кандаса прекращён"
    assert staff.centre_staff.notifications.filter(key=f"res-end:{app.pk}").exists()
    assert _get(pending).state == ResidenceState.REFUSED


def test_res11_check_out_closes_vacate_step_and_frees_beds(staff):
    """RES-11: the centre records the room vacated within 3 calendar days; beds are free again."""
    app = referred(staff, register(staff, adults=1))
    app = check_in(application_id=app.pk, actor=staff.centre_staff, house_rules_acknowledged=True)
    residences_end_due(today=app.residence_ends_on)
    app = check_out(application_id=app.pk, actor=staff.centre_staff)
    assert app.state == ResidenceState.CHECKED_OUT
    assert Deadline.objects.get(case_id=app.pk, rule="RES-11").state == Deadline.State.MET
    assert Bed.objects.filter(centre=staff.centre, state=BedState.FREE).count() == 4
    assert set(app.persons.values_list("stay_state", flat=True)) == {StayState.LEFT}


def test_wrong_role_and_other_region_are_refused(staff):
    """RES-3: only the MIO issues referrals; staff of another region cannot touch the case."""
    app = register(staff, adults=0)
    talons_all(staff, app)
    with pytest.raises(PermissionDenied):
        referral_issue(application_id=app.pk, actor=staff.centre_staff)
    with pytest.raises(PermissionDenied):
        referral_issue(application_id=app.pk, actor=make_staff(Role.MIO_SPECIALIST))
    assert _get(app).state == ResidenceState.REGISTERED
