"""RES-7, RES-9, RES-10 terms on the real calendar; the Celery tasks and the registry events."""
import datetime

import pytest
from django.utils import timezone

from adaptation.models import ResidenceApplication, ResidenceState
from adaptation.services.residence import check_in, residence_end_date
from adaptation.services.stay import termination_propose
from adaptation.tasks import residence_end_due, residence_referrals_lapse
from kandas.models import Deadline
from kandas.services import person_kandas_status_set
from kandas.events import kandas_status_granted
from kandas.workdays import WorkCalendar

from .helpers import days, referred, register

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("checked_in, status_until, expected", [
    (datetime.date(2026, 3, 10), datetime.date(2027, 3, 1), datetime.date(2026, 9, 10)),   # 6 months first
    (datetime.date(2026, 3, 10), datetime.date(2026, 5, 20), datetime.date(2026, 5, 20)),  # status end first
    (datetime.date(2026, 8, 31), None, datetime.date(2027, 2, 28)),  # no status end known: the cap, month-end clamp
])
def test_res10_end_is_min_of_status_end_and_six_months(checked_in, status_until, expected):
    """RES-10 (Decisions 9): min(status end, check-in + 6 months)."""
    assert residence_end_date(checked_in_on=checked_in, status_until=status_until) == expected


def test_res10_status_extension_moves_the_end_but_not_past_six_months(staff):
    """RES-10: the registry's status_granted event re-dates the end of residence and its deadline."""
    app = referred(staff, register(staff, adults=0, status_until=days(30)))
    app = check_in(application_id=app.pk, actor=staff.centre_staff, house_rules_acknowledged=True)
    assert app.residence_ends_on == days(30)
    person_kandas_status_set(person_id=app.applicant_id, since=days(-30), until=days(400))
    kandas_status_granted.send(sender=None, person_id=app.applicant_id, since=days(-30), until=days(400))
    app = ResidenceApplication.objects.get(pk=app.pk)
    cap = residence_end_date(checked_in_on=timezone.localdate(), status_until=None)
    assert app.residence_ends_on == cap
    assert Deadline.objects.get(case_id=app.pk, rule="RES-10").due == cap


def test_res7_and_res10_celery_tasks_call_the_services(staff):
    """RES-7 / RES-10: the scheduled tasks lapse referrals and end residences."""
    lapsing = referred(staff, register(staff, adults=0), handed_over_on=days(-4))
    assert residence_referrals_lapse.delay().get() == [lapsing.ref]
    assert residence_end_due.delay().get() == []
    from adaptation.schedule import PERIODIC_TASKS

    assert {t for t, _cron in PERIODIC_TASKS.values()} >= {
        "adaptation.tasks.residence_referrals_lapse", "adaptation.tasks.residence_end_due"}


def test_res9_decision_due_within_one_working_day_on_the_calendar(staff):
    """RES-9 (Decisions 2): the MIO's decision is due at the end of the next working day."""
    app = referred(staff, register(staff, adults=0))
    check_in(application_id=app.pk, actor=staff.centre_staff, house_rules_acknowledged=True)
    termination_propose(application_id=app.pk, actor=staff.centre_staff, violation="smoking in the room")
    deadline = Deadline.objects.get(case_id=app.pk, rule="RES-9")
    assert deadline.due == WorkCalendar.load().add_working_days(timezone.localdate(), 1)
    assert deadline.organisation == app.organisation
    assert ResidenceApplication.objects.get(pk=app.pk).state == ResidenceState.TERMINATION_PROPOSED


def test_res7_check_in_deadline_is_three_calendar_days_for_the_centre(staff):
    """RES-7: 3 CALENDAR days from receiving the referral (weekends count), in the centre's My work."""
    app = referred(staff, register(staff, adults=0), handed_over_on=days(-1))
    deadline = Deadline.objects.get(case_id=app.pk, rule="RES-7")
    assert deadline.due == days(2) and deadline.organisation == staff.centre.organisation
    assert app.check_in_last_day == days(2)
