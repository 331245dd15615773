"""STA-8 (p.22): the extension decision goes to the State Corporation within one working day — a step of its own."""
import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from kandas.deadlines import deadline_compute
from kandas.models import Deadline
from kandas.workdays import WorkCalendar
from status.models import StatusExtension
from status.services import (application_assign, application_recommend, application_send_to_commission,
                             extension_grant, extension_submit)

from .helpers import file_application

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def assigned(w):
    app = file_application(w)
    application_send_to_commission(actor=w.specialist, application_id=app.pk)
    application_recommend(actor=w.secretary, application_id=app.pk, outcome="assign", protocol_number="1",
                          protocol_date=today(), video_reference="video://1")
    return application_assign(actor=w.head, application_id=app.pk)


def test_sta8_forwarding_to_govcorp_is_a_one_working_day_step_on_the_official_calendar():
    """STA-8 (p.22): the decision goes to the State Corporation within one working day after it is taken:
    a decision of Tuesday 15.12.2026 is due on Thursday 17.12.2026 (16.12 is Independence Day)."""
    from status.rules import STATUS_RULES

    calendar = WorkCalendar.load()
    assert not calendar.is_working(datetime.date(2026, 12, 16))
    step = STATUS_RULES.version_on(datetime.date(2026, 12, 15)).step("extension_forward")
    assert step.rule == "STA-8" and step.length == 1
    due, _ = deadline_compute(step, datetime.date(2026, 12, 15), calendar)
    assert due == datetime.date(2026, 12, 17)


def test_sta8_mio_records_sending_to_govcorp_through_the_case_page(world, client):
    """STA-8: after the extension decision a deadline "send to the State Corporation" is open for the MIO;
    the "sent to the State Corporation" action records the date, closes it and is then no longer offered."""
    app = assigned(world)
    ext = extension_submit(actor=world.operator, application_id=app.pk, channel="govcorp",
                           requested_until=app.status_until + relativedelta(months=2))
    ext = extension_grant(actor=world.head, extension_id=ext.pk)
    forward = Deadline.objects.get(case_id=ext.pk, case_ref=ext.ref, rule="STA-8", state="open")
    assert forward.organisation == world.mio
    assert forward.due == WorkCalendar.load().add_working_days(ext.decided_on, 1)
    client.force_login(world.specialist)
    url = reverse("status:extension_act", args=[ext.pk, "send_to_govcorp"])
    assert url in client.get(ext.get_absolute_url()).content.decode()
    client.force_login(world.secretary)
    assert client.post(url, {"seen_version": ext.version, "sent_on": today().isoformat()}).status_code == 403
    client.force_login(world.specialist)
    response = client.post(url, {"seen_version": ext.version, "sent_on": today().isoformat()})
    assert response.status_code == 302
    ext = StatusExtension.objects.get(pk=ext.pk)
    assert ext.govcorp_sent_on == today()
    assert Deadline.objects.get(pk=forward.pk).state == Deadline.State.MET
    assert url not in client.get(ext.get_absolute_url()).content.decode()
    again = client.post(url, {"seen_version": ext.version, "sent_on": today().isoformat()}, follow=True)
    assert again.status_code == 200 and ext.ref in again.content.decode()
    assert StatusExtension.objects.get(pk=ext.pk).govcorp_sent_on == today()
