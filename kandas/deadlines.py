"""Deadlines are rows: opened when a step starts, closed when it ends, swept for breaches (CAL-1…3)."""
from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Deadline, Notification, Staff, Unit
from .rules import Step
from .workdays import WorkCalendar, _fmt

WARN_AHEAD_DAYS = 3  # CAL-3: warn this many calendar days before a fixed calendar date


def deadline_compute(step: Step, start: datetime.date, calendar: WorkCalendar,
                     fixed_date: datetime.date | None = None) -> tuple[datetime.date, str]:
    """The due date of `step` started on `start` and how it was counted."""
    if step.unit == Unit.CALENDAR_DATE:
        # CAL-3: a calendar date keeps its date even on a non-working day.
        due = fixed_date
        note = _("fixed calendar date %(due)s") % {"due": _fmt(due)}
        if not calendar.is_working(due):
            note += " — " + _("a non-working day: the date still holds, act before it")
        return due, note
    if step.unit == Unit.CALENDAR_DAYS:
        due = calendar.add_calendar_days(start, step.length)
        return due, _("%(n)d calendar days after %(start)s → due %(due)s") % {
            "n": step.length, "start": _fmt(start), "due": _fmt(due)}
    due = calendar.add_working_days(start, step.length)
    if step.length == 0:
        return due, _("the same day: %(due)s") % {"due": _fmt(due)}
    return due, calendar.explain_working(start, step.length, due)


def deadline_open(*, case, step: Step | str, organisation, start: datetime.date | None = None, assignee=None,
                  calendar: WorkCalendar | None = None, fixed_date: datetime.date | None = None) -> Deadline:
    """Open the deadline of one step of `case` (call inside the transition's transaction)."""
    if isinstance(step, str):
        step = case.rules.step(step)
    start = start or timezone.localdate()
    due, explanation = deadline_compute(step, start, calendar or WorkCalendar.load(), fixed_date)
    return Deadline.objects.create(
        case_type=ContentType.objects.get_for_model(case), case_id=case.pk, case_ref=case.ref,
        case_url=case.get_absolute_url() if hasattr(case, "get_absolute_url") else "",
        rule=step.rule, step=str(step.label or step.key), organisation=organisation, assignee=assignee,
        region=organisation.region or case.region, unit=step.unit, length=step.length, start=start, due=due,
        is_service_term=step.service_term, explanation=explanation,
    )


def case_deadlines(case):
    return Deadline.objects.filter(case_type=ContentType.objects.get_for_model(case), case_id=case.pk)


def deadline_close(*, case, rule: str, on: datetime.date | None = None) -> int:
    """Close the running deadline(s) of `rule`: met when on time; a breached one stays breached."""
    on = on or timezone.localdate()
    now = timezone.now()
    qs = case_deadlines(case).filter(rule=rule, state__in=(Deadline.State.OPEN, Deadline.State.PAUSED))
    met = qs.filter(due__gte=on).update(state=Deadline.State.MET, closed_at=now)
    late = qs.filter(due__lt=on).update(state=Deadline.State.BREACHED, closed_at=now, breached_at=now)
    case_deadlines(case).filter(rule=rule, state=Deadline.State.BREACHED, closed_at__isnull=True).update(closed_at=now)
    return met + late


def deadline_cancel(*, case, rule: str | None = None) -> int:
    qs = case_deadlines(case).filter(state__in=(Deadline.State.OPEN, Deadline.State.PAUSED))
    if rule:
        qs = qs.filter(rule=rule)
    return qs.update(state=Deadline.State.CANCELLED, closed_at=timezone.now())


def deadline_pause(*, case, rule: str, on: datetime.date | None = None, reason: str = "") -> int:
    """Stop the clock of a step (e.g. a postponed hearing); the remaining days are kept."""
    on = on or timezone.localdate()
    calendar = WorkCalendar.load()
    count = 0
    for d in case_deadlines(case).filter(rule=rule, state=Deadline.State.OPEN).select_for_update():
        if d.unit == Unit.WORKING_DAYS:
            d.remaining = calendar.count_working_days(on + datetime.timedelta(days=1), d.due)
        else:
            d.remaining = (d.due - on).days
        d.state, d.paused_on = Deadline.State.PAUSED, on
        d.explanation += "\n" + _("Paused on %(on)s with %(n)d days left. %(reason)s") % {
            "on": _fmt(on), "n": d.remaining, "reason": reason}
        d.save(update_fields=["remaining", "state", "paused_on", "explanation"])
        count += 1
    return count


