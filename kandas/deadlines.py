"""Deadlines are rows: opened when a step starts, closed when it ends, swept for breaches (CAL-1…3)."""
from __future__ import annotations

import datetime
import functools

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count, Min
from django.utils import timezone, translation
from django.utils.translation import gettext as _, gettext_noop, ngettext

from .models import Deadline, Notification, Staff, Unit
from .rules import Step
from .texts import text, text_render
from .workdays import WorkCalendar, _fmt, term_due

WARN_AHEAD_DAYS = 3  # CAL-3: warn this many calendar days before a fixed calendar date


def in_records_language(fn):
    """Explanations and notifications are stored text: write them in the installation's language
    (settings.LANGUAGE_CODE), whoever's request or task wrote them, so one deadline never mixes languages."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return fn(*args, **kwargs)

    return wrapper


def _each_language(make) -> dict[str, str]:
    """`make()` rendered in every UI language, so a stored text is read in the reader's language."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = str(make())
    return texts


def deadline_explain_append(deadline: Deadline, make) -> None:
    """Add a line to a deadline's explanation in every language (`make` builds it in the active one).
    The caller saves `explanation` and `texts`."""
    lines = _each_language(make)
    texts = {code: dict(entry) for code, entry in (deadline.texts or {}).items()}
    for code, line in lines.items():
        if code != settings.LANGUAGE_CODE:
            entry = texts.setdefault(code, {})
            entry["explanation"] = entry.get("explanation", deadline.explanation) + "\n" + line
    deadline.explanation += "\n" + lines[settings.LANGUAGE_CODE]
    deadline.texts = texts


def deadline_compute(step: Step, start: datetime.date, calendar: WorkCalendar,
                     fixed_date: datetime.date | None = None) -> tuple[datetime.date, str]:
    """The due date of `step` started on `start` and how it was counted (every unit: kandas.workdays.term_due)."""
    if step.unit == Unit.CALENDAR_DATE and fixed_date is None:
        raise ValueError(f"{step.rule} {step.key}: a calendar-date step needs fixed_date")
    return term_due(step.unit, start, step.length, calendar, fixed_date)


@in_records_language
def deadline_open(*, case, step: Step | str, organisation, subject: str = "", start: datetime.date | None = None,
                  assignee=None, calendar: WorkCalendar | None = None,
                  fixed_date: datetime.date | None = None) -> Deadline:
    """Open the deadline of one step of `case`, held by `organisation` (call inside the transition's
    transaction). `subject` names what the step is about when one case runs the same step for several
    family members or plan items ("person:42"); each subject's deadline opens and closes on its own."""
    if isinstance(step, str):
        step = case.rules.step(step)
    start = start or timezone.localdate()
    calendar = calendar or WorkCalendar.load()
    due, _explanation = deadline_compute(step, start, calendar, fixed_date)
    explanations = _each_language(lambda: deadline_compute(step, start, calendar, fixed_date)[1])
    labels = _each_language(lambda: step.label or step.key)
    texts = {code: {"step": labels[code], "explanation": explanations[code]}
             for code in labels if code != settings.LANGUAGE_CODE}
    return Deadline.objects.create(
        case_type=ContentType.objects.get_for_model(case), case_id=case.pk, case_ref=case.ref,
        case_url=case.get_absolute_url() if hasattr(case, "get_absolute_url") else "",
        rule=step.rule, step_key=step.key, subject=subject, step=labels[settings.LANGUAGE_CODE],
        organisation=organisation, assignee=assignee,
        region=organisation.region or case.region, unit=step.unit, length=step.length, start=start, due=due,
        is_service_term=step.service_term, explanation=explanations[settings.LANGUAGE_CODE], texts=texts,
    )


def case_deadlines(case):
    return Deadline.objects.filter(case_type=ContentType.objects.get_for_model(case), case_id=case.pk)


def step_deadlines(case, step: str, subject: str | None = None):
    """The deadlines of one step of `case` (of one subject, when given), newest last."""
    qs = case_deadlines(case).filter(step_key=step)
    return qs if subject is None else qs.filter(subject=subject)


