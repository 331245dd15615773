"""Periodic obligations: one per organisation and period, each with a fixed-date deadline (CAL-3), created
idempotently by the daily generator and fulfilled through a logged service."""
import datetime
import threading
import time
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django_celery_beat.models import PeriodicTask

from kandas import obligation_services
from kandas.calendar_seed import calendar_seed
from kandas.deadlines import deadline_sweep, deadlines_warn_calendar_dates
from kandas.models import Deadline, Notification, Obligation, Organisation, TransitionLog
from kandas.obligation_services import obligation_fulfil, obligations_generate
from kandas.obligations import (MONTHLY, QUARTERLY, YEARLY, ObligationKind, day_before, day_of_month_after,
                                obligation_kinds_all, opens_after_end, period_from_code, period_of)
from kandas.roles import Role
from kandas.schedule import beat_schedule_ensure
from kandas.selectors import my_work_deadlines
from quota.rules import locality_list_due
from tests.factories import OrganisationFactory, RegionFactory, make_staff

D = datetime.date


def _career_centres():
    return Organisation.objects.filter(kind=Organisation.Kind.CC)


# ADA-18-like: each career centre reports on the month "not later than the 5th of the following month".
MONTHLY_REPORT = ObligationKind(code="test.monthly_report", label="Monthly report", rule="ADA-18", cadence=MONTHLY,
                                due=day_of_month_after(5), organisations=_career_centres, opens=opens_after_end)


@pytest.fixture
def two_centres(db):
    """Two career centres in two regions, each with a specialist."""
    calendar_seed([2026, 2027])
    first, second = RegionFactory(), RegionFactory()
    a = make_staff(Role.CC_SPECIALIST, region=first)
    b = make_staff(Role.CC_SPECIALIST, region=second)
    return a, b


def test_ada18_dates_5th_of_the_next_month():
    """ADA-18: "not later than the 5th of the following month" — November's report by 05.12.2026,
    December's by 05.01.2027."""
    due = day_of_month_after(5)
    assert due(period_of(MONTHLY, D(2026, 11, 17))) == D(2026, 12, 5)
    assert due(period_from_code(MONTHLY, "2026-12")) == D(2027, 1, 5)


def test_ada20_ada21_quarterly_5th_and_25th_of_the_month_after_the_quarter():
    """ADA-20: the quarterly evaluation by the 5th, ADA-21: the conclusion by the 25th of the month after
    the quarter (Q3 2026 → 05.10.2026 and 25.10.2026; Q4 → January)."""
    q3 = period_from_code(QUARTERLY, "2026-Q3")
    assert (q3.start, q3.end) == (D(2026, 7, 1), D(2026, 9, 30))
    assert day_of_month_after(5)(q3) == D(2026, 10, 5)
    assert day_of_month_after(25)(q3) == D(2026, 10, 25)
    assert day_of_month_after(5)(period_of(QUARTERLY, D(2026, 11, 30))) == D(2027, 1, 5)


def test_quo12_yearly_before_15_december_is_14_december():
    """QUO-12, Decisions 12: "до 15 декабря" ends on 14 December; the list for 2027 is due 14.12.2026."""
    year_2027 = period_from_code(YEARLY, "2027")
    assert (year_2027.start, year_2027.end) == (D(2027, 1, 1), D(2027, 12, 31))
    assert day_before(12, 15)(year_2027) == D(2027, 12, 14)
    assert day_before(12, 15, years_before=1)(year_2027) == D(2026, 12, 14) == locality_list_due(2027)
    kind = obligation_kinds_all()["quota.locality_list"]
    assert (kind.rule, kind.cadence, kind.due(year_2027)) == ("QUO-12", YEARLY, D(2026, 12, 14))
    assert kind.opens(year_2027) == D(2026, 11, 1)


def test_period_codes():
    """ADA-18 / ADA-19 / QUO-12: periods are coded 2026-11, 2026-Q3 and 2026, with their first and last day."""
    assert period_of(MONTHLY, D(2026, 2, 10)).end == D(2026, 2, 28)
    assert period_of(QUARTERLY, D(2026, 8, 1)).code == "2026-Q3"
    assert period_of(YEARLY, D(2026, 8, 1)).code == "2026"
    assert period_from_code(MONTHLY, "2026-11").previous().code == "2026-10"
    with pytest.raises(ValueError):
        period_from_code(QUARTERLY, "2026-Q5")


