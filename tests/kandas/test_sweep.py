"""The deadline sweep: breaches marked once, the responsible organisation's staff and head notified
once (in-app + e-mail), idempotent on rerun and after a crash half-way."""
import datetime
from unittest import mock

import pytest
from django.core import mail
from django_celery_beat.models import PeriodicTask

from kandas.calendar_seed import calendar_seed
from kandas.deadlines import deadline_open, deadline_sweep
from kandas.models import Deadline, Notification
from kandas.roles import Role
from kandas.tasks import deadlines_sweep_task, notifications_email
from tests.example_case.models import ExampleCase
from tests.factories import RegionFactory, make_staff

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 4, 20)


@pytest.fixture
def org_with_overdue():
    """An MIO (a specialist and its head) with 3 overdue deadlines and 1 on time; another MIO with 1 overdue."""
    calendar_seed([2026])
    region = RegionFactory()
    specialist = make_staff(Role.MIO_SPECIALIST, region=region)
    org = specialist.staff.organisation
    head = make_staff(Role.MIO_HEAD, region=region, organisation=org)
    case = ExampleCase.objects.create(region=region, organisation=org, filed_on=D(2026, 3, 2))
    for start in (D(2026, 4, 1), D(2026, 4, 2), D(2026, 4, 3), D(2026, 4, 17)):
        deadline_open(case=case, step="review", organisation=org, start=start)
    other_specialist = make_staff(Role.MIO_SPECIALIST)
    other_org = other_specialist.staff.organisation
    other = ExampleCase.objects.create(region=other_org.region, organisation=other_org, filed_on=D(2026, 3, 2))
    deadline_open(case=other, step="review", organisation=other_org, start=D(2026, 4, 1))
    return {"org": org, "specialist": specialist, "head": head, "case": case, "other": other_specialist}


def _sweep(capture, today=TODAY):
    with capture(execute=True):
        return deadline_sweep(today=today)


def test_sweep_marks_breaches_and_notifies_staff_and_head_once(org_with_overdue, django_capture_on_commit_callbacks):
    """The sweep marks the 4 overdue deadlines breached, notifies each organisation's people once,
    in-app and by e-mail."""
    result = _sweep(django_capture_on_commit_callbacks)
    assert result == {"breached": 4, "notified_deadlines": 4, "notifications": 3}
    assert Deadline.objects.filter(state=Deadline.State.BREACHED).count() == 4
    assert Deadline.objects.get(start=D(2026, 4, 17)).state == Deadline.State.OPEN
    spec, head = org_with_overdue["specialist"], org_with_overdue["head"]
    assert Notification.objects.get(user=spec).text == Notification.objects.get(user=head).text
    assert "3" in Notification.objects.get(user=head).text
    assert sorted(m.to[0] for m in mail.outbox) == sorted([spec.email, head.email, org_with_overdue["other"].email])


def test_sweep_twice_notifies_nobody_twice(org_with_overdue, django_capture_on_commit_callbacks):
    """Idempotent: the second run finds nothing new."""
    _sweep(django_capture_on_commit_callbacks)
    again = _sweep(django_capture_on_commit_callbacks)
    assert again == {"breached": 0, "notified_deadlines": 0, "notifications": 0}
    assert Notification.objects.count() == 3 and len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        notifications_email.delay()
    assert len(mail.outbox) == 3


def test_sweep_crash_half_way_then_rerun_misses_nobody_and_repeats_nothing(
        org_with_overdue, django_capture_on_commit_callbacks):
    """A crash inside the sweep's transaction (after the breaches were marked, while notifications are
    written) leaves nothing marked; the rerun marks and notifies everyone exactly once."""
    with mock.patch.object(Notification.objects, "bulk_create", side_effect=RuntimeError("worker killed")):
        with pytest.raises(RuntimeError):
            _sweep(django_capture_on_commit_callbacks)
    assert not Deadline.objects.filter(state=Deadline.State.BREACHED).exists()
    assert Notification.objects.count() == 0 and mail.outbox == []
    result = _sweep(django_capture_on_commit_callbacks)
    assert result["breached"] == 4 and result["notifications"] == 3
    assert _sweep(django_capture_on_commit_callbacks)["notifications"] == 0
    assert len(mail.outbox) == 3


