"""Opening and closing one step's deadline of a quota case (several steps share a rule ID, e.g. QUO-8)."""
import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from kandas.deadlines import case_deadlines, deadline_explain_append, deadline_open
from kandas.models import Deadline
from kandas.workdays import WorkCalendar


def _step_deadlines(case, key: str):
    step = case.rules.step(key)
    return case_deadlines(case).filter(rule=step.rule, is_service_term=step.service_term, unit=step.unit,
                                       length=step.length)


def step_open(*, case, key: str, organisation, start: datetime.date | None = None,
              fixed_date: datetime.date | None = None, calendar: WorkCalendar | None = None) -> Deadline:
    return deadline_open(case=case, step=key, organisation=organisation, start=start or timezone.localdate(),
                         calendar=calendar, fixed_date=fixed_date)


def step_close(*, case, key: str, on: datetime.date | None = None) -> bool:
    """Close the running deadline of step `key`: met when on time, breached (and kept so) when late.

    Returns True when the step was closed late."""
    on = on or timezone.localdate()
    now = timezone.now()
    late = False
    for d in _step_deadlines(case, key).filter(state__in=(Deadline.State.OPEN, Deadline.State.PAUSED,
                                                          Deadline.State.BREACHED), closed_at__isnull=True):
        if d.due < on or d.state == Deadline.State.BREACHED:
            d.state, d.breached_at, late = Deadline.State.BREACHED, d.breached_at or now, True
        else:
            d.state = Deadline.State.MET
        d.closed_at = now
        d.save(update_fields=["state", "breached_at", "closed_at"])
    return late


def step_cancel(*, case, key: str) -> None:
    _step_deadlines(case, key).filter(state__in=(Deadline.State.OPEN, Deadline.State.PAUSED)).update(
        state=Deadline.State.CANCELLED, closed_at=timezone.now())


def step_due(*, case, key: str) -> datetime.date | None:
    d = _step_deadlines(case, key).order_by("-pk").first()
    return d.due if d else None


def step_extend(*, case, key: str, until: datetime.date, reason: str) -> None:
    for d in _step_deadlines(case, key).filter(state__in=(Deadline.State.OPEN, Deadline.State.BREACHED),
                                               closed_at__isnull=True):
        deadline_explain_append(d, lambda: _("Extended to %(day)s: %(reason)s") % {
            "day": until.strftime("%d.%m.%Y"), "reason": reason})
        d.due, d.state, d.breached_at = until, Deadline.State.OPEN, None
        d.save(update_fields=["due", "state", "breached_at", "explanation", "texts"])