def test_cal3_generator_run_twice_creates_one_obligation_per_organisation_per_period(two_centres):
    """CAL-3 / ADA-18: on 02.12.2026 each career centre owes November's report, due 05.12.2026 (a fixed
    date); a second run creates nothing; each obligation has exactly one deadline, in "My work"."""
    a, b = two_centres
    assert obligations_generate(today=D(2026, 12, 2), kinds=[MONTHLY_REPORT]) == 2
    assert obligations_generate(today=D(2026, 12, 2), kinds=[MONTHLY_REPORT]) == 0
    assert obligations_generate(today=D(2026, 12, 3), kinds=[MONTHLY_REPORT]) == 0
    assert Obligation.objects.count() == 2
    mine = Obligation.objects.get(organisation=a.staff.organisation)
    assert (mine.period, mine.period_start, mine.period_end, mine.due) == ("2026-11", D(2026, 11, 1),
                                                                            D(2026, 11, 30), D(2026, 12, 5))
    deadline = Deadline.objects.get(case_id=mine.pk, case_type__model="obligation")
    assert (deadline.rule, deadline.unit, deadline.due, deadline.case_ref) == ("ADA-18", "date", D(2026, 12, 5), mine.ref)
    assert deadline.case_url == mine.get_absolute_url()
    assert list(my_work_deadlines(user=a)) == [deadline]
    assert Deadline.objects.count() == 2
    # December's report appears on 1 January.
    assert obligations_generate(today=D(2027, 1, 1), kinds=[MONTHLY_REPORT]) == 2


def test_cal3_an_obligation_due_on_a_sunday_keeps_its_date_and_warns_ahead(two_centres):
    """CAL-3: March's report is due 05.04.2026, a Sunday: the date holds (not moved to Monday), the
    explanation says so, and the staff are warned ahead of it."""
    a, _b = two_centres
    obligations_generate(today=D(2026, 4, 1), kinds=[MONTHLY_REPORT])
    obligation = Obligation.objects.get(organisation=a.staff.organisation, period="2026-03")
    deadline = Deadline.objects.get(case_id=obligation.pk, case_type__model="obligation")
    assert obligation.due == deadline.due == D(2026, 4, 5) and D(2026, 4, 5).weekday() == 6
    assert "05.04.2026" in deadline.explanation and "нерабочий" in deadline.explanation
    assert deadlines_warn_calendar_dates(today=D(2026, 4, 2)) == 2
    assert "05.04.2026" in Notification.objects.get(user=a).text


def test_cal3_the_sweep_flags_an_obligation_not_fulfilled_by_its_date(two_centres):
    """CAL-3: the day after the fixed date the sweep marks the obligation's deadline breached."""
    a, _b = two_centres
    obligations_generate(today=D(2026, 12, 2), kinds=[MONTHLY_REPORT])
    deadline_sweep(today=D(2026, 12, 6))
    deadline = Deadline.objects.get(organisation=a.staff.organisation)
    assert deadline.state == Deadline.State.BREACHED
    assert my_work_deadlines(user=a).get().overdue_rank == 0


@pytest.mark.django_db(transaction=True)
def test_restart_half_way_then_rerun_creates_only_the_rest(two_centres):
    """CAL-3 / ADA-18: a worker that dies half-way keeps the obligations it committed (each with its
    deadline, never one without); the next run, in a new transaction and connection, adds only the rest."""
    real_open = obligation_services.deadline_open
    calls = []

    def dies_on_the_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("worker lost")
        return real_open(**kwargs)

    with mock.patch.object(obligation_services, "deadline_open", dies_on_the_second), pytest.raises(RuntimeError):
        obligations_generate(today=D(2026, 12, 2), kinds=[MONTHLY_REPORT])
    assert Obligation.objects.count() == Deadline.objects.count() == 1
    connection.close()  # a new process: a new connection, a new transaction
    assert obligations_generate(today=D(2026, 12, 2), kinds=[MONTHLY_REPORT]) == 1
    connection.close()
    assert obligations_generate(today=D(2026, 12, 2), kinds=[MONTHLY_REPORT]) == 0
    assert Obligation.objects.count() == Deadline.objects.count() == 2


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
def test_two_generators_at_once_create_one_obligation_each_and_no_error(two_centres):
    """CAL-3 / ADA-18: two workers run the generator at the same moment (PostgreSQL): the unique row and
    the savepoint make one obligation and one deadline per organisation; neither run fails."""
    real_open = obligation_services.deadline_open

    def slow_open(**kwargs):  # hold the inserted row uncommitted while the other run inserts the same
        deadline = real_open(**kwargs)
        time.sleep(0.3)
        return deadline

    barrier = threading.Barrier(2)
    results = [None, None]

    def run(i):
        try:
            barrier.wait()
            results[i] = obligations_generate(today=D(2026, 12, 2), kinds=[MONTHLY_REPORT])
        except Exception as exc:  # noqa: BLE001 - the outcome is what we assert on
            results[i] = exc
        finally:
            connection.close()

    with mock.patch.object(obligation_services, "deadline_open", slow_open):
        threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    assert all(isinstance(r, int) for r in results), results
    assert sum(results) == 2
    assert Obligation.objects.count() == 2 and Deadline.objects.count() == 2


