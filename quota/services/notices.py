"""QUO-8: every notice to the applicant goes back by the channel of filing and is recorded as a row.

A notice is stored as a message and its parameters (kandas.texts), so a caseworker reads it in their own
language whoever sent it; `text` keeps it in the installation's language for e-mail and paper."""
from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_noop

from kandas.texts import text, text_render

from ..models import ALL_GROUNDS, NOTICE_CHANNEL_OF_FILING, AppState, ApplicantNotice, QuotaApplication


def applicant_notice_send(*, app: QuotaApplication, kind: str, message: dict,
                          on: datetime.date | None = None) -> ApplicantNotice:
    """Record one notice (call inside the service's transaction); the channel is the one of filing."""
    with translation.override(settings.LANGUAGE_CODE):
        plain = text_render(message)
    return ApplicantNotice.objects.create(application=app, kind=kind, channel=NOTICE_CHANNEL_OF_FILING[app.channel],
                                          sent_on=on or timezone.localdate(), text=plain, message=message)


def refusal_to_accept_message(app: QuotaApplication, refused: list) -> dict:
    """QUO-3: `refused` holds what the acceptor typed and stored texts (documents_refused)."""
    return text(gettext_noop("Refusal to accept the documents for %(ref)s: %(missing)s."), ref=app.ref,
                missing=list(refused))


def preliminary_refusal_message(app: QuotaApplication) -> dict:
    """QUO-7: the preliminary refusal with the time and place of the hearing."""
    return text(gettext_noop("Preliminary decision to refuse %(ref)s: %(remarks)s. Hearing: %(when)s, %(place)s. "
                             "Objections may be submitted within 2 working days."),
                ref=app.ref, remarks=app.commission_remarks, when=app.hearing_at or "—", place=app.hearing_place)


def result_message(app: QuotaApplication) -> dict:
    if app.state == AppState.INCLUDED:
        return text(gettext_noop("Decision %(number)s of %(day)s: included in the regional quota."),
                    number=app.decision_number, day=app.decided_on)
    return text(gettext_noop("Decision %(number)s of %(day)s: inclusion in the regional quota refused (%(grounds)s)."),
                number=app.decision_number, day=app.decided_on,
                grounds=[ALL_GROUNDS[g] for g in app.refusal_grounds if g in ALL_GROUNDS])
