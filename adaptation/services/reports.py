"""The monthly report app.3 (ADA-18, Decisions 11): one row per person (IIN), columns 3–27 the 25 services,
each cell the date the item was completed in the month; per settlement CC (the CC of the settlement region)
and month. Rows are streamed from one ordered query (constant memory, constant query count)."""
from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kandas.models import Organisation
from kandas.obligation_services import obligation_ensure, obligation_fulfil
from kandas.obligations import obligation_kind, period_from_code
from kandas.roles import Role, user_has_role
from kandas.scoping import user_organisation
from kandas.transitions import case_event_log

from ..models import MonthlyReport, PlanItem
from ..obligations import MONTHLY_REPORT
from ..plan_catalogue import APP3_HEAD_RU, APP3_TITLE_RU, SERVICES


@dataclass
class App3Row:
    number: int
    iin: str
    cells: list  # 25 dates or None, app.1 order


def app3_columns() -> list[tuple[int, str]]:
    """Columns 1–27 as app.3 prints them."""
    return [(1, APP3_HEAD_RU[0]), (2, APP3_HEAD_RU[1])] + [(s.column, s.app3_ru) for s in SERVICES]


def month_bounds(period: str) -> tuple[datetime.date, datetime.date]:
    try:
        p = period_from_code("monthly", period)
    except (ValueError, TypeError):
        raise ValidationError(_("A month is written 2026-11."))
    return p.start, p.end


def app3_rows(*, career_centre: Organisation, period: str) -> Iterator[App3Row]:
    """One GROUP BY query pivoting the month's completed items to one row per person (25 cells), streamed."""
    start, end = month_bounds(period)
    cells = {f"s{n}": Max("completed_on", filter=Q(service=n)) for n in range(1, 26)}
    qs = (PlanItem.objects.filter(plan__application__settlement_region_id=career_centre.region_id,
                                  completed_on__range=(start, end))
          .values("person_id", "person__iin").annotate(**cells).order_by("person_id")
          .values_list("person__iin", *cells))
    if connection.vendor == "postgresql":
        # A server-side cursor is planned for its first rows (cursor_tuple_fraction 0.1): a nested loop in
        # person order, 4x slower over 50,000 persons than the hash join a whole-result query gets.
        with connection.cursor() as cursor:
            cursor.execute("SET cursor_tuple_fraction = 1.0")
    for number, (iin, *dates) in enumerate(qs.iterator(chunk_size=5000), start=1):
        yield App3Row(number, iin or "—", dates)


def app3_xlsx(*, career_centre: Organisation, period: str) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(period)
    ws.append([APP3_TITLE_RU])
    ws.append([f"{career_centre} · {period}"])
    ws.append([label for _n, label in app3_columns()])
    ws.append([n for n, _label in app3_columns()])
    for row in app3_rows(career_centre=career_centre, period=period):
        ws.append([row.number, row.iin] + [d.strftime("%d.%m.%Y") if d else None for d in row.cells])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _require_cc(actor, cc: Organisation):
    if actor.is_superuser:
        return
    if not (user_has_role(actor, Role.CC_SPECIALIST, Role.CC_DIRECTOR) and user_organisation(actor) == cc):
        raise PermissionDenied(_("Only the career centre's own staff submit its monthly report."))


@transaction.atomic
def monthly_report_submit(*, actor, career_centre_id: int, period: str, on: datetime.date | None = None) -> MonthlyReport:
    """ADA-18: the CC submits app.3 for the month to the MIO; the month's obligation is fulfilled."""
    cc = Organisation.objects.get(pk=career_centre_id, kind=Organisation.Kind.CC)
    _require_cc(actor, cc)
    start, end = month_bounds(period)
    on = on or timezone.localdate()
    if on <= end:
        raise ValidationError(_("The report for %(month)s is submitted after the month ends.") % {"month": period})
    kind = obligation_kind(MONTHLY_REPORT)
    obligation, _new = obligation_ensure(kind=kind, organisation=cc, period=kind.period(period), today=on)
    rows = sum(1 for _r in app3_rows(career_centre=cc, period=period))
    try:
        with transaction.atomic():
            report = MonthlyReport.objects.create(career_centre=cc, period=period, obligation=obligation, rows=rows,
                                                  submitted_on=on, submitted_by=actor)
    except IntegrityError:
        raise ValidationError(_("The report for %(month)s is already submitted.") % {"month": period})
    obligation_fulfil(obligation_id=obligation.pk, actor=actor, on=on, result_ref=f"app.3 {period}",
                      result_url=f"/adaptation/reports/{cc.pk}/{period}.pdf")
    return report


@transaction.atomic
def monthly_report_receive(*, actor, report_id: int, on: datetime.date | None = None) -> MonthlyReport:
    """ADA-18: the MIO of the CC's region records the report received."""
    report = MonthlyReport.objects.select_for_update().select_related("career_centre").get(pk=report_id)
    org = user_organisation(actor)
    if not actor.is_superuser and not (user_has_role(actor, Role.MIO_SPECIALIST, Role.MIO_HEAD) and org is not None
                                       and org.region_id == report.career_centre.region_id):
        raise PermissionDenied(_("Only the MIO of the career centre's region receives its report."))
    if report.received_on:
        raise ValidationError(_("The report is already received."))
    report.received_on, report.received_by = on or timezone.localdate(), actor
    report.save(update_fields=["received_on", "received_by"])
    if report.obligation_id:
        case_event_log(case=report.obligation, event="received", actor=actor)
    return report
