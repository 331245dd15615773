"""Adaptation support and monitoring (ADA-19, Decisions 17): 5 years from the quota inclusion date; rounds
1–12 quarterly (years 1–3), 13–16 half-yearly (years 4–5), each due at the end of its period (the same day
of the month 3 or 6 months on, kandas.workdays.add_months). Each round is a deadline of the settlement CC
(a fixed date on the working-day calendar, opened when the plan is loaded, closed when the specialist signs
the round). A round records problems, proposals, summary, the field visit and the residence check through
the state gateway (Migration police, p.45, GEN-2). The kandas status running out does not end support
(STA-9): rounds depend on the plan only."""
from __future__ import annotations

import dataclasses
import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from kandas.deadlines import deadline_close, deadline_open, step_deadlines
from kandas.gateway import state_gateway
from kandas.rules import CALENDAR_DATE, Step
from kandas.transitions import case_event_log
from kandas.workdays import WorkCalendar

from ..models import AdaptationPlan, MonitoringRound
from . import support_orgs as orgs
from .plans import _require_cc

log = logging.getLogger(__name__)
ROUNDS = 16
ROUND_STEP = Step(key="monitoring_round", rule="ADA-19", length=0, unit=CALENDAR_DATE,
                  label=gettext_lazy("Monitoring round (settlement CC)"))


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


def round_subject(rnd: MonitoringRound) -> str:
    return f"round:{rnd.number}"


def rounds_lacking_deadline(plan: AdaptationPlan) -> list[MonitoringRound]:
    """The plan's open rounds that have no deadline yet (of any state: a closed one is not reopened)."""
    have = set(step_deadlines(plan.application, ROUND_STEP.key).values_list("subject", flat=True))
    return [rnd for rnd in plan.rounds.filter(done_on__isnull=True) if round_subject(rnd) not in have]


def rounds_deadlines_open(plan: AdaptationPlan) -> int:
    """Each open round becomes the settlement CC's work: a deadline on its due date (called when the plan is
    loaded, inside its transaction, and by the backfill of plans loaded before). A round that has its deadline
    keeps it, so a second call opens none."""
    app = plan.application
    cc = orgs.settlement_cc(app)
    calendar = WorkCalendar.load()
    opened = 0
    for rnd in rounds_lacking_deadline(plan):
        deadline_open(case=app, step=ROUND_STEP, organisation=cc, subject=round_subject(rnd),
                      start=min(rnd.period_start, rnd.due), fixed_date=rnd.due, calendar=calendar)
        opened += 1
    return opened


def _locked(round_id: int) -> MonitoringRound:
    return MonitoringRound.objects.select_for_update().select_related(
        "plan__application__applicant", "plan__application__settlement_region").get(pk=round_id)


def region_prefix(kato: str | None) -> str:
    """The region part of a KATO code (its first two digits)."""
    return (kato or "")[:2]


@transaction.atomic
def residence_check(*, actor, round_id: int, now: datetime.datetime | None = None) -> MonitoringRound:
    """Ask the Migration police (state gateway, GEN-2) where the kandas is registered; record the answer and
    when it was asked. A registration in another region marks the kandas as having left the region. A gateway
    that does not answer is a ValidationError (nothing recorded)."""
    rnd = _locked(round_id)
    app = rnd.plan.application
    _require_cc(actor, app)
    if rnd.done_on:
        raise ValidationError(_("Round %(n)d is already signed.") % {"n": rnd.number})
    if not app.applicant.iin:
        raise ValidationError(_("The kandas has no IIN: the Migration police cannot be asked."))
    try:
        registration = state_gateway().registration(app.applicant.iin)
    except Exception:  # any failure of the external system: a message, never a 500
        log.warning("Migration police lookup failed for round %s", rnd.pk, exc_info=True)
        raise ValidationError(_("The Migration police system did not answer. Nothing was recorded: try again later."))
    now = now or timezone.now()
    settled = region_prefix(app.settlement_region.kato)
    rnd.residence_asked_at, rnd.residence_checked_on = now, timezone.localdate(now)
    rnd.residence_answer = dataclasses.asdict(registration) if registration else {}
    registered = region_prefix(registration.kato) if registration else ""
    rnd.residence_confirmed = bool(registered and settled and registered == settled)
    rnd.left_region = bool(registered and settled and registered != settled) if registration else None
    rnd.save(update_fields=["residence_asked_at", "residence_checked_on", "residence_answer",
                            "residence_confirmed", "left_region"])
    return rnd


@transaction.atomic
def round_record(*, actor, round_id: int, problems: str, proposals: str, summary: str,
                 visit_on: datetime.date | None = None, visit_place: str = "", on: datetime.date | None = None,
                 close: bool = True) -> MonitoringRound:
    """Save the round's findings; with `close` the specialist signs it: the round is done and its deadline
    closes (met, or breached when late). A round signed without a residence check asks the gateway first."""
    rnd = _locked(round_id)
    app = rnd.plan.application
    _require_cc(actor, app)
    on = on or timezone.localdate()
    if rnd.done_on:
        raise ValidationError(_("Round %(n)d is already recorded.") % {"n": rnd.number})
    if close and on < rnd.period_start:
        raise ValidationError(_("Round %(n)d starts on %(day)s.") % {"n": rnd.number, "day": rnd.period_start.strftime("%d.%m.%Y")})
    if close and not summary.strip():
        raise ValidationError(_("Write the round's summary."))
    if visit_on and visit_on > on:
        raise ValidationError(_("The field visit cannot be in the future."))
    rnd.problems, rnd.proposals, rnd.summary = problems, proposals, summary
    rnd.visit_on, rnd.visit_place = visit_on, visit_place
    rnd.save(update_fields=["problems", "proposals", "summary", "visit_on", "visit_place"])
    if not close:
        return rnd
    if rnd.residence_asked_at is None:
        rnd = residence_check(actor=actor, round_id=rnd.pk)
    rnd.done_on, rnd.done_by = on, actor
    rnd.save(update_fields=["done_on", "done_by"])
    deadline_close(case=app, step=ROUND_STEP.key, subject=round_subject(rnd), on=on)
    case_event_log(case=app, event="monitoring_round", actor=actor, comment=f"{rnd.number}: {summary[:200]}")
    return rnd
