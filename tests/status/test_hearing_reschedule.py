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
