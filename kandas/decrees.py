"""CAL-2: the yearly calendar decree as one act — preview, apply, revert.

The preview computes on an in-memory overlay of the calendar (the table as it is plus the decree's
days), never writing anything; applying writes the calendar rows and moves the deadlines from the very
same plan (`decree_plan`), so what the preview listed is what applying does. Applying is atomic and
idempotent: the decree row is locked and an applied decree is left alone.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .deadlines import deadline_explain_append, in_records_language
from .models import CalendarDay, CalendarDecree, Deadline, Unit
from .workdays import Exception_, WorkCalendar, _fmt

DAY_OFF_NAMES = ("Перенесённый выходной день", "Ауыстырылған демалыс күні")
WORKING_NAMES = ("Рабочий день (перенос)", "Жұмыс күні (ауыстырылған)")


@dataclass(frozen=True)
class DayChange:
    date: datetime.date
    before: dict | None  # the CalendarDay row's fields, None when the table has no row
    after: dict | None  # what the row becomes, None to delete it

    def working(self, state: dict | None) -> bool:
        if state is None:
            return self.date.weekday() < 5
        return state["kind"] == CalendarDay.Kind.WORKING


@dataclass(frozen=True)
class DeadlineMove:
    deadline: Deadline
    old_due: datetime.date
    new_due: datetime.date


@dataclass(frozen=True)
class DecreePlan:
    decree: CalendarDecree
    days: list[DayChange]
    moves: list[DeadlineMove]
    calendar: WorkCalendar  # the calendar as it will be


def _row_state(row: CalendarDay | None) -> dict | None:
    if row is None:
        return None
    return {"kind": row.kind, "name_ru": row.name_ru, "name_kk": row.name_kk, "decree": row.decree}


def decree_reference(decree: CalendarDecree) -> str:
    """How the calendar rows cite the decree (Russian, like the rest of the table)."""
    return f"ПП РК № {decree.number} от {decree.signed_on_text}"


def _day_changes(decree: CalendarDecree, rows: dict[datetime.date, CalendarDay]) -> list[DayChange]:
    """The calendar rows the decree changes (a day whose working status already is what the decree says is left
    as it is: a holiday keeps its name, and a decree applied twice changes nothing)."""
    if decree.reverts_id:
        out = []
        for entry in decree.reverts.changes:
            day = datetime.date.fromisoformat(entry["date"])
            current = _row_state(rows.get(day))
            if current != entry["before"]:
                out.append(DayChange(day, current, entry["before"]))
        return out
    ref = decree_reference(decree)
    wanted: dict[datetime.date, bool] = {}
    for line in decree.days.all():
        if line.day_off:
            wanted[line.day_off] = False
        if line.worked_instead:
            wanted[line.worked_instead] = True
    out = []
    for day, working in sorted(wanted.items()):
        current = _row_state(rows.get(day))
        is_working = day.weekday() < 5 if current is None else current["kind"] == CalendarDay.Kind.WORKING
        if is_working == working:
            continue
        ru, kk = WORKING_NAMES if working else DAY_OFF_NAMES
        kind = CalendarDay.Kind.WORKING if working else CalendarDay.Kind.DAY_OFF
        out.append(DayChange(day, current, {"kind": kind, "name_ru": ru, "name_kk": kk, "decree": ref}))
    return out


def _overlay(calendar: WorkCalendar, days: list[DayChange]) -> WorkCalendar:
    exceptions = dict(calendar.exceptions)
    for change in days:
        if change.after is None:
            exceptions.pop(change.date, None)
        else:
            exceptions[change.date] = Exception_(change.after["kind"], change.after["name_ru"], change.after["name_kk"])
    return WorkCalendar(exceptions)


def _affected(days: list[DayChange]):
    """Running working-day deadlines whose count (start+1 … due) may include a changed day."""
    if not days:
        return Deadline.objects.none()
    lo, hi = min(c.date for c in days), max(c.date for c in days)
    return Deadline.objects.filter(state__in=Deadline.RUNNING, closed_at__isnull=True, unit=Unit.WORKING_DAYS,
                                   start__lt=hi, due__gte=lo).select_related("organisation").order_by("due", "pk")


def decree_plan(decree: CalendarDecree, *, lock: bool = False) -> DecreePlan:
    """What applying `decree` would do now: the calendar rows it changes and each running deadline that
    moves (old → new due date). Writes nothing."""
    dates = {line.day_off for line in decree.days.all()} | {line.worked_instead for line in decree.days.all()}
    if decree.reverts_id:
        dates = {datetime.date.fromisoformat(e["date"]) for e in decree.reverts.changes}
    rows = {r.date: r for r in CalendarDay.objects.filter(date__in=[d for d in dates if d])}
    days = [] if decree.is_applied else _day_changes(decree, rows)
    current = WorkCalendar.load()
    calendar = _overlay(current, days)
    qs = _affected(days)
    if lock:
        qs = qs.select_for_update(of=("self",))
    moves = []
    for d in qs:
        if current.add_working_days(d.start, d.length) != d.due:
            continue  # extended by hand (deadline_extend): its date no longer follows the count
        due = calendar.add_working_days(d.start, d.length)
        if due != d.due:
            moves.append(DeadlineMove(d, d.due, due))
    return DecreePlan(decree, days, moves, calendar)


def _write_days(plan: DecreePlan, user) -> None:
    rows = {r.date: r for r in CalendarDay.objects.filter(date__in=[c.date for c in plan.days])}
    reason = str(plan.decree)[:100]
    created, updated, deleted = [], [], []
    for change in plan.days:
        row = rows.get(change.date)
        if change.after is None:
            if row is not None:
                deleted.append(row)
            continue
        if row is None:
            created.append(CalendarDay(date=change.date, **change.after))
        else:
            for field, value in change.after.items():
                setattr(row, field, value)
            updated.append(row)
    # bulk writes: no per-row signal (the deadlines move once, below, naming the decree); history is kept
    if created:
        bulk_create_with_history(created, CalendarDay, default_user=user, default_change_reason=reason)
    if updated:
        bulk_update_with_history(updated, CalendarDay, ["kind", "name_ru", "name_kk", "decree"],
                                 default_user=user, default_change_reason=reason)
    for row in deleted:  # a revert removing a row the decree added (rare): the signal-free delete keeps history
        row._change_reason = reason
        CalendarDay.objects.filter(pk=row.pk).delete()
        CalendarDay.history.create(id=row.pk, date=row.date, kind=row.kind, name_ru=row.name_ru, name_kk=row.name_kk,
                                   decree=row.decree, from_library=row.from_library, history_type="-",
                                   history_date=timezone.now(), history_user=user, history_change_reason=reason)


def _explain(decree: CalendarDecree, move: DeadlineMove, calendar: WorkCalendar):
    d = move.deadline
    if decree.reverts_id:
        message = _("Calendar decree revoked by the Government decree No. %(number)s of %(date)s "
                    "(it reverts No. %(reverted)s of %(reverted_date)s): due %(old)s → %(new)s. %(how)s")
    else:
        message = _("Moved by the Government decree No. %(number)s of %(date)s: due %(old)s → %(new)s. %(how)s")
    return message % {
        "number": decree.number, "date": decree.signed_on_text, "old": _fmt(move.old_due), "new": _fmt(move.new_due),
        "reverted": decree.reverts.number if decree.reverts_id else "",
        "reverted_date": decree.reverts.signed_on_text if decree.reverts_id else "",
        "how": calendar.explain_working(d.start, d.length, move.new_due)}


@in_records_language
def decree_apply(decree: CalendarDecree, *, user=None) -> int:
    """Apply `decree`: write its calendar days and move exactly the running deadlines the plan lists, each
    explanation naming the decree (in every language). Returns the number of deadlines moved; 0 when the
    decree was already applied (nothing changes)."""
    with transaction.atomic():
        decree = CalendarDecree.objects.select_for_update().get(pk=decree.pk)
        if decree.is_applied:
            return 0
        if decree.reverts_id and not decree.reverts.is_applied:
            raise ValueError("the reverted decree is not applied")
        plan = decree_plan(decree, lock=True)
        _write_days(plan, user)
        today = timezone.localdate()
        moved = []
        for move in plan.moves:
            d = move.deadline
            deadline_explain_append(d, lambda: _explain(decree, move, plan.calendar))
            d.due = move.new_due
            if d.state == Deadline.State.BREACHED and d.due >= today:
                d.state, d.breached_at, d.breach_notified_at = Deadline.State.OPEN, None, None
            moved.append(d)
        Deadline.objects.bulk_update(moved, ["due", "explanation", "texts", "state", "breached_at",
                                             "breach_notified_at"], batch_size=1000)
        _warn_calendar_dates(decree, plan)
        decree.applied_at, decree.applied_by, decree.moved_deadlines = timezone.now(), user, len(moved)
        decree.changes = [{"date": c.date.isoformat(), "before": c.before, "after": c.after} for c in plan.days]
        decree.save(update_fields=["applied_at", "applied_by", "moved_deadlines", "changes"])
        return len(moved)


def _warn_calendar_dates(decree: CalendarDecree, plan: DecreePlan) -> None:
    """CAL-3: a fixed calendar date keeps its date; it gains a warning when the decree made it a day off."""
    off = [c.date for c in plan.days if not plan.calendar.is_working(c.date)]
    for d in Deadline.objects.filter(state=Deadline.State.OPEN, unit=Unit.CALENDAR_DATE, due__in=off):
        deadline_explain_append(d, lambda: _("%(decree)s: %(due)s is now a non-working day; the date still holds, "
                                             "act before it.") % {"decree": _decree_name(decree), "due": _fmt(d.due)})
        d.save(update_fields=["explanation", "texts"])


def _decree_name(decree: CalendarDecree) -> str:
    return _("Government decree No. %(number)s of %(date)s") % {"number": decree.number, "date": decree.signed_on_text}
