"""Adaptation support and monitoring (ADA-19, Decisions 17): 5 years from the quota inclusion date; rounds
1–12 quarterly (years 1–3), 13–16 half-yearly (years 4–5), each due at the end of its period (the same day
of the month 3 or 6 months on, kandas.workdays.add_months). A round records problems, proposals, summary,
the field visit and the residence check through the state gateway (Migration police, p.45). The kandas
status running out does not end support (STA-9): rounds depend on the plan only."""
from __future__ import annotations

import dataclasses
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kandas.gateway import state_gateway
from kandas.transitions import case_event_log
from kandas.workdays import WorkCalendar

from ..models import AdaptationPlan, MonitoringRound
from .plans import _require_cc

ROUNDS = 16


def round_months(number: int) -> tuple[int, int]:
    """(start, end) of round `number` in months after the inclusion date (Decisions 17)."""
    if not 1 <= number <= ROUNDS:
        raise ValueError(number)
    if number <= 12:
        return 3 * (number - 1), 3 * number
    return 36 + 6 * (number - 13), 36 + 6 * (number - 12)


def round_dates(included_on: datetime.date) -> list[tuple[int, datetime.date, datetime.date]]:
    return [(n, WorkCalendar.add_months(included_on, round_months(n)[0]),
             WorkCalendar.add_months(included_on, round_months(n)[1])) for n in range(1, ROUNDS + 1)]


def rounds_create(plan: AdaptationPlan) -> list[MonitoringRound]:
    return MonitoringRound.objects.bulk_create(
        [MonitoringRound(plan=plan, number=n, period_start=start, due=due) for n, start, due in round_dates(plan.included_on)],
        ignore_conflicts=True)


@transaction.atomic
def round_record(*, actor, round_id: int, problems: str, proposals: str, summary: str,
                 visit_on: datetime.date | None = None, on: datetime.date | None = None) -> MonitoringRound:
    rnd = MonitoringRound.objects.select_for_update().select_related("plan__application__applicant",
                                                                      "plan__application__settlement_region").get(pk=round_id)
    app = rnd.plan.application
    _require_cc(actor, app)
    on = on or timezone.localdate()
    if rnd.done_on:
        raise ValidationError(_("Round %(n)d is already recorded.") % {"n": rnd.number})
    if on < rnd.period_start:
        raise ValidationError(_("Round %(n)d starts on %(day)s.") % {"n": rnd.number, "day": rnd.period_start.strftime("%d.%m.%Y")})
    if not summary.strip():
        raise ValidationError(_("Write the round's summary."))
    registration = state_gateway().registration(app.applicant.iin) if app.applicant.iin else None
    prefix = (app.settlement_region.kato or "")[:2]
    rnd.residence_checked_on = on
    rnd.residence_answer = dataclasses.asdict(registration) if registration else {}
    rnd.residence_confirmed = bool(registration and prefix and registration.kato.startswith(prefix))
    rnd.problems, rnd.proposals, rnd.summary, rnd.visit_on = problems, proposals, summary, visit_on
    rnd.done_on, rnd.done_by = on, actor
    rnd.save()
    case_event_log(case=app, event="monitoring_round", actor=actor, comment=f"{rnd.number}: {summary[:200]}")
    return rnd
