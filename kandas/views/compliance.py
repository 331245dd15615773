"""Statutory-term compliance dashboard and its drill-down (kandas.compliance)."""
import datetime
import re

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..compliance import (MEASURES, cell_deadlines, compliance_cells, compliance_chart, compliance_filter_choices,
                          compliance_may_view, month_start)
from ..exports import Column, export_requested, export_response, rows_in_chunks
from ..filters import query_filters
from ..roles import user_may_see_personal_data
from ..scoping import user_is_national

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
MEASURE_LABELS = {"on_time": _("finished on time"), "late": _("finished late"), "open_now": _("open now"),
                  "overdue_now": _("overdue now")}


class MonthField(forms.Field):
    """A month as the browser's month input sends it: 2026-03 (the first day of that month)."""

    def __init__(self, *, required=False, **kwargs):
        super().__init__(required=required, **kwargs)

    def to_python(self, value):
        value = str(value or "").strip()
        if not value:
            return None
        match = MONTH_RE.match(value)
        try:
            if not match:
                raise ValueError
            return datetime.date(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise forms.ValidationError(_("Enter a month as YYYY-MM.")) from None


class ComplianceFilterForm(forms.Form):
    month_from = MonthField(label=_("From month"))
    month_to = MonthField(label=_("To month"))
    organisation = forms.TypedChoiceField(label=_("Organisation"), required=False, coerce=int, empty_value=None)
    step = forms.ChoiceField(label=_("Step"), required=False)

    def __init__(self, *args, organisations=(), steps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("All organisations")), *organisations]
        self.fields["step"].choices = [("", _("All steps")), *steps]


class CellForm(forms.Form):
    organisation = forms.IntegerField(min_value=1, max_value=2**62)
    case_type = forms.IntegerField(min_value=1, max_value=2**31)
    step = forms.CharField(max_length=60)
    month = MonthField(required=True)
    measure = forms.ChoiceField(choices=[(m, m) for m in MEASURES])


def _allowed(request):
    if not compliance_may_view(request.user):
        raise PermissionDenied


def _export_columns() -> list[Column]:
    """The table as it is on the page (no personal data in it: organisations, steps, counts)."""
    return [Column(_("Month"), lambda c: f"{c.month:%m.%Y}"), Column(_("Region"), lambda c: c.region),
            Column(_("Organisation"), lambda c: c.organisation), Column(_("Step"), lambda c: c.step),
            Column(MEASURE_LABELS["on_time"], lambda c: c.on_time), Column(MEASURE_LABELS["late"], lambda c: c.late),
            Column(_("Median working days used"), lambda c: "" if c.median_days is None else f"{c.median_days:g}"),
            Column(MEASURE_LABELS["open_now"], lambda c: c.open_now),
            Column(MEASURE_LABELS["overdue_now"], lambda c: c.overdue_now)]


@login_required
def compliance(request):
    _allowed(request)
    organisations, steps = compliance_filter_choices(request.user)
    f = query_filters(request, ComplianceFilterForm, organisations=organisations, steps=steps)
    today = timezone.localdate()
    month_to = f.get("month_to") or month_start(today)
    month_from = f.get("month_from") or month_start(today - datetime.timedelta(days=330))
    filters = {"month_from": month_from, "month_to": month_to, "organisation": f.get("organisation"),
               "step": f.get("step") or ""}
    cells = compliance_cells(request.user, today=today, **filters)
    if export_requested(request):
        return export_response(request, rows=iter(cells), columns=_export_columns(), filename="compliance")
    form = ComplianceFilterForm(initial={**filters, "month_from": f"{month_from:%Y-%m}", "month_to": f"{month_to:%Y-%m}"},
                                organisations=organisations, steps=steps)
    return render(request, "kandas/compliance.html", {
        "cells": cells, "chart": compliance_chart(cells), "form": form, "filters": filters,
        "national": user_is_national(request.user), "measures": MEASURE_LABELS})


@login_required
def compliance_cases(request):
    """The cases behind one number: case numbers and states; a link to the case for those who may see cases."""
    _allowed(request)
    form = CellForm(request.GET)
    if not form.is_valid():
        return render(request, "kandas/compliance_cases.html", {"invalid": True}, status=400)
    cell = form.cleaned_data
    qs = cell_deadlines(request.user, organisation=cell["organisation"], case_type=cell["case_type"], step=cell["step"],
                        month=cell["month"], measure=cell["measure"]).select_related("organisation").order_by("due", "pk")
    if export_requested(request):
        return export_response(request, rows=rows_in_chunks(qs.iterator(chunk_size=2000), _with_case_states),
                               columns=CASE_COLUMNS, filename="compliance-cases")
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    deadlines = list(page.object_list)
    _with_case_states(deadlines)
    return render(request, "kandas/compliance_cases.html", {
        "page": page, "deadlines": deadlines, "cell": cell, "measure": MEASURE_LABELS[cell["measure"]],
        "may_open_cases": user_may_see_personal_data(request.user)})


CASE_COLUMNS = [
    Column(_("Case"), lambda d: d.case_ref), Column(_("Case state"), lambda d: d.case_state),
    Column(_("Step"), lambda d: d.step_label), Column(_("Organisation"), lambda d: str(d.organisation)),
    Column(_("Counted from"), lambda d: d.start), Column(_("Due"), lambda d: d.due),
    Column(_("Finished"), lambda d: timezone.localtime(d.closed_at).date() if d.closed_at else None),
    Column(_("Step state"), lambda d: d.get_state_display())]


def _with_case_states(deadlines) -> None:
    states = _case_states(deadlines)
    for d in deadlines:
        d.case_state = states.get((d.case_type_id, d.case_id), "")


def _case_states(deadlines) -> dict:
    """The state of each case in plain words: one query per case type on the page."""
    by_type: dict[int, set] = {}
    for d in deadlines:
        by_type.setdefault(d.case_type_id, set()).add(d.case_id)
    states = {}
    for ct_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is None or not any(f.name == "state" for f in model._meta.fields):
            continue
        for case in model.objects.filter(pk__in=ids).only("pk", "state"):
            states[(ct_id, case.pk)] = case.get_state_display()
    return states
