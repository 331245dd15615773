"""Periodic obligations: the list (scoped, filtered) and one obligation's page with its deadline."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _, gettext_lazy

from ..deadlines import case_deadlines
from ..models import Obligation, ObligationState
from ..obligation_services import obligation_fulfil, obligation_list
from ..exports import Column, export_requested, export_response
from ..obligations import obligation_kinds_all
from ..scoping import scoped_get_or_404


OBLIGATION_COLUMNS = [
    Column(gettext_lazy("Number"), lambda o: o.ref), Column(gettext_lazy("Obligation"), lambda o: o.kind_label),
    Column(gettext_lazy("Organisation"), lambda o: o.organisation), Column(gettext_lazy("Period"), lambda o: o.period),
    Column(gettext_lazy("Due"), lambda o: o.due), Column(gettext_lazy("State"), lambda o: o.get_state_display()),
    Column(gettext_lazy("Fulfilled on"), lambda o: o.done_on), Column(gettext_lazy("Result"), lambda o: o.result_ref)]


@login_required
def obligations(request):
    """Filters ?kind=, ?state=, ?period= (a prefix: "2026" finds 2026-11 and 2026-Q3); 50 a page."""
    filters = {name: request.GET.get(name, "").strip() for name in ("kind", "state", "period")}
    qs = obligation_list(user=request.user, **filters)
    if export_requested(request):
        return export_response(request, rows=qs.select_related("organisation").iterator(chunk_size=2000),
                               columns=OBLIGATION_COLUMNS, filename="obligations")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    kinds = sorted(((code, str(k.label)) for code, k in obligation_kinds_all().items()), key=lambda c: c[1])
    return render(request, "kandas/obligations.html", {
        "page": page, "filters": filters, "kinds": kinds, "kind_labels": dict(kinds),
        "states": ObligationState.choices, "searched": _searched(filters, dict(kinds))})


def _searched(filters: dict, kind_labels: dict) -> str:
    """The filters of the list as its reader reads them (labels, never codes), for the empty result."""
    parts = []
    if filters["kind"]:
        parts.append(_("kind: %(v)s") % {"v": kind_labels.get(filters["kind"], filters["kind"])})
    if filters["state"]:
        parts.append(_("state: %(v)s") % {"v": dict(ObligationState.choices).get(filters["state"], filters["state"])})
    if filters["period"]:
        parts.append(_("period: %(v)s") % {"v": filters["period"]})
    return ", ".join(parts)


@login_required
def obligation_detail(request, pk: int):
    obligation = scoped_get_or_404(request.user, Obligation.objects.select_related("organisation", "done_by"), pk=pk)
    kind = obligation.kind_spec
    if request.method == "POST":
        if kind is not None and not kind.manual:
            raise PermissionDenied
        try:
            obligation_fulfil(obligation_id=obligation.pk, actor=request.user,
                              note=request.POST.get("note", "").strip()[:2000],
                              result_url=request.POST.get("result_url", "").strip()[:255])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The obligation is recorded as fulfilled."))
        return redirect(obligation)
    return render(request, "kandas/obligation_detail.html", {
        "obligation": obligation, "kind": kind,
        "work_url": kind.work_url() if kind and kind.work_url else "",
        "deadlines": case_deadlines(obligation).select_related("organisation"),
        "may_fulfil": obligation.state == ObligationState.OPEN and (kind is None or kind.manual)})