def test_obligation_fulfil_closes_its_deadline_met_or_late_and_logs_it(two_centres):
    """ADA-18 / CAL-3: fulfilled by the 5th → met; after it → breached (kept late); who and when are
    logged; a fulfilled obligation cannot be fulfilled again; another region's centre may not."""
    a, b = two_centres
    obligations_generate(today=D(2026, 12, 2), kinds=[MONTHLY_REPORT])
    mine = Obligation.objects.get(organisation=a.staff.organisation)
    theirs = Obligation.objects.get(organisation=b.staff.organisation)
    with pytest.raises(PermissionDenied):
        obligation_fulfil(obligation_id=mine.pk, actor=b)
    with pytest.raises(ValidationError):
        obligation_fulfil(obligation_id=mine.pk, actor=a, result_url="javascript:alert(1)")
    done = obligation_fulfil(obligation_id=mine.pk, actor=a, note="Отчёт направлен", on=D(2026, 12, 5),
                             result_url="/reports/11/")
    assert (done.state, done.done_on, done.done_by, done.note) == ("done", D(2026, 12, 5), a, "Отчёт направлен")
    assert Deadline.objects.get(case_id=mine.pk, case_type__model="obligation").state == Deadline.State.MET
    log = TransitionLog.objects.get(case_id=mine.pk, case_type__model="obligation")
    assert (log.transition, log.actor, log.target) == ("fulfil", a, "done")
    with pytest.raises(ValidationError):
        obligation_fulfil(obligation_id=mine.pk, actor=a)
    obligation_fulfil(obligation_id=theirs.pk, actor=b, on=D(2026, 12, 7))
    assert Deadline.objects.get(case_id=theirs.pk, case_type__model="obligation").state == Deadline.State.BREACHED
    assert done.history.count() == 2


@pytest.mark.django_db
def test_the_generator_runs_daily_from_beat():
    """CAL-3: the generator is a periodic task in django-celery-beat's tables, once a day."""
    beat_schedule_ensure()
    task = PeriodicTask.objects.get(task="kandas.tasks.obligations_generate_task")
    assert (task.crontab.hour, task.crontab.day_of_month, task.crontab.day_of_week) == ("2", "*", "*")


@pytest.fixture
def listed(two_centres):
    obligations_generate(today=D(2026, 12, 2), kinds=[MONTHLY_REPORT])
    obligations_generate(today=D(2026, 11, 2), kinds=[MONTHLY_REPORT])
    return two_centres


