"""The monthly report app.3 (ADA-18): the months of a CC, the printout (PDF, XLSX), submission and receipt."""
from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kandas.exports import export_requested, export_response
from kandas.models import Organisation
from kandas.pdf import pdf_language, pdf_response
from kandas.printing import print_gate
from kandas.roles import Role, user_has_role
from kandas.scoping import user_organisation

from ..models import MonthlyReport
from ..plan_catalogue import APP3_TITLE_RU
from ..services import reports
from ..services.dashboards import plan_dashboard
from .export_columns import DASHBOARD_TABLES, REPORT_COLUMNS


def _cc_for(request, cc_pk: int) -> Organisation:
    cc = get_object_or_404(Organisation, pk=cc_pk, kind=Organisation.Kind.CC)
    org = user_organisation(request.user)
    if not (request.user.is_superuser or (org is not None and (org == cc or (
            org.region_id == cc.region_id and org.kind in (Organisation.Kind.MIO, Organisation.Kind.LMC))))):
        raise Http404
    return cc


def _months(today: datetime.date, n: int = 12) -> list[str]:
    out, day = [], today.replace(day=1)
    for _i in range(n):
        day = (day - datetime.timedelta(days=1)).replace(day=1)
        out.append(f"{day.year}-{day.month:02d}")
    return out


@login_required
def monthly_reports(request):
    org = user_organisation(request.user)
    if org is None:
        raise PermissionDenied(_("The monthly reports are kept by career centres and read by MIOs."))
    if org.kind == Organisation.Kind.CC:
        ccs = [org]
    else:
        ccs = list(Organisation.objects.filter(kind=Organisation.Kind.CC, region_id=org.region_id).order_by("pk"))
    submitted = {(r.career_centre_id, r.period): r for r in MonthlyReport.objects.filter(career_centre__in=ccs)}
    months = _months(timezone.localdate())
    rows = [{"cc": cc, "period": p, "report": submitted.get((cc.pk, p))} for cc in ccs for p in months]
    if export_requested(request):
        return export_response(request, rows=iter(rows), columns=REPORT_COLUMNS, filename="monthly-reports")
    return render(request, "adaptation/plans/reports.html", {
        "rows": rows, "is_cc": org.kind == Organisation.Kind.CC,
        "is_mio": user_has_role(request.user, Role.MIO_SPECIALIST, Role.MIO_HEAD)})


def _checked_period(period: str) -> str:
    try:
        reports.month_bounds(period)
    except ValidationError:
        raise Http404
    return period


@login_required
def monthly_report_pdf(request, cc_pk: int, period: str):
    cc, period = _cc_for(request, cc_pk), _checked_period(period)
    print_gate(user=request.user, person=None, detail=f"app.3 {cc} {period}")
    language = pdf_language(request)
    return pdf_response("adaptation/plans/pdf/app3.html", {
        "cc": cc, "period": period, "title": APP3_TITLE_RU, "columns": reports.app3_columns(),
        "rows": reports.app3_rows(career_centre=cc, period=period)},
        filename=f"app3-{cc.pk}-{period}.pdf", language=language)


@login_required
def monthly_report_xlsx(request, cc_pk: int, period: str):
    cc, period = _cc_for(request, cc_pk), _checked_period(period)
    print_gate(user=request.user, person=None, detail=f"app.3 {cc} {period} xlsx")
    response = HttpResponse(reports.app3_xlsx(career_centre=cc, period=period),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="app3-{cc.pk}-{period}.xlsx"'
    return response


@login_required
@require_POST
def monthly_report_submit(request, cc_pk: int, period: str):
    cc, period = _cc_for(request, cc_pk), _checked_period(period)
    try:
        reports.monthly_report_submit(actor=request.user, career_centre_id=cc.pk, period=period)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The report is submitted to the MIO."))
    return redirect("adaptation:monthly_reports")


@login_required
@require_POST
def monthly_report_receive(request, pk: int):
    report = get_object_or_404(MonthlyReport, pk=pk)
    _cc_for(request, report.career_centre_id)
    try:
        reports.monthly_report_receive(actor=request.user, report_id=report.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The report is recorded as received."))
    return redirect("adaptation:monthly_reports")


@login_required
def plan_dashboard_view(request):
    """Plan completion and overdue items, monitoring rounds due, scores by quarter (numbers beside bars)."""
    national = request.user.is_superuser or user_has_role(request.user, Role.CRTR_ANALYST, Role.MINISTRY_ANALYST)
    org = user_organisation(request.user)
    if not national and (org is None or org.region_id is None):
        raise PermissionDenied(_("The dashboard shows a region's plans to its organisations."))
    data = plan_dashboard(region_id=None if national else org.region_id, language=request.LANGUAGE_CODE)
    if export_requested(request):
        table = request.GET.get("table", "")
        if table not in DASHBOARD_TABLES:
            return HttpResponseBadRequest(_("Choose one of the dashboard's tables to export."),
                                          content_type="text/plain; charset=utf-8")
        key, columns = DASHBOARD_TABLES[table]
        return export_response(request, rows=iter(data[key]), columns=columns,
                               filename=f"adaptation-dashboard-{table}")
    chart = {key: {"labels": [r["name"] for r in data[key]], "done": [r["done"] for r in data[key]],
                   "overdue": [r["overdue"] for r in data[key]],
                   "open": [r["total"] - r["done"] - r["overdue"] for r in data[key]]} for key in ("regions", "ccs", "lmcs")}
    chart["rounds"] = {"labels": [r["name"] for r in data["round_rows"]],
                       "overdue": [r["overdue"] for r in data["round_rows"]],
                       "quarter": [r["quarter"] for r in data["round_rows"]]}
    chart["scores"] = {"labels": [s["quarter"] for s in data["scores"]], "total": [float(s["total"]) for s in data["scores"]]}
    return render(request, "adaptation/plans/dashboard.html", {**data, "chart": chart})
