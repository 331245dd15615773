"""QUO-8: every notice to the applicant goes back by the channel of filing and is recorded as a row."""
from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import NOTICE_CHANNEL_OF_FILING, AppState, ApplicantNotice, QuotaApplication


def applicant_notice_send(*, app: QuotaApplication, kind: str, text: str,
                          on: datetime.date | None = None) -> ApplicantNotice:
    """Record one notice (call inside the service's transaction); the channel is the one of filing."""
    return ApplicantNotice.objects.create(application=app, kind=kind, channel=NOTICE_CHANNEL_OF_FILING[app.channel],
                                          sent_on=on or timezone.localdate(), text=text)


def refusal_to_accept_text(app: QuotaApplication, refused: list[str]) -> str:
    return _("Refusal to accept the documents for %(ref)s: %(missing)s.") % {
        "ref": app.ref, "missing": "; ".join(refused)}


def preliminary_refusal_text(app: QuotaApplication) -> str:
    when = timezone.localtime(app.hearing_at).strftime("%d.%m.%Y %H:%M") if app.hearing_at else "—"
    return _("Preliminary decision to refuse %(ref)s: %(remarks)s. Hearing: %(when)s, %(place)s. "
             "Objections may be submitted within 2 working days.") % {
        "ref": app.ref, "remarks": app.commission_remarks, "when": when, "place": app.hearing_place}


def result_text(app: QuotaApplication) -> str:
    if app.state == AppState.INCLUDED:
        return _("Decision %(number)s of %(day)s: included in the regional quota.") % {
            "number": app.decision_number, "day": app.decided_on.strftime("%d.%m.%Y")}
    return _("Decision %(number)s of %(day)s: inclusion in the regional quota refused (%(grounds)s).") % {
        "number": app.decision_number, "day": app.decided_on.strftime("%d.%m.%Y"),
        "grounds": "; ".join(app.grounds_display())}
