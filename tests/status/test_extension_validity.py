"""STA-8 (extension once, ≤ 6 months, decision to the State Corporation) and STA-9 (expiry)."""
import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kandas import events
from kandas.models import Deadline, Notification, Person
from kandas.workdays import WorkCalendar
from status.models import ApplicantNotice, ApplicationState, ExtensionState, StatusApplication, StatusExtension
from status.services import (application_assign, application_recommend, application_send_to_commission,
                             decision_refuse, extension_govcorp_send, extension_grant, extension_submit, hearing_notify,
                             hearing_record)
from status.tasks import statuses_expire_task

from .helpers import file_application, hearing_held

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def assigned(w):
    app = file_application(w)
    app = application_send_to_commission(actor=w.specialist, application_id=app.pk)
    app = application_recommend(actor=w.secretary, application_id=app.pk, outcome="assign", protocol_number="3",
                                protocol_date=today(), video_reference="video://3")
    return application_assign(actor=w.head, application_id=app.pk)


def test_sta8_extension_once_for_at_most_six_months_decided_in_2_working_days(world, django_capture_on_commit_callbacks):
    """STA-8: app.6 → the MIO decides within 2 working days (service term 3), once, ≤ 6 months from the
    current expiry; the decision goes to the State Corporation within 1 working day; a second extension is
    refused with a clear reason."""
    app = assigned(world)
    limit = app.status_until + relativedelta(months=6)
    with pytest.raises(ValidationError, match="не более шести месяцев"):
        extension_submit(actor=world.operator, application_id=app.pk, channel="govcorp",
                         requested_until=limit + datetime.timedelta(days=1))
    ext = extension_submit(actor=world.operator, application_id=app.pk, channel="govcorp", requested_until=limit,
                           reason="Оформление гражданства")
    calendar = WorkCalendar.load()
    dues = sorted(Deadline.objects.filter(case_id=ext.pk, case_ref=ext.ref).values_list("due", "is_service_term"))
    assert dues == [(calendar.add_working_days(today(), 2), False), (calendar.add_working_days(today(), 3), True)]
    with pytest.raises(PermissionDenied):
        extension_grant(actor=world.specialist, extension_id=ext.pk)
    with django_capture_on_commit_callbacks(execute=True):
        ext = extension_grant(actor=world.head, extension_id=ext.pk)
    assert ext.state == ExtensionState.EXTENDED and ext.extended_until == limit
    # STA-8 (p.22): sending to the State Corporation is a step of its own, one working day after the decision.
    assert ext.govcorp_sent_on is None
    forward = Deadline.objects.get(case_id=ext.pk, case_ref=ext.ref, rule="STA-8", state="open")
    assert forward.due == calendar.add_working_days(today(), 1)
    with django_capture_on_commit_callbacks(execute=True):
        ext = extension_govcorp_send(actor=world.specialist, extension_id=ext.pk)
    assert ext.govcorp_sent_on == today()
    assert ApplicantNotice.objects.filter(extension=ext, kind="govcorp").exists()
    assert Notification.objects.filter(user=world.operator, text__contains=ext.ref).exists()
    assert StatusApplication.objects.get(pk=app.pk).status_until == limit
    assert Person.objects.get(pk=app.applicant_id).kandas_status_until == limit
    assert set(Deadline.objects.filter(case_id=ext.pk, case_ref=ext.ref).values_list("state", flat=True)) == {"met"}
    with pytest.raises(ValidationError, match="уже продлевался"):
        extension_submit(actor=world.operator, application_id=app.pk, channel="govcorp",
                         requested_until=limit + datetime.timedelta(days=30))
    assert StatusExtension.objects.filter(application=app).count() == 1


def test_sta8_sta4_extension_hearing_path_ends_in_a_signed_refusal_sent_to_govcorp(world):
    """STA-4 applies to extensions: preliminary refusal, hearing, refusal with a ground (STA-6), and the
    decision goes to the State Corporation (STA-8 p.22)."""
    app = assigned(world)
    ext = extension_submit(actor=world.specialist, application_id=app.pk, channel="mio",
                           requested_until=app.status_until + relativedelta(months=3))
    hearing_at = timezone.make_aware(datetime.datetime.combine(
        WorkCalendar.load().add_working_days(today(), 1), datetime.time(11, 0)))
    ext = hearing_notify(actor=world.specialist, case=ext, remarks="Нет оснований", channel="email",
                         hearing_at=hearing_at, place="каб. 3")
    ext = hearing_record(actor=world.specialist, case=hearing_held(ext), outcome="refused", minutes="Не явился")
    ext = decision_refuse(actor=world.head, case=ext, grounds=["1"], motivation="Не соответствует условиям")
    assert ext.state == ExtensionState.REFUSED
    assert StatusExtension.objects.get(pk=ext.pk).govcorp_sent_on is None
    ext = extension_govcorp_send(actor=world.specialist, extension_id=ext.pk)
    assert ext.govcorp_sent_on == today()
    assert StatusApplication.objects.get(pk=app.pk).status_until == app.status_until


def test_sta9_celery_task_expires_unextended_status_and_announces_it_once(world, django_capture_on_commit_callbacks):
    """STA-9: the nightly task expires a status whose term has run out, writes the registry and sends
    kandas_status_expired(person_id, expired_on) — once, however often it runs."""
    app = assigned(world)
    ended = today() - datetime.timedelta(days=1)
    StatusApplication.objects.filter(pk=app.pk).update(status_until=ended)
    current = assigned(world)  # still valid: untouched
    heard = []
    receiver = lambda sender, **kw: heard.append((kw["person_id"], kw["expired_on"]))  # noqa: E731
    events.kandas_status_expired.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert statuses_expire_task.delay().get() == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert statuses_expire_task.delay().get() == 0
    finally:
        events.kandas_status_expired.disconnect(receiver)
    assert heard == [(app.applicant_id, ended)]
    assert StatusApplication.objects.get(pk=app.pk).state == ApplicationState.EXPIRED
    assert StatusApplication.objects.get(pk=current.pk).state == ApplicationState.ASSIGNED
    person = Person.objects.get(pk=app.applicant_id)
    assert person.kandas_status_until == ended and not person.has_kandas_status_on(today())


def test_sta9_an_extension_under_consideration_keeps_the_status_until_decided(world):
    """STA-9 with STA-8: a pending extension application holds the expiry until the MIO decides."""
    app = assigned(world)
    extension_submit(actor=world.operator, application_id=app.pk, channel="govcorp",
                     requested_until=app.status_until + relativedelta(months=1))
    StatusApplication.objects.filter(pk=app.pk).update(status_until=today() - datetime.timedelta(days=1))
    assert statuses_expire_task.delay().get() == 0
    assert StatusApplication.objects.get(pk=app.pk).state == ApplicationState.ASSIGNED


def test_sta9_expiry_is_scheduled_with_celery_beat():
    """STA-9: the expiry task is in the beat schedule every installation creates after migrate."""
    from kandas.schedule import periodic_tasks_all

    assert "status.tasks.statuses_expire_task" in {task for task, _cron in periodic_tasks_all().values()}
