"""Statutory-term compliance: per organisation, step and month, how the steps that started that month went.

A cell counts the deadlines (kandas.models.Deadline) of one organisation and one step that started in the
month: finished on time (met), finished late (closed after the due date), the median working days used by
the finished ones (start+1 … closing day on the working-day calendar), open now and, of those, overdue
now. Cancelled steps are not counted. The counts are one SQL aggregate; the medians one streamed
values_list (working days need the calendar, not SQL); labels and names two more queries, so the page costs
the same whatever the number of rows. Every query starts from `scope_for` (a region's head sees their
region; national bodies every region). Nothing personal is read: deadlines carry case numbers only.
"""
from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import Deadline, Organisation
from .roles import Role, user_has_role
from .scoping import scope_for
from .workdays import ONE_DAY, WorkCalendar

COMPLIANCE_ROLES = (Role.MIO_HEAD, Role.LMC_HEAD, Role.CC_DIRECTOR, Role.MINISTRY_ANALYST, Role.CRTR_ANALYST)
MEASURES = ("on_time", "late", "open_now", "overdue_now")


def compliance_may_view(user) -> bool:
    return user_has_role(user, *COMPLIANCE_ROLES)


def measure_q(measure: str, today: datetime.date) -> Q:
    """The deadlines a measure counts (the table and the drill-down use the same condition)."""
    running = Q(closed_at__isnull=True, state__in=(Deadline.State.OPEN, Deadline.State.BREACHED, Deadline.State.PAUSED))
    return {
        "on_time": Q(state=Deadline.State.MET),
        "late": Q(state=Deadline.State.BREACHED, closed_at__isnull=False),
        "open_now": running,
        "overdue_now": Q(closed_at__isnull=True) & (Q(state=Deadline.State.BREACHED)
                                                    | Q(state=Deadline.State.OPEN, due__lt=today)),
    }[measure]


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_after(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def compliance_deadlines(user, *, month_from=None, month_to=None, organisation=None, step=""):
    """The counted deadlines this user may see, filtered (months are first days of months, both included)."""
    qs = scope_for(user, Deadline.objects.all()).exclude(state=Deadline.State.CANCELLED)
    if month_from:
        qs = qs.filter(start__gte=month_from)
    if month_to:
        qs = qs.filter(start__lt=month_after(month_to))
    if organisation:
        qs = qs.filter(organisation_id=organisation)
    if step:
        qs = qs.filter(step_key=step)
    return qs


def cell_deadlines(user, *, organisation: int, case_type: int, step: str, month: datetime.date, measure: str,
                   today: datetime.date | None = None):
    """The deadlines behind one number of the table (exactly those it counted)."""
    today = today or timezone.localdate()
    qs = compliance_deadlines(user, month_from=month, month_to=month, organisation=organisation, step=step)
    return qs.filter(measure_q(measure, today), case_type_id=case_type)


@dataclass
class Cell:
    organisation_id: int
    case_type_id: int
    step_key: str
    month: datetime.date
    on_time: int = 0
    late: int = 0
    open_now: int = 0
    overdue_now: int = 0
    first_id: int = 0
    median_days: float | None = None
    organisation: str = ""
    region: str = ""
    step: str = ""
    days: list = field(default_factory=list, repr=False)

    @property
    def key(self):
        return (self.organisation_id, self.case_type_id, self.step_key, self.month)

    @property
    def finished(self) -> int:
        return self.on_time + self.late

    @property
    def numbers(self) -> list[tuple[str, int]]:
        return [(m, getattr(self, m)) for m in MEASURES]

    @property
    def on_time_share(self) -> int | None:
        return round(100 * self.on_time / self.finished) if self.finished else None


def _local_date(moment) -> datetime.date:
    return timezone.localtime(moment).date()


def compliance_cells(user, *, today: datetime.date | None = None, **filters) -> list[Cell]:
    """The table: one cell per organisation, step and month the user may see, ordered by month, organisation."""
    today = today or timezone.localdate()
    qs = compliance_deadlines(user, **filters).annotate(month=TruncMonth("start"))
    rows = qs.values("organisation_id", "case_type_id", "step_key", "month").annotate(
        first_id=Min("id"), **{m: Count("id", filter=measure_q(m, today)) for m in MEASURES}).order_by()
    cells = {}
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, datetime.datetime) else month
        cell = Cell(row["organisation_id"], row["case_type_id"], row["step_key"], month, row["on_time"], row["late"],
                    row["open_now"], row["overdue_now"], row["first_id"])
        cells[cell.key] = cell
    if not cells:
        return []
    calendar = WorkCalendar.load()
    finished = qs.filter(measure_q("on_time", today) | measure_q("late", today)).values_list(
        "organisation_id", "case_type_id", "step_key", "month", "start", "closed_at")
    for org, ct, step, month, start, closed_at in finished.iterator(chunk_size=2000):
        month = month.date() if isinstance(month, datetime.datetime) else month
        cell = cells.get((org, ct, step, month))
        if cell is not None:
            cell.days.append(calendar.count_working_days(start + ONE_DAY, _local_date(closed_at)))
    labels = {d.pk: d.step_label for d in Deadline.objects.filter(pk__in=[c.first_id for c in cells.values()]).only(
        "pk", "step", "texts")}
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in={c.organisation_id for c in cells.values()})
            .select_related("region")}
    for cell in cells.values():
        cell.median_days = statistics.median(cell.days) if cell.days else None
        org = orgs[cell.organisation_id]
        cell.organisation, cell.region, cell.step = str(org), str(org.region or ""), labels.get(cell.first_id, "")
    return sorted(cells.values(), key=lambda c: (c.month, c.region, c.organisation, c.step, c.case_type_id))


def compliance_chart(cells: list[Cell]) -> dict:
    """Totals per month for the chart (the table beside it has every number)."""
    months: dict[datetime.date, dict] = {}
    for cell in cells:
        m = months.setdefault(cell.month, {m: 0 for m in MEASURES})
        for measure in MEASURES:
            m[measure] += getattr(cell, measure)
    order = sorted(months)
    return {"labels": [f"{m:%m.%Y}" for m in order], **{k: [months[m][k] for m in order] for k in MEASURES}}


def compliance_filter_choices(user):
    """Organisations and steps the user may filter by (two queries)."""
    scoped = scope_for(user, Deadline.objects.all())
    orgs = Organisation.objects.filter(pk__in=scoped.values("organisation_id")).select_related("region")
    steps = scoped.values("step_key").annotate(label=Min("step")).order_by("label")
    return ([(o.pk, f"{o} ({o.region})" if o.region else str(o)) for o in orgs],
            [(s["step_key"], s["label"]) for s in steps])
