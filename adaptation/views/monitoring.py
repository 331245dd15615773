"""Screens of adaptation support and monitoring (ADA-19): the rounds of one family, the rounds a CC has due
(this quarter / overdue) and the phone page of one round (findings, field visit, residence check, signing)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kandas.exports import export_requested, export_response
from kandas.obligations import period_of
from kandas.roles import Role, user_has_role
from kandas.scoping import scope_for

from ..forms_monitoring import RoundForm
from ..models import MonitoringRound
from ..selectors.support import support_get
from ..services import monitoring
from .export_columns import DUE_ROUND_COLUMNS, FAMILY_ROUND_COLUMNS

PAGE = 100


def _errors(exc) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _is_cc(user) -> bool:
    return user_has_role(user, Role.CC_SPECIALIST, Role.CC_DIRECTOR)


@login_required
def family_rounds(request, pk: int):
    """The 16 rounds of a family's five years of support (from the quota inclusion date; STA-9: the status
    running out does not end them)."""
    app = support_get(user=request.user, pk=pk)
    plan = getattr(app, "plan", None)
    rounds = list(plan.rounds.select_related("done_by")) if plan else []
    if export_requested(request):
        return export_response(request, rows=iter(rounds), columns=FAMILY_ROUND_COLUMNS,
                               filename=f"monitoring-{app.pk}",
                               list_name="family-monitoring-rounds")
    return render(request, "adaptation/monitoring/family.html",
                  {"app": app, "plan": plan, "rounds": rounds, "today": timezone.localdate()})


@login_required
def cc_rounds(request):
    """The rounds of the user's region: due this quarter (open) or overdue."""
    today = timezone.localdate()
    quarter = period_of("quarterly", today)
    which = request.GET.get("show", "quarter")
    qs = scope_for(request.user, MonitoringRound.objects.filter(done_on__isnull=True)).select_related(
        "plan__application__applicant")
    qs = qs.filter(due__lt=today) if which == "overdue" else qs.filter(due__gte=today, due__lte=quarter.end)
    if export_requested(request):  # every round under the filter, not only the page's first PAGE
        return export_response(request, rows=qs.order_by("due", "pk").iterator(chunk_size=2000),
                               columns=DUE_ROUND_COLUMNS, filename="monitoring-rounds")
    return render(request, "adaptation/monitoring/list.html", {
        "rounds": list(qs.order_by("due", "pk")[:PAGE]), "show": "overdue" if which == "overdue" else "quarter",
        "quarter": quarter, "today": today})


@login_required
@require_http_methods(["GET", "POST"])
def round_screen(request, pk: int):
    rnd = get_object_or_404(scope_for(request.user, MonitoringRound.objects.select_related(
        "plan__application__applicant", "plan__application__settlement_region", "done_by")), pk=pk)
    app = rnd.plan.application
    form = RoundForm(request.POST or None, initial={
        "problems": rnd.problems, "proposals": rnd.proposals, "summary": rnd.summary, "visit_on": rnd.visit_on,
        "visit_place": rnd.visit_place})
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "save")
        try:
            if action == "check":
                monitoring.round_record(actor=request.user, round_id=rnd.pk, close=False, **form.cleaned_data)
                monitoring.residence_check(actor=request.user, round_id=rnd.pk)
                messages.success(request, _("The Migration police answer is recorded."))
            else:
                monitoring.round_record(actor=request.user, round_id=rnd.pk, close=action == "close",
                                        **form.cleaned_data)
                messages.success(request, _("The round is signed and closed.") if action == "close"
                                 else _("The round is saved."))
            return redirect("adaptation:monitoring_round", pk=rnd.pk)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        rnd.refresh_from_db()
    return render(request, "adaptation/monitoring/round.html", {
        "rnd": rnd, "app": app, "form": form, "can_act": _is_cc(request.user) and not rnd.done_on,
        "today": timezone.localdate()})