def _running(qs):
    return qs.filter(state__in=Deadline.RUNNING + (Deadline.State.PAUSED,), closed_at__isnull=True)


def deadline_close(*, case, step: str, subject: str | None = None, on: datetime.date | None = None) -> bool:
    """Close the running deadline(s) of `step` (of `subject`, when given): met when on time, breached
    (and kept so) when late. Returns True when the step was closed late."""
    on = on or timezone.localdate()
    now = timezone.now()
    late = False
    for d in _running(step_deadlines(case, step, subject)).select_for_update():
        if d.state == Deadline.State.BREACHED or d.due < on:
            d.state, d.breached_at, late = Deadline.State.BREACHED, d.breached_at or now, True
        else:
            d.state = Deadline.State.MET
        d.closed_at = now
        d.save(update_fields=["state", "breached_at", "closed_at"])
    return late


def deadline_cancel(*, case, step: str | None = None, subject: str | None = None) -> int:
    """Stop running deadlines without a verdict (the step no longer applies): one step, or all."""
    qs = case_deadlines(case) if step is None else step_deadlines(case, step, subject)
    return _running(qs).update(state=Deadline.State.CANCELLED, closed_at=timezone.now())


def deadline_due(*, case, step: str, subject: str | None = None) -> datetime.date | None:
    """The due date of the step's latest deadline (None when the step never opened)."""
    d = step_deadlines(case, step, subject).order_by("-pk").first()
    return d.due if d else None


@in_records_language
def deadline_extend(*, case, step: str, until: datetime.date, reason: str, subject: str | None = None) -> int:
    """A lawful extension of a running step (e.g. QUO-11 p.26): new due date, the reason in its explanation."""
    count = 0
    for d in _running(step_deadlines(case, step, subject)).select_for_update():
        deadline_explain_append(d, lambda: _("Extended to %(day)s: %(reason)s") % {"day": _fmt(until), "reason": reason})
        d.due, d.state, d.breached_at = until, Deadline.State.OPEN, None
        d.save(update_fields=["due", "state", "breached_at", "explanation", "texts"])
        count += 1
    return count


@in_records_language
def deadline_pause(*, case, step: str, subject: str | None = None, on: datetime.date | None = None,
                   reason: str = "") -> int:
    """Stop the clock of a step (e.g. a postponed hearing); the remaining days are kept."""
    on = on or timezone.localdate()
    calendar = WorkCalendar.load()
    count = 0
    for d in step_deadlines(case, step, subject).filter(state=Deadline.State.OPEN).select_for_update():
        if d.unit == Unit.WORKING_DAYS:
            d.remaining = calendar.count_working_days(on + datetime.timedelta(days=1), d.due)
        else:
            d.remaining = (d.due - on).days
        d.state, d.paused_on = Deadline.State.PAUSED, on
        deadline_explain_append(d, lambda: ngettext(
            "Paused on %(on)s with %(n)d day left. %(reason)s", "Paused on %(on)s with %(n)d days left. %(reason)s",
            d.remaining) % {
            "on": _fmt(on), "n": d.remaining, "reason": reason})
        d.save(update_fields=["remaining", "state", "paused_on", "explanation", "texts"])
        count += 1
    return count


@in_records_language
def deadline_resume(*, case, step: str, subject: str | None = None, on: datetime.date | None = None) -> int:
    """Restart a paused step: the remaining days run from `on` (the clock then counts from `on`, so a
    later calendar edit recomputes from there)."""
    on = on or timezone.localdate()
    calendar = WorkCalendar.load()
    count = 0
    for d in step_deadlines(case, step, subject).filter(state=Deadline.State.PAUSED).select_for_update():
        remaining = max(d.remaining or 0, 0)
        if d.unit == Unit.WORKING_DAYS:
            d.due = calendar.add_working_days(on, remaining)
        else:
            d.due = calendar.add_calendar_days(on, remaining)
        d.state, d.paused_on, d.remaining = Deadline.State.OPEN, None, None
        d.start, d.length = on, remaining
        deadline_explain_append(d, lambda: ngettext(
            "Resumed on %(on)s with %(n)d day left → due %(due)s", "Resumed on %(on)s with %(n)d days left → due %(due)s",
            remaining) % {
            "on": _fmt(on), "n": remaining, "due": _fmt(d.due)})
        d.save(update_fields=["due", "state", "paused_on", "remaining", "start", "length", "explanation", "texts"])
        count += 1
    return count


