"""STA-4 (p.9-1): preliminary refusal, hearing within 2 working days, postponement for a valid reason.

The same services serve assignment and extension cases; a postponement suspends the hearing step and
the case's total term (DOMAIN Decisions 5) until the valid reason ends (or the day the hearing is
rescheduled, if that is later): the clocks never resume while the applicant's reason still runs.
"""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_noop

from kandas.models import DocumentKind
from kandas.texts import text
from kandas.transitions import StepOpen, case_transition
from kandas.workdays import WorkCalendar

from ..models import ApplicantNotice, HearingOutcome, NoticeChannel
from .common import decision_steps
from .intake import _document_create
from .notices import notice_record


@transaction.atomic
def hearing_notify(*, actor, case, remarks: str, channel: str, hearing_at: datetime.datetime, place: str,
                   sent_on: datetime.date | None = None, seen_version: int | None = None):
    """STA-4: notify the preliminary refusal (portal / e-mail / SMS) with the hearing's time and place."""
    sent_on = sent_on or timezone.localdate()
    latest = WorkCalendar.load().add_working_days(sent_on, case.rules.step("hearing").length)
    errors = {}
    if not remarks.strip():
        errors["remarks"] = _("State the motivated remarks behind the preliminary refusal.")
    if channel not in NoticeChannel.values:
        errors["channel"] = _("The notice goes through the portal, by e-mail or by SMS.")
    if not place.strip():
        errors["place"] = _("Give the place or the method of the hearing.")
    hearing_day = timezone.localtime(hearing_at).date() if timezone.is_aware(hearing_at) else hearing_at.date()
    if not sent_on <= hearing_day <= latest:
        errors["hearing_at"] = _("The hearing is held not later than 2 working days after the notice: "
                                 "between %(sent)s and %(latest)s.") % {
            "sent": sent_on.strftime("%d.%m.%Y"), "latest": latest.strftime("%d.%m.%Y")}
    if errors:
        raise ValidationError(errors)
    case = case_transition(
        case=case, transition="notify_preliminary_refusal", actor=actor, comment=remarks, seen_version=seen_version,
        kwargs={"remarks": remarks.strip(), "channel": channel, "sent_on": sent_on, "hearing_at": hearing_at,
                "place": place.strip()},
        open=[StepOpen("hearing", case.organisation, start=sent_on)])
    notice_record(case=case, kind=ApplicantNotice.Kind.PRELIMINARY_REFUSAL, channel=channel, message=text(
        gettext_noop("Preliminary decision to refuse (%(ref)s): %(remarks)s. Hearing: %(when)s, %(place)s."),
        ref=case.ref, remarks=case.remarks, when=case.hearing_at, place=case.hearing_place))
    return case


@transaction.atomic
def hearing_postpone(*, actor, case, reason: str, until: datetime.date, document_file=None,
                     seen_version: int | None = None):
    """STA-4: for a valid reason, shown by a supporting document, the hearing waits until the reason ends."""
    errors = {}
    if not reason.strip():
        errors["reason"] = _("State the valid reason.")
    if document_file is None:
        errors["document"] = _("Attach the document supporting the reason.")
    if until < timezone.localdate():
        errors["until"] = _("The reason cannot end in the past.")
    if errors:
        raise ValidationError(errors)
    document = _document_create(actor=actor, case=case, person=case.applicant, kind=DocumentKind.OTHER,
                                file=document_file, note=_("Supporting document: hearing postponement"))
    return case_transition(
        case=case, transition="postpone_hearing", actor=actor, seen_version=seen_version,
        comment=reason.strip(), message=text(gettext_noop("Postponed until %(until)s."), until=until),
        kwargs={"reason": reason.strip(), "document": document, "until": until},
        pause=["hearing", *decision_steps(case)])


def postponed_hearing_window(case, *, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """STA-4 (p.9-1): "the hearing is moved to the end of the reasons for absence".

    The hearing is held on the day the valid reason ends; when that day is not a working day, on the next
    working day at the latest. A reason that has already ended leaves today .. the next working day.
    """
    today = today or timezone.localdate()
    first = max(case.postponed_until or today, today)
    return first, WorkCalendar.load().next_working_day(first)


@transaction.atomic
def hearing_reschedule(*, actor, case, hearing_at: datetime.datetime, place: str, seen_version: int | None = None):
    """STA-4: the hearing gets its new time; the clock runs again with the days that were left, from the day
    the valid reason ends (or today, if the reason has already ended) — not from an earlier rescheduling."""
    if not place.strip():
        raise ValidationError({"place": _("Give the place or the method of the hearing.")})
    if hearing_at < timezone.now():
        raise ValidationError({"hearing_at": _("The hearing cannot be in the past.")})
    first, last = postponed_hearing_window(case)
    hearing_day = timezone.localtime(hearing_at).date() if timezone.is_aware(hearing_at) else hearing_at.date()
    if not first <= hearing_day <= last:
        raise ValidationError({"hearing_at": _(
            "P.9-1: the postponed hearing is held when the reason for absence ends (%(end)s): "
            "between %(first)s and %(last)s.") % {
            "end": case.postponed_until.strftime("%d.%m.%Y"), "first": first.strftime("%d.%m.%Y"),
            "last": last.strftime("%d.%m.%Y")}})
    return case_transition(case=case, transition="reschedule_hearing", actor=actor, seen_version=seen_version,
                           kwargs={"hearing_at": hearing_at, "place": place.strip()},
                           resume=["hearing", *decision_steps(case)], on=first)


@transaction.atomic
def hearing_record(*, actor, case, outcome: str, minutes: str, seen_version: int | None = None):
    """STA-4: after the hearing the MIO accepts the application or forms a motivated refusal."""
    errors = {}
    if outcome not in HearingOutcome.values:
        errors["outcome"] = _("Choose the outcome of the hearing.")
    if not minutes.strip():
        errors["minutes"] = _("Record what the applicant said at the hearing.")
    if errors:
        raise ValidationError(errors)
    if case.hearing_at and case.hearing_at > timezone.now():
        raise ValidationError({"outcome": _(
            "The hearing is scheduled for %(when)s: its outcome can be recorded only after it has been held.") % {
            "when": timezone.localtime(case.hearing_at).strftime("%d.%m.%Y %H:%M")}})
    return case_transition(case=case, transition="record_hearing", actor=actor, comment=minutes,
                           seen_version=seen_version, kwargs={"outcome": outcome, "minutes": minutes.strip()},
                           close=["hearing"])