def test_obligations_screen_scoped_filtered_and_paginated(listed, client):
    """CAL-3 / ADA-18: a centre sees its own region's obligations only; the filters keep their values;
    another region's obligation is a 404; labels follow the language."""
    a, b = listed
    client.force_login(a)
    with mock.patch("kandas.views.obligations.obligation_kinds_all", return_value={MONTHLY_REPORT.code: MONTHLY_REPORT}):
        page = client.get(reverse("kandas:obligations"), {"kind": MONTHLY_REPORT.code, "state": "open",
                                                          "period": "2026-1"}).content.decode()
    mine = Obligation.objects.filter(organisation=a.staff.organisation)
    assert mine.count() == 2
    for o in mine:
        assert o.ref in page
    theirs = Obligation.objects.filter(organisation=b.staff.organisation).first()
    assert theirs.ref not in page
    assert f'<option value="{MONTHLY_REPORT.code}" selected>' in page and '<option value="open" selected>' in page
    assert 'value="2026-1"' in page and "to be fulfilled" in page
    assert client.get(reverse("kandas:obligations"), {"period": "2026-10"}).content.decode().count("data-kind=") == 1
    assert client.get(theirs.get_absolute_url()).status_code == 404
    kk = client.get(reverse("kandas:obligations"), HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert "Мерзімді міндеттер" in kk and "орындалуы тиіс" in kk
    ru = client.get(reverse("kandas:obligations"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Периодические обязанности" in ru and "к исполнению" in ru


def test_obligation_page_fulfils_by_hand(listed, client):
    """ADA-18: the centre marks its report sent on the obligation's page; the deadline is closed."""
    a, _b = listed
    client.force_login(a)
    o = Obligation.objects.filter(organisation=a.staff.organisation, period="2026-11").get()
    page = client.get(o.get_absolute_url()).content.decode()
    assert "05.12.2026" in page and "ADA-18" in page
    r = client.post(o.get_absolute_url(), {"note": "Отправлено письмом 12-3/456"})
    assert r.status_code == 302
    assert Obligation.objects.get(pk=o.pk).state == "done"
    assert Deadline.objects.get(case_id=o.pk, case_type__model="obligation").state != Deadline.State.OPEN


def test_national_and_regional_scope(listed, client):
    """ADA-20 / QUO-12: the ministry sees every region's obligations (kandas.scoping)."""
    ministry = OrganisationFactory(kind="MINISTRY", region=None)
    analyst = make_staff(Role.MINISTRY_ANALYST, organisation=ministry)
    client.force_login(analyst)
    assert client.get(reverse("kandas:obligations")).content.decode().count("data-kind=") == Obligation.objects.count()


def test_obligation_admin_is_read_only(listed, client):
    """CAL-3: obligations and their deadlines are written by the generator: read-only in the admin."""
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("root", "root@example.kz", "pass12345"))
    o = Obligation.objects.first()
    assert client.get("/admin/kandas/obligation/?state=open").status_code == 200
    page = client.get(f"/admin/kandas/obligation/{o.pk}/change/")
    assert page.status_code == 200 and 'name="due"' not in page.content.decode()
    assert client.get("/admin/kandas/obligation/add/").status_code == 403
    with translation.override("en"):
        assert o.ref in client.get("/admin/kandas/obligation/").content.decode()


def test_cal3_a_generator_down_for_a_few_days_still_creates_the_obligation_overdue(two_centres):
    """CAL-3 / ADA-18: beat was stopped from 1 to 7 December: the run on 08.12.2026 still creates
    November's report (due 05.12.2026), and the sweep flags it at once; older periods are not filled in."""
    a, _b = two_centres
    assert obligations_generate(today=D(2026, 12, 8), kinds=[MONTHLY_REPORT]) == 2
    assert set(Obligation.objects.values_list("period", flat=True)) == {"2026-11"}
    deadline_sweep(today=D(2026, 12, 8))
    assert Deadline.objects.get(organisation=a.staff.organisation).state == Deadline.State.BREACHED
    assert obligations_generate(today=D(2026, 12, 20), kinds=[MONTHLY_REPORT]) == 0


def test_ada21_a_national_body_owes_an_obligation_without_a_region(db):
    """ADA-20/21 are owed by CRTR, a national body without a region: its obligation and deadline have no
    region and are due on the fixed date."""
    OrganisationFactory(kind="CRTR", region=None)
    evaluation = ObligationKind(code="test.evaluation", label="Evaluation", rule="ADA-20", cadence=QUARTERLY,
                                due=day_of_month_after(5),
                                organisations=lambda: Organisation.objects.filter(kind="CRTR"))
    assert obligations_generate(today=D(2026, 10, 1), kinds=[evaluation]) == 1
    obligation = Obligation.objects.get()
    assert obligation.region is None and obligation.due == D(2026, 10, 5)
    deadline = Deadline.objects.get(step_key="test.evaluation")
    assert deadline.region is None and deadline.due == D(2026, 10, 5)


def test_obligations_screen_pages_by_50_and_the_pages_keep_the_filters(two_centres, client):
    """ADA-18: 51 monthly obligations of one centre: 50 on the first page, the next page keeps the filter."""
    from kandas.obligation_services import obligation_ensure

    a, _b = two_centres
    period = period_from_code(MONTHLY, "2022-01")
    for _ in range(51):
        obligation_ensure(kind=MONTHLY_REPORT, organisation=a.staff.organisation, period=period, today=D(2026, 12, 1))
        period = period.next()
    client.force_login(a)
    first = client.get(reverse("kandas:obligations"), {"state": "open"}).content.decode()
    assert first.count("data-kind=") == 50 and "state=open&amp;page=2" in first  # the link keeps the filter
    second = client.get(reverse("kandas:obligations"), {"state": "open", "page": 2}).content.decode()
    assert second.count("data-kind=") == 1
