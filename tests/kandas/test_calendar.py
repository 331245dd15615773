"""CAL-1, CAL-2, CAL-3: Kazakhstan's working-day calendar, its arithmetic and what an edit does to
running deadlines."""
import datetime
import io

import pytest

from kandas.transitions import StepOpen
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from kandas.calendar_seed import calendar_seed
from kandas.deadlines import deadline_compute, deadline_open, deadline_pause, deadline_resume, deadlines_warn_calendar_dates
from kandas.models import CalendarDay, Deadline, Notification
from kandas.roles import Role
from kandas.rules import Step
from kandas.workdays import WorkCalendar
from tests.example_case.models import ExampleCase
from tests.factories import RegionFactory, make_staff

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _calendar_2025_2027(db):
    calendar_seed([2025, 2026, 2027])  # idempotent: whatever year the tests run in


@pytest.fixture
def case_and_org():
    region = RegionFactory()
    specialist = make_staff(Role.MIO_SPECIALIST, region=region)
    org = specialist.staff.organisation
    case = ExampleCase.objects.create(region=region, organisation=org, filed_on=D(2026, 3, 18))
    return case, org


def test_cal1_nauryz_2026_and_its_transfers_are_non_working():
    """CAL-1: 21–23.03.2026 Nauryz (Sat–Mon) and its transfers 24–25.03 are non-working; 26.03 works."""
    cal = WorkCalendar.load()
    assert [cal.is_working(D(2026, 3, d)) for d in range(20, 27)] == [True, False, False, False, False, False, True]
    # "within 3 working days after the day of X" = the end of the 3rd working day after X
    assert cal.add_working_days(D(2026, 3, 20), 3) == D(2026, 3, 30)
    assert cal.count_working_days(D(2026, 3, 1), D(2026, 3, 31)) == 18


def test_cal1_explanation_names_the_holidays_and_the_due_date():
    """CAL-1: '3 working days after 20.03.2026: 21.03–25.03 non-working (Наурыз…) → due 30.03.2026'."""
    with translation.override("ru"):
        cal = WorkCalendar.load()
        text = cal.explain_working(D(2026, 3, 20), 3, cal.add_working_days(D(2026, 3, 20), 3))
    assert "20.03.2026" in text and "21.03–25.03" in text and "Наурыз мейрамы" in text
    assert "28.03–29.03" in text and text.endswith("30.03.2026")
    with translation.override("kk"):
        assert "Наурыз мейрамы" in WorkCalendar.load().explain_working(D(2026, 3, 20), 3, D(2026, 3, 30))


def test_cal1_holiday_on_a_weekend_moves_to_monday_but_religious_ones_do_not():
    """CAL-1: Victory Day 09.05.2026 (Sat) → 11.05 off; Women's Day 08.03.2026 (Sun) → 09.03 off;
    Kurban Ait 16.05.2027 (Sun) and 7 January are not moved (17.05.2027 is a working day)."""
    cal = WorkCalendar.load()
    assert not cal.is_working(D(2026, 5, 11)) and not cal.is_working(D(2026, 3, 9))
    assert CalendarDay.objects.get(date=D(2026, 5, 11)).kind == CalendarDay.Kind.DAY_OFF
    assert cal.is_working(D(2027, 5, 17))
    assert CalendarDay.objects.get(date=D(2027, 5, 16)).name_ru == "Курбан айт"
    assert not cal.is_working(D(2026, 1, 7))  # a Wednesday: a holiday where it falls
    assert cal.is_working(D(2027, 1, 8))  # 7.01.2027 is a Thursday: nothing moves to Friday


def test_cal2_seed_brings_decree_swaps_from_the_library():
    """CAL-2: a decree swap the package knows (2025: Friday 03.01 off, Sunday 05.01 worked) is seeded
    as a transferred day off and a working weekend day; weekday holidays are holidays."""
    assert CalendarDay.objects.get(date=D(2025, 1, 3)).kind == CalendarDay.Kind.DAY_OFF
    worked = CalendarDay.objects.get(date=D(2025, 1, 5))
    assert worked.kind == CalendarDay.Kind.WORKING and worked.from_library
    cal = WorkCalendar.load()
    assert cal.is_working(D(2025, 1, 5)) and not cal.is_working(D(2025, 1, 3))
    assert CalendarDay.objects.get(date=D(2026, 12, 16)).kind == CalendarDay.Kind.HOLIDAY
    assert CalendarDay.objects.get(date=D(2026, 12, 16)).name_kk == "Тәуелсіздік күні"


