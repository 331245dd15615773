"""Screens of the CRTR's quarterly quality evaluation (ADA-20, Decisions 1) and its conclusion to the ministry,
forwarded to the MIOs, with each MIO's measures (ADA-21). National staff (CRTR, ministry) see every
settlement LMC and CC; a region's staff see their own organisations and their MIO's measures only."""
from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kandas.exports import export_requested, export_response
from kandas.models import Organisation
from kandas.obligations import obligation_kind, period_from_code, period_of
from kandas.pdf import pdf_language, pdf_response
from kandas.roles import Role, user_has_role
from kandas.scoping import user_is_national, user_region_id

from ..forms_monitoring import ConclusionForm, EvaluationForm, MeasuresForm
from ..models import ConclusionMeasures, EvaluationConclusion, QualityEvaluation
from ..obligations import QUALITY_EVALUATION, settlement_lmcs_and_ccs
from ..services import evaluation as ev
from .export_columns import QUALITY_COLUMNS

QUARTER = re.compile(r"^\d{4}-Q[1-4]$")


def _quarter(code: str) -> str:
    if not QUARTER.match(code or ""):
        raise Http404
    return code


def _last_quarter() -> str:
    return period_of("quarterly", timezone.localdate()).previous().code


def _errors(exc) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _organisations(user):
    orgs = settlement_lmcs_and_ccs().select_related("region")
    if user_is_national(user):
        return orgs
    region = user_region_id(user)
    return orgs.filter(region_id=region) if region else orgs.none()


def _measures_rows(user):
    qs = ConclusionMeasures.objects.select_related("conclusion", "mio")
    if user_is_national(user):
        return qs
    region = user_region_id(user)
    return qs.filter(mio__region_id=region) if region else qs.none()


@login_required
def quality_index(request):
    quarter = request.GET.get("quarter") or _last_quarter()
    if not QUARTER.match(quarter):
        quarter = _last_quarter()
    orgs = list(_organisations(request.user))
    done = {e.organisation_id: e for e in QualityEvaluation.objects.filter(quarter=quarter, organisation__in=orgs)}
    rows = [{"org": o, "evaluation": done.get(o.pk)} for o in orgs]
    if export_requested(request):
        return export_response(request, rows=iter(rows), columns=QUALITY_COLUMNS, filename=f"quality-{quarter}",
                               list_name="quality-evaluations")
    conclusion = EvaluationConclusion.objects.filter(quarter=quarter).first() if user_is_national(request.user) else None
    return render(request, "adaptation/quality/index.html", {
        "quarter": quarter, "rows": rows, "conclusion": conclusion, "national": user_is_national(request.user),
        "conclusion_due": ev.conclusion_due(quarter),
        "measures": list(_measures_rows(request.user).filter(conclusion__quarter=quarter).order_by("mio__name_ru"))})


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_screen(request, org_pk: int, quarter: str):
    quarter = _quarter(quarter)
    org = get_object_or_404(_organisations(request.user), pk=org_pk)
    evaluation = QualityEvaluation.objects.filter(organisation=org, quarter=quarter).first()
    left, checked = ev.left_region_stats(org, quarter)
    prefill = ev.social_effect_prefill(left, checked)
    form = EvaluationForm(request.POST or None, initial={"social_effect": prefill})
    if request.method == "POST" and evaluation is None and form.is_valid():
        try:
            ev.evaluation_record(actor=request.user, organisation_id=org.pk, quarter=quarter, **form.cleaned_data)
            messages.success(request, _("The evaluation is recorded."))
            return redirect("adaptation:quality_evaluate", org_pk=org.pk, quarter=quarter)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.error(request, _errors(exc))
    return render(request, "adaptation/quality/evaluate.html", {
        "org": org, "quarter": quarter, "evaluation": evaluation, "form": form, "left": left, "checked": checked,
        "share": round(100 * left / checked) if checked else None, "prefill": prefill,
        "band_label": evaluation.get_band_display() if evaluation else "",
        "due": obligation_kind(QUALITY_EVALUATION).due(period_from_code("quarterly", quarter)),
        "can_score": user_has_role(request.user, Role.CRTR_ANALYST)})


def _national_or_404(user):
    if not user_is_national(user):
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def conclusion_screen(request, quarter: str):
    quarter = _quarter(quarter)
    _national_or_404(request.user)
    conclusion = EvaluationConclusion.objects.filter(quarter=quarter).first()
    form = ConclusionForm(request.POST or None)
    if request.method == "POST" and conclusion is None and form.is_valid():
        try:
            ev.conclusion_send(actor=request.user, quarter=quarter, **form.cleaned_data)
            messages.success(request, _("The conclusion is sent to the ministry."))
            return redirect("adaptation:quality_conclusion", quarter=quarter)
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, _errors(exc))
    return render(request, "adaptation/quality/conclusion.html", {
        "quarter": quarter, "conclusion": conclusion, "form": form, "due": ev.conclusion_due(quarter),
        "evaluations": QualityEvaluation.objects.filter(quarter=quarter).select_related("organisation__region"),
        "measures": conclusion.measures.select_related("mio") if conclusion else [],
        "can_send": user_has_role(request.user, Role.CRTR_ANALYST),
        "can_forward": user_has_role(request.user, Role.MINISTRY_ANALYST)})


@login_required
@require_POST
def conclusion_forward_view(request, pk: int):
    _national_or_404(request.user)
    conclusion = get_object_or_404(EvaluationConclusion, pk=pk)
    try:
        rows = ev.conclusion_forward(actor=request.user, conclusion_id=conclusion.pk)
        messages.success(request, _("Forwarded to %(n)d MIOs.") % {"n": len(rows)})
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, _errors(exc))
    return redirect("adaptation:quality_conclusion", quarter=conclusion.quarter)


@login_required
def conclusion_pdf(request, pk: int):
    """The conclusion as printed, ru or kk: national staff and the MIOs it was forwarded to."""
    conclusion = get_object_or_404(EvaluationConclusion, pk=pk)
    if not user_is_national(request.user) and not _measures_rows(request.user).filter(conclusion=conclusion).exists():
        raise Http404
    language = pdf_language(request)
    context = {"conclusion": conclusion, "evaluations": QualityEvaluation.objects.filter(
        quarter=conclusion.quarter).select_related("organisation__region").order_by("organisation__name_ru")}
    return pdf_response("adaptation/quality/pdf/conclusion.html", context,
                        filename=f"conclusion-{conclusion.quarter}-{language}.pdf", language=language)


@login_required
@require_http_methods(["GET", "POST"])
def measures_screen(request, pk: int):
    row = get_object_or_404(_measures_rows(request.user), pk=pk)
    form = MeasuresForm(request.POST or None)
    if request.method == "POST" and not row.recorded_on and form.is_valid():
        try:
            ev.measures_record(actor=request.user, measures_id=row.pk, **form.cleaned_data)
            messages.success(request, _("The measures are recorded."))
            return redirect("adaptation:quality_measures", pk=row.pk)
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, _errors(exc))
    return render(request, "adaptation/quality/measures.html", {
        "row": row, "form": form, "can_record": not row.recorded_on and row.mio.region_id == user_region_id(request.user)
        and row.mio.kind == Organisation.Kind.MIO})