@in_records_language
def deadlines_recompute_after_calendar_change(*, changed_day: datetime.date, change: str = "",
                                              previous_day: datetime.date | None = None) -> int:
    """CAL-2: running deadlines whose count covers the edited day get a new due date.

    A working-day deadline counted from `start` depends on the days start+1 … due only, so it is
    affected when start < changed_day <= due (`previous_day`: the row's old date when an administrator
    moved it). The explanation keeps its history and gains a line saying what changed. A fixed
    calendar date (CAL-3) keeps its date; it only gains a warning when that day became non-working.
    Returns the number of deadlines whose due date moved.
    """
    days = [d for d in (changed_day, previous_day) if d]
    lo, hi = min(days), max(days)
    calendar = WorkCalendar.load()
    what = change or _fmt(changed_day)
    today = timezone.localdate()
    moved = []
    qs = Deadline.objects.filter(state__in=Deadline.RUNNING, closed_at__isnull=True, unit=Unit.WORKING_DAYS,
                                 start__lt=hi, due__gte=lo)
    for d in qs.select_for_update():
        due = calendar.add_working_days(d.start, d.length)
        if due == d.due:
            continue
        deadline_explain_append(d, lambda: _("Calendar changed (%(what)s): due %(old)s → %(new)s. %(how)s") % {
            "what": what, "old": _fmt(d.due), "new": _fmt(due),
            "how": calendar.explain_working(d.start, d.length, due)})
        d.due = due
        if d.state == Deadline.State.BREACHED and due >= today:
            d.state, d.breached_at, d.breach_notified_at = Deadline.State.OPEN, None, None
        moved.append(d)
    Deadline.objects.bulk_update(moved, ["due", "explanation", "texts", "state", "breached_at", "breach_notified_at"],
                                 batch_size=1000)
    for d in Deadline.objects.filter(state=Deadline.State.OPEN, unit=Unit.CALENDAR_DATE, due__in=days):
        if not calendar.is_working(d.due):
            deadline_explain_append(d, lambda: _("Calendar changed (%(what)s): %(due)s is now a non-working day; "
                                                 "the date still holds, act before it.") % {"what": what, "due": _fmt(d.due)})
            d.save(update_fields=["explanation", "texts"])
    return len(moved)


SWEEP_LOCK = 7_301_001

_SWEEP_SQL = """
WITH swept AS (
    UPDATE {table}
       SET state = 'breached', breached_at = COALESCE(breached_at, %(now)s), breach_notified_at = %(now)s
     WHERE (state = 'open' AND due < %(today)s)
        OR (state = 'breached' AND breach_notified_at IS NULL AND closed_at IS NULL)
    RETURNING organisation_id, due, id, (breached_at = %(now)s) AS fresh
)
SELECT organisation_id, COUNT(*), MIN(due), MIN(id), COUNT(*) FILTER (WHERE fresh) FROM swept GROUP BY organisation_id
"""