def test_cal2_seed_keeps_administrators_edits(admin_client):
    """CAL-2: the table wins over the library: a deleted or changed day is not restored by re-seeding."""
    day = CalendarDay.objects.get(date=D(2026, 3, 25))
    admin_client.post(f"/admin/kandas/calendarday/{day.pk}/delete/", {"post": "yes"})
    changed = CalendarDay.objects.get(date=D(2026, 3, 24))
    changed.name_ru = "Наурыз (перенос по постановлению)"
    changed.save()
    assert calendar_seed([2026]) == []
    assert not CalendarDay.objects.filter(date=D(2026, 3, 25)).exists()
    assert CalendarDay.objects.get(date=D(2026, 3, 24)).name_ru == "Наурыз (перенос по постановлению)"
    assert WorkCalendar.load().is_working(D(2026, 3, 25))


def test_cal2_working_saturday_added_in_admin_recomputes_running_deadlines(admin_client, case_and_org):
    """CAL-2: an administrator makes Saturday 28.03.2026 a working day; the running deadline over it
    moves from 30.03 to 28.03 and its explanation says why."""
    case, org = case_and_org
    deadline = deadline_open(case=case, step="review", organisation=org, start=D(2026, 3, 20))  # 3 WD (2026)
    untouched = deadline_open(case=case, step="review", organisation=org, start=D(2026, 4, 1))
    assert deadline.due == D(2026, 3, 30)
    response = admin_client.post("/admin/kandas/calendarday/add/", {
        "date": "2026-03-28", "kind": "working", "name_ru": "Рабочая суббота", "name_kk": "Жұмыс сенбісі",
        "decree": "ПП РК №1 от 01.03.2026"}, follow=True)
    assert response.status_code == 200
    assert "получил новую дату" in response.content.decode()  # "1 running deadline got a new due date."
    deadline = Deadline.objects.get(pk=deadline.pk)
    assert deadline.due == D(2026, 3, 28)
    assert "30.03.2026" in deadline.explanation and "28.03.2026" in deadline.explanation
    assert "ПП РК №1" in deadline.explanation
    assert Deadline.objects.get(pk=untouched.pk).due == untouched.due


def test_cal2_holiday_added_and_removed_recomputes_and_reopens_a_breach(case_and_org):
    """CAL-2: a new day off inside a running count moves the due date later; a breach that is no
    longer one reopens; deleting the day moves it back."""
    case, org = case_and_org
    deadline = deadline_open(case=case, step="review", organisation=org, start=D(2026, 4, 6))  # Mon → Thu 09.04
    assert deadline.due == D(2026, 4, 9)
    Deadline.objects.filter(pk=deadline.pk).update(state=Deadline.State.BREACHED)
    holiday = CalendarDay.objects.create(date=D(2026, 4, 8), kind=CalendarDay.Kind.HOLIDAY, name_ru="Траур")
    deadline = Deadline.objects.get(pk=deadline.pk)
    assert deadline.due == D(2026, 4, 10)
    assert "Траур" in deadline.explanation and "08.04.2026" in deadline.explanation
    holiday.delete()
    assert Deadline.objects.get(pk=deadline.pk).due == D(2026, 4, 9)


def test_cal2_moving_a_day_recomputes_both_the_old_and_the_new_date(case_and_org):
    """CAL-2: a holiday moved by an administrator from 08.04 to 15.04 frees the first count, extends the second."""
    case, org = case_and_org
    day = CalendarDay.objects.create(date=D(2026, 4, 8), kind=CalendarDay.Kind.HOLIDAY, name_ru="Х")
    first = deadline_open(case=case, step="review", organisation=org, start=D(2026, 4, 6))
    second = deadline_open(case=case, step="review", organisation=org, start=D(2026, 4, 13))
    assert (first.due, second.due) == (D(2026, 4, 10), D(2026, 4, 16))
    day.date = D(2026, 4, 15)
    day.save()
    assert Deadline.objects.get(pk=first.pk).due == D(2026, 4, 9)
    assert Deadline.objects.get(pk=second.pk).due == D(2026, 4, 17)


def test_cal1_pause_and_resume_keep_the_remaining_working_days(case_and_org):
    """CAL-1: a step paused with 2 working days left runs 2 working days from the resume date, and a
    later calendar edit recomputes from the resume date."""
    case, org = case_and_org
    deadline = deadline_open(case=case, step="review", organisation=org, start=D(2026, 3, 20))  # due 30.03
    assert deadline_pause(case=case, step="review", on=D(2026, 3, 26), reason="hearing postponed") == 1
    paused = Deadline.objects.get(pk=deadline.pk)
    assert (paused.state, paused.remaining) == (Deadline.State.PAUSED, 2)  # 27.03 and 30.03 left
    deadline_resume(case=case, step="review", on=D(2026, 4, 6))
    resumed = Deadline.objects.get(pk=deadline.pk)
    assert (resumed.state, resumed.due) == (Deadline.State.OPEN, D(2026, 4, 8))
    assert "hearing postponed" in resumed.explanation and "08.04.2026" in resumed.explanation
    CalendarDay.objects.create(date=D(2026, 4, 7), kind=CalendarDay.Kind.HOLIDAY, name_ru="Х")
    assert Deadline.objects.get(pk=deadline.pk).due == D(2026, 4, 9)