def test_email_crash_half_way_then_rerun_sends_each_once(org_with_overdue, django_capture_on_commit_callbacks):
    """A crash while e-mailing: what was sent stays sent, the rest goes out on the next run, none twice."""
    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.send_messages
    calls = {"n": 0}

    def flaky(self, messages):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("SMTP went away")
        return original(self, messages)

    with mock.patch.object(EmailBackend, "send_messages", flaky), django_capture_on_commit_callbacks() as callbacks:
        deadline_sweep(today=TODAY)
    with mock.patch.object(EmailBackend, "send_messages", flaky), pytest.raises(RuntimeError):
        for callback in callbacks:
            callback()
    assert len(mail.outbox) == 1
    assert notifications_email() == 2
    assert len(mail.outbox) == 3 and len({m.to[0] for m in mail.outbox}) == 3


def test_new_breaches_after_a_sweep_are_notified_on_the_next(org_with_overdue, django_capture_on_commit_callbacks):
    """Misses nobody: the deadline that falls due later is breached and notified by a later sweep."""
    _sweep(django_capture_on_commit_callbacks)
    result = _sweep(django_capture_on_commit_callbacks, today=D(2026, 4, 30))
    assert result["breached"] == 1 and result["notifications"] == 2
    assert Notification.objects.filter(user=org_with_overdue["head"]).count() == 2


def test_closing_a_step_late_keeps_the_breach_and_leaves_my_work(org_with_overdue, django_capture_on_commit_callbacks):
    """A breached step closed later stays breached (and leaves 'My work')."""
    from kandas.deadlines import deadline_close

    _sweep(django_capture_on_commit_callbacks)
    deadline_close(case=org_with_overdue["case"], step="review", on=D(2026, 4, 21))
    states = sorted(Deadline.objects.filter(case_id=org_with_overdue["case"].pk).values_list("state", flat=True))
    assert states == ["breached", "breached", "breached", "met"]
    assert not Deadline.objects.filter(case_id=org_with_overdue["case"].pk, closed_at__isnull=True).exists()


def test_unread_badge_shows_until_read(org_with_overdue, client, django_capture_on_commit_callbacks):
    """In-app notifications show as an unread badge until the user marks them read."""
    _sweep(django_capture_on_commit_callbacks)
    client.force_login(org_with_overdue["head"])
    page = client.get("/").content.decode()
    assert 'data-testid="unread-badge">1<' in page
    client.post("/notifications/")
    assert 'data-testid="unread-badge"' not in client.get("/").content.decode()


def test_beat_schedule_is_created_after_migrate_and_shown_in_admin(admin_client):
    """The sweep is on the beat schedule (django-celery-beat, editable in admin)."""
    task = PeriodicTask.objects.get(task="kandas.tasks.deadlines_sweep_task")
    assert task.enabled and task.crontab is not None
    assert "Deadlines: mark breaches and notify" in admin_client.get("/admin/django_celery_beat/periodictask/").content.decode()


def test_sweep_task_runs_eagerly_and_returns_counts(org_with_overdue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = deadlines_sweep_task.delay().get()
    assert result["breached"] == 5 and "warnings" in result  # today is after every due date


def test_cal1_a_mail_server_that_is_down_fails_no_act_and_loses_no_notification(org_with_overdue, settings):
    """CAL-1 (notifications): with the SMTP server unreachable the e-mail task answers quietly; the
    notifications stay in the app, not stamped e-mailed, for a later run."""
    from kandas.models import Notification
    from kandas.tasks import notifications_email

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens on 9
    deadline_sweep(today=D(2026, 4, 20))
    assert Notification.objects.filter(emailed_at__isnull=True).exists()
    assert notifications_email() == 0
    assert not Notification.objects.filter(emailed_at__isnull=False).exists()