def deadline_resume(*, case, rule: str, on: datetime.date | None = None) -> int:
    """Restart a paused step: the remaining days run from `on`."""
    on = on or timezone.localdate()
    calendar = WorkCalendar.load()
    count = 0
    for d in case_deadlines(case).filter(rule=rule, state=Deadline.State.PAUSED).select_for_update():
        remaining = max(d.remaining or 0, 0)
        if d.unit == Unit.WORKING_DAYS:
            d.due = calendar.add_working_days(on, remaining)
        else:
            d.due = calendar.add_calendar_days(on, remaining)
        d.state, d.paused_on, d.remaining = Deadline.State.OPEN, None, None
        d.explanation += "\n" + _("Resumed on %(on)s with %(n)d days left → due %(due)s") % {
            "on": _fmt(on), "n": remaining, "due": _fmt(d.due)}
        d.save(update_fields=["due", "state", "paused_on", "remaining", "explanation"])
        count += 1
    return count


def deadlines_recompute_after_calendar_change(*, changed_day: datetime.date) -> int:
    """CAL-2: running working-day deadlines whose span covers the edited day get a new due date."""
    calendar = WorkCalendar.load()
    changed = 0
    qs = Deadline.objects.filter(
        state__in=Deadline.RUNNING, unit=Unit.WORKING_DAYS, start__lt=changed_day,
        due__gte=changed_day - datetime.timedelta(days=31),
    )
    with transaction.atomic():
        for d in qs.select_for_update():
            due = calendar.add_working_days(d.start, d.length)
            if due == d.due:
                continue
            d.explanation = calendar.explain_working(d.start, d.length, due) + "\n" + _(
                "Recomputed after a calendar change on %(day)s: was %(old)s, now %(new)s") % {
                "day": _fmt(changed_day), "old": _fmt(d.due), "new": _fmt(due)}
            d.due = due
            if d.state == Deadline.State.BREACHED and due >= timezone.localdate():
                d.state, d.breached_at, d.breach_notified_at = Deadline.State.OPEN, None, None
            d.save(update_fields=["due", "explanation", "state", "breached_at", "breach_notified_at"])
            changed += 1
    return changed


def deadline_sweep(*, today: datetime.date | None = None) -> dict:
    """Mark overdue deadlines breached and notify each responsible organisation once.

    Works in bulk (a few statements whatever the number of rows) and is idempotent: a deadline is
    marked and counted into a notification in the same transaction, so a rerun, or a rerun after a
    crash half-way, finds nothing new and notifies nobody twice.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:  # one sweep at a time
                cur.execute("SELECT pg_advisory_xact_lock(%s)", [7_301_001])
        breached = Deadline.objects.filter(state=Deadline.State.OPEN, due__lt=today).update(
            state=Deadline.State.BREACHED, breached_at=now)
        pending = Deadline.objects.filter(state=Deadline.State.BREACHED, breach_notified_at__isnull=True,
                                          closed_at__isnull=True)
        per_org = list(pending.values("organisation_id").annotate(n=Count("id"), first_due=Min("due"), first=Min("id")))
        notifications = []
        if per_org:
            staff = Staff.objects.filter(organisation_id__in=[r["organisation_id"] for r in per_org])
            users_by_org: dict[int, list[int]] = {}
            for org_id, user_id in staff.values_list("organisation_id", "user_id"):
                users_by_org.setdefault(org_id, []).append(user_id)
            for row in per_org:
                text = _("%(n)d deadline(s) of your organisation are overdue (earliest due %(due)s).") % {
                    "n": row["n"], "due": _fmt(row["first_due"])}
                key = f"breach:{row['organisation_id']}:{today.isoformat()}:{row['first']}:{row['n']}"
                notifications += [Notification(user_id=u, key=key, text=text, link="/?overdue=1")
                                  for u in users_by_org.get(row["organisation_id"], [])]
            Notification.objects.bulk_create(notifications, ignore_conflicts=True)
        marked = pending.update(breach_notified_at=now)
    if notifications:
        from .tasks import notifications_email

        transaction.on_commit(notifications_email.delay)
    return {"breached": breached, "notified_deadlines": marked, "notifications": len(notifications)}


def deadlines_warn_calendar_dates(*, today: datetime.date | None = None) -> int:
    """CAL-3: warn ahead of fixed calendar dates (they do not move off non-working days)."""
    today = today or timezone.localdate()
    soon = Deadline.objects.filter(state=Deadline.State.OPEN, unit=Unit.CALENDAR_DATE,
                                   due__gte=today, due__lte=today + datetime.timedelta(days=WARN_AHEAD_DAYS))
    created = []
    staff = {}
    for org_id, user_id in Staff.objects.filter(organisation_id__in=soon.values("organisation_id")).values_list(
            "organisation_id", "user_id"):
        staff.setdefault(org_id, []).append(user_id)
    for d in soon:
        text = _("%(ref)s: %(step)s is due on %(due)s (a fixed date).") % {
            "ref": d.case_ref, "step": d.step, "due": _fmt(d.due)}
        created += [Notification(user_id=u, key=f"warn:{d.pk}", text=text, link=d.case_url)
                    for u in staff.get(d.organisation_id, [])]
    Notification.objects.bulk_create(created, ignore_conflicts=True)
    return len(created)