def test_cal3_calendar_date_keeps_its_date_on_a_non_working_day_and_warns_ahead(case_and_org):
    """CAL-3: 'not later than 5 April 2026' (a Sunday) stays 05.04; staff are warned ahead of it, once."""
    case, org = case_and_org
    step = Step("report", "CAL-3", 0, unit="date", label="report")
    due, note = deadline_compute(step, D(2026, 3, 1), WorkCalendar.load(), fixed_date=D(2026, 4, 5))
    assert due == D(2026, 4, 5) and "05.04.2026" in note
    deadline = deadline_open(case=case, step=step, organisation=org, start=D(2026, 3, 1), fixed_date=D(2026, 4, 5))
    assert deadline.due == D(2026, 4, 5)
    assert deadlines_warn_calendar_dates(today=D(2026, 3, 20)) == 0  # too early
    assert deadlines_warn_calendar_dates(today=D(2026, 4, 2)) == 1
    assert deadlines_warn_calendar_dates(today=D(2026, 4, 3)) == 0  # once
    assert "05.04.2026" in Notification.objects.get().text
    CalendarDay.objects.create(date=D(2026, 4, 6), kind=CalendarDay.Kind.HOLIDAY, name_ru="Х")
    assert Deadline.objects.get(pk=deadline.pk).due == D(2026, 4, 5)


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.dates(D(2025, 1, 1), D(2027, 11, 30)), n=st.integers(0, 60))
def test_cal1_count_and_add_agree(start, n):
    """CAL-1 (property): the N-th working day after X ends a span of exactly N working days after X,
    is itself working (N ≥ 1), and the day before it holds N-1."""
    cal = _calendar()
    due = cal.add_working_days(start, n)
    assert cal.count_working_days(start + datetime.timedelta(days=1), due) == n
    if n:
        assert cal.is_working(due)
        assert cal.count_working_days(start + datetime.timedelta(days=1), due - datetime.timedelta(days=1)) == n - 1


@hsettings(max_examples=200, deadline=None)
@given(first=st.dates(D(2025, 1, 1), D(2027, 12, 31)), span=st.integers(0, 120), cut=st.integers(0, 120))
def test_cal1_count_is_additive(first, span, cut):
    """CAL-1 (property): counting [a, c] equals counting [a, b] plus (b, c]."""
    cal = _calendar()
    last = first + datetime.timedelta(days=span)
    middle = first + datetime.timedelta(days=min(cut, span))
    assert cal.count_working_days(first, last) == cal.count_working_days(first, middle) + cal.count_working_days(
        middle + datetime.timedelta(days=1), last)


_CAL = {}


def _calendar() -> WorkCalendar:
    # hypothesis examples share one calendar read inside the test's transaction
    if "cal" not in _CAL:
        _CAL["cal"] = WorkCalendar.load()
    return _CAL["cal"]


def test_cal1_ten_thousand_due_dates_read_the_calendar_once():
    """CAL-1: computing 10,000 due dates costs one query."""
    steps = [Step("s", "CAL-1", n % 30, label="s") for n in range(10_000)]
    with CaptureQueriesContext(connection) as queries:
        cal = WorkCalendar.load()
        dues = [deadline_compute(s, D(2026, 1, 1) + datetime.timedelta(days=i % 700), cal)[0]
                for i, s in enumerate(steps)]
    assert len(queries) == 1
    assert len(dues) == 10_000 and dues[80] == cal.add_working_days(D(2026, 3, 22), 20)


def test_cal1_workdays_command_adds_and_counts():
    """CAL-1: `manage.py workdays add 2026-03-18 14` prints the ISO date; `count` both ends included."""
    out = io.StringIO()
    call_command("workdays", "add", "2026-03-18", "14", stdout=out)
    assert out.getvalue().strip() == "2026-04-10"
    out = io.StringIO()
    call_command("workdays", "count", "2026-03-01", "2026-03-31", stdout=out)
    assert out.getvalue().strip() == "18"


def test_cal3_calendar_date_step_opened_by_a_transition(case_and_org):
    """CAL-3: a transition opens 'report by 05.04.2026' (a Sunday) with its fixed date."""
    from kandas.transitions import case_transition

    case, org = case_and_org
    specialist = org.staff.first().user
    case_transition(case=case, transition="review", actor=specialist,
                    open=[StepOpen("report", org, start=D(2026, 3, 18), fixed_date=D(2026, 4, 5))])
    deadline = Deadline.objects.get(case_id=case.pk, rule="CAL-3")
    assert deadline.due == D(2026, 4, 5) and deadline.unit == "date"
    assert "05.04.2026" in deadline.explanation
