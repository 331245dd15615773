"""Automatic consequences (Celery tasks and registry events) of the residence rules: system transitions
(kandas.transitions.case_transition_system) with their reason stored as a message (kandas.texts)."""
from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from kandas.deadlines import deadline_cancel
from kandas.texts import text
from kandas.transitions import case_transition_system

from ..models import ResidenceApplication, ResidenceState
from .beds import beds_release, centre_lock, reserve_allocate
from .residence import _locked, records_text, referral_lapse
from .stay import LIVING, residence_end, residence_end_effective

STATUS_ENDED = text(gettext_noop("the kandas status ended"))
SIX_MONTHS_PASSED = text(gettext_noop("6 months from check-in have passed"))


@transaction.atomic
def application_refuse_status_ended(*, application_id: int, expired_on: datetime.date):
    """RES-1: the applicant is no longer a kandas: a pending application is refused, its steps
    cancelled, held beds freed."""
    centre = centre_lock(ResidenceApplication.objects.values_list("centre_id", flat=True).get(pk=application_id))
    application = _locked(application_id)
    reason = text(gettext_noop("the kandas status ended on %(day)s (RES-1)"), day=expired_on)
    application = case_transition_system(case=application, transition="refuse", message=reason,
                                         kwargs={"reason": records_text(reason), "message": reason})
    deadline_cancel(case=application)
    beds_release(application=application)
    reserve_allocate(centre=centre)
    return application


def referrals_lapse_due(*, today: datetime.date | None = None) -> list[str]:
    """RES-7: every referral received more than 3 calendar days ago without check-in lapses."""
    today = today or timezone.localdate()
    due = ResidenceApplication.objects.filter(state=ResidenceState.REFERRED,
                                              referral_handed_over_on__lt=today - datetime.timedelta(days=3))
    lapsed = []
    for pk in due.values_list("pk", flat=True):
        app = referral_lapse(application_id=pk, today=today)
        if app:
            lapsed.append(app.ref)
    return lapsed


def residences_end_due(*, today: datetime.date | None = None) -> list[str]:
    """RES-10: residence ends on min(status end, check-in + 6 months), read live from the registry."""
    today = today or timezone.localdate()
    ended = []
    for app in ResidenceApplication.objects.filter(state__in=LIVING).select_related("applicant"):
        end = residence_end_effective(app)
        if end is None or end > today:
            continue
        status_end = app.applicant.kandas_status_until
        reason = STATUS_ENDED if status_end and status_end <= end else SIX_MONTHS_PASSED
        if residence_end(application_id=app.pk, on=end, reason=reason):
            ended.append(app.ref)
    return ended