def _sweep_rows(today: datetime.date, now) -> list[tuple[int, int, datetime.date, int, int]]:
    """Mark every overdue open deadline breached and notified; per organisation: (org, n, first due,
    first id, newly breached). One statement on PostgreSQL; the ORM elsewhere."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [SWEEP_LOCK])  # one sweep at a time
            cur.execute(_SWEEP_SQL.format(table=connection.ops.quote_name(Deadline._meta.db_table)),
                        {"now": now, "today": today})
            return cur.fetchall()
    fresh = Deadline.objects.filter(state=Deadline.State.OPEN, due__lt=today)
    fresh_by_org = dict(fresh.values("organisation_id").annotate(n=Count("id")).values_list("organisation_id", "n"))
    fresh.update(state=Deadline.State.BREACHED, breached_at=now)
    pending = Deadline.objects.filter(state=Deadline.State.BREACHED, breach_notified_at__isnull=True,
                                      closed_at__isnull=True)
    rows = [(r["organisation_id"], r["n"], r["first_due"], r["first"], fresh_by_org.get(r["organisation_id"], 0))
            for r in pending.values("organisation_id").annotate(n=Count("id"), first_due=Min("due"), first=Min("id"))]
    pending.update(breach_notified_at=now)
    return rows


@in_records_language
def deadline_sweep(*, today: datetime.date | None = None) -> dict:
    """Mark overdue deadlines breached and notify each responsible organisation's staff (and head) once.

    Bulk (a few statements whatever the number of rows) and idempotent: marking a deadline breached,
    stamping it notified and writing the notifications happen in ONE transaction, so a crash half-way
    leaves nothing marked (the rerun does it all), and a rerun finds nothing new (nobody is notified
    twice). Notification keys are unique per user, which guards even against a concurrent rerun.
    E-mail goes out after commit (kandas.tasks.notifications_email), each notification once.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        rows = _sweep_rows(today, now)
        users_by_org: dict[int, list[int]] = {}
        if rows:
            for org_id, user_id in Staff.objects.filter(organisation_id__in=[r[0] for r in rows]).values_list(
                    "organisation_id", "user_id"):
                users_by_org.setdefault(org_id, []).append(user_id)
        notifications = []
        for org_id, n, first_due, first_id, _fresh in rows:
            message = text(gettext_noop("%(n)d deadline of your organisation is overdue (earliest due %(due)s)."),
                           plural=gettext_noop("%(n)d deadlines of your organisation are overdue (earliest due %(due)s)."),
                           count=n, n=n, due=first_due)
            plain = text_render(message)
            key = f"breach:{org_id}:{first_id}:{n}:{now.isoformat()}"
            notifications += [Notification(user_id=u, key=key[:120], text=plain, message=message, link="/?overdue=1")
                              for u in users_by_org.get(org_id, [])]
        Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    if notifications:
        from .tasks import notifications_email

        transaction.on_commit(notifications_email.delay)
    return {"breached": sum(r[4] for r in rows), "notified_deadlines": sum(r[1] for r in rows),
            "notifications": len(notifications)}


@in_records_language
def deadlines_warn_calendar_dates(*, today: datetime.date | None = None) -> int:
    """CAL-3: warn the responsible staff ahead of fixed calendar dates (they do not move off
    non-working days), once per deadline and user. Returns the number of new notifications."""
    today = today or timezone.localdate()
    soon = list(Deadline.objects.filter(state=Deadline.State.OPEN, unit=Unit.CALENDAR_DATE, due__gte=today,
                                        due__lte=today + datetime.timedelta(days=WARN_AHEAD_DAYS)))
    if not soon:
        return 0
    staff: dict[int, list[int]] = {}
    for org_id, user_id in Staff.objects.filter(organisation_id__in={d.organisation_id for d in soon}).values_list(
            "organisation_id", "user_id"):
        staff.setdefault(org_id, []).append(user_id)
    keys = {f"warn:{d.pk}" for d in soon}
    sent = set(Notification.objects.filter(key__in=keys).values_list("user_id", "key"))
    calendar = WorkCalendar.load()
    created = []
    for d in soon:
        step = {"$names": {code: (d.texts or {}).get(code, {}).get("step") or d.step for code, _n in settings.LANGUAGES}}
        if calendar.is_working(d.due):
            message = text(gettext_noop("%(ref)s: %(step)s is due on %(due)s (a fixed date)."),
                           ref=d.case_ref, step=step, due=d.due)
        else:
            message = text(gettext_noop("%(ref)s: %(step)s is due on %(due)s (a fixed date). It is a non-working day: "
                                        "the date still holds."), ref=d.case_ref, step=step, due=d.due)
        plain = text_render(message)
        created += [Notification(user_id=u, key=f"warn:{d.pk}", text=plain, message=message, link=d.case_url)
                    for u in staff.get(d.organisation_id, []) if (u, f"warn:{d.pk}") not in sent]
    Notification.objects.bulk_create(created, ignore_conflicts=True)
    if created:
        from .tasks import notifications_email

        transaction.on_commit(notifications_email.delay)
    return len(created)
