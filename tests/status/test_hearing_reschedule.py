"""STA-4 (p.9-1): a postponed hearing is held when the valid reason for absence ends."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kandas.workdays import WorkCalendar
from status.models import ApplicationState
from status.services import (application_recommend, application_send_to_commission, hearing_notify,
                             hearing_postpone, hearing_reschedule)
from status.services.hearing import postponed_hearing_window

from .helpers import file_application, pdf_file

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def _postponed(world, until):
    app = file_application(world)
    application_send_to_commission(actor=world.specialist, application_id=app.pk)
    app = application_recommend(actor=world.secretary, application_id=app.pk, outcome="refuse", protocol_number="2",
                                protocol_date=today(), video_reference="v", remarks="Замечания")
    day = WorkCalendar.load().add_working_days(today(), 1)
    app = hearing_notify(actor=world.specialist, case=app, remarks="Замечания", channel="portal", place="каб. 1",
                         hearing_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))))
    return hearing_postpone(actor=world.specialist, case=app, reason="болезнь", until=until,
                            document_file=pdf_file("sick.pdf"))


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def test_sta4_postponed_hearing_is_held_when_the_reason_ends(world):
    """STA-4 (p.9-1): "the hearing is moved to the end of the reasons for absence": not before the reason
    ends, and on that day — or, when it is a non-working day, on the next working day at the latest."""
    calendar = WorkCalendar.load()
    saturday = today() + datetime.timedelta(days=7)
    while saturday.weekday() != 5 or not calendar.is_working(saturday + datetime.timedelta(days=2)):
        saturday += datetime.timedelta(days=1)
    monday = saturday + datetime.timedelta(days=2)
    app = _postponed(world, saturday)
    assert postponed_hearing_window(app) == (saturday, monday)
    for wrong in (saturday - datetime.timedelta(days=1), monday + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError, match="9-1"):
            hearing_reschedule(actor=world.specialist, case=app, hearing_at=_at(wrong), place="каб. 1")
    app = hearing_reschedule(actor=world.specialist, case=app, hearing_at=_at(monday), place="каб. 1")
    assert app.state == ApplicationState.HEARING


def test_sta4_reason_ending_on_a_working_day_gives_that_day(world):
    """STA-4: a reason ending on a working day → the hearing is held on that very day."""
    calendar = WorkCalendar.load()
    end = calendar.add_working_days(today(), 5)
    app = _postponed(world, end)
    assert postponed_hearing_window(app) == (end, end)
    with pytest.raises(ValidationError):
        hearing_reschedule(actor=world.specialist, case=app, hearing_at=_at(calendar.add_working_days(end, 1)),
                           place="каб. 1")


def test_sta4_clocks_resume_on_the_day_the_reason_ends_not_on_an_earlier_rescheduling(world):
    """STA-4 (p.9-1, DOMAIN Decisions 5): the hearing is rescheduled today for the day the valid reason ends;
    the paused hearing step and the 30-day term resume on that day, so a hearing held then is on time."""
    from kandas.deadlines import deadline_close
    from kandas.models import Deadline

    calendar = WorkCalendar.load()
    end = calendar.add_working_days(today(), 5)
    app = _postponed(world, end)
    paused = {d.step_key: d.remaining for d in Deadline.objects.filter(case_id=app.pk, case_ref=app.ref)
              if d.step_key in ("hearing", "term")}
    app = hearing_reschedule(actor=world.specialist, case=app, hearing_at=_at(end), place="каб. 1")
    rows = {d.step_key: d for d in Deadline.objects.filter(case_id=app.pk, case_ref=app.ref)
            if d.step_key in ("hearing", "term")}
    assert rows["hearing"].state == rows["term"].state == Deadline.State.OPEN
    assert rows["term"].due == calendar.add_working_days(end, paused["term"])
    assert rows["hearing"].due == calendar.add_working_days(end, paused["hearing"]) >= end
    assert deadline_close(case=app, step="hearing", on=end) is False  # held on the day: not breached
    assert Deadline.objects.get(pk=rows["hearing"].pk).state == Deadline.State.MET


def test_sta4_outcome_cannot_be_recorded_before_the_scheduled_hearing(world, client):
    """STA-4: the hearing outcome is refused before the scheduled hearing time, with the reason next to
    the field (service) and as the action's refusal on the page; after the time it is recorded."""
    from django.urls import reverse

    from status.models import StatusApplication
    from status.services import hearing_record

    from .helpers import hearing_held

    app = file_application(world)
    application_send_to_commission(actor=world.specialist, application_id=app.pk)
    app = application_recommend(actor=world.secretary, application_id=app.pk, outcome="refuse", protocol_number="2",
                                protocol_date=today(), video_reference="v", remarks="Замечания")
    day = WorkCalendar.load().add_working_days(today(), 1)
    app = hearing_notify(actor=world.specialist, case=app, remarks="Замечания", channel="portal", place="каб. 1",
                         hearing_at=_at(day))
    with pytest.raises(ValidationError) as err:
        hearing_record(actor=world.specialist, case=app, outcome="refused", minutes="—")
    assert day.strftime("%d.%m.%Y") in err.value.message_dict["outcome"][0]
    client.force_login(world.specialist)
    page = client.get(app.get_absolute_url()).content.decode()
    assert "время слушания" in page  # the waiting action says why
    response = client.post(reverse("status:application_act", args=[app.pk, "record_hearing"]),
                           {"seen_version": app.version, "outcome": "refused", "minutes": "—"}, follow=True)
    assert response.status_code == 200 and "время слушания" in response.content.decode()
    assert StatusApplication.objects.get(pk=app.pk).state == ApplicationState.HEARING
    app = hearing_record(actor=world.specialist, case=hearing_held(app), outcome="refused", minutes="—")
    assert app.state == ApplicationState.HEARD
