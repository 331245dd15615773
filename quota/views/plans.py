"""QUO-10 dashboard: plan vs used by region (Chart.js, served locally); the table exports as CSV/XLSX (GEN-3)."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from kandas.exports import Column, export_requested, export_response
from kandas.filters import query_filters

from ..filters import PlanDashboardFilterForm
from ..models import QuotaKind
from ..selectors import plan_overview


def _unit(plan) -> str:
    """The first cell of the table: the district or city with its KATO and region, else the region with its KATO."""
    if plan.locality:
        return f"{plan.locality} ({plan.locality.kato}), {plan.region}"
    return f"{plan.region} ({plan.region.kato})"


# The table's own columns, as the dashboard shows them (the chart draws the same numbers).
PLAN_COLUMNS = [
    Column(gettext_lazy("Territorial unit (KATO)"), lambda r: _unit(r["plan"])),
    Column(gettext_lazy("Kind"), lambda r: r["plan"].get_kind_display()),
    Column(gettext_lazy("Counted in"), lambda r: r["plan"].get_unit_display()),
    Column(gettext_lazy("Quota"), lambda r: r["admitted"]), Column(gettext_lazy("Used"), lambda r: r["used"]),
    Column(gettext_lazy("Free (quota − used)"), lambda r: r["free"]),
    Column(gettext_lazy("of which reserved"), lambda r: r["reserved"])]


@login_required
def plan_dashboard(request):
    f = query_filters(request, PlanDashboardFilterForm)
    year = f.get("year") or timezone.localdate().year
    kind = f.get("kind", "")
    rows = plan_overview(user=request.user, year=year, kind=kind)
    if export_requested(request):  # the computed rows of the table (one per plan), not a query per row
        return export_response(request, rows=iter(rows), columns=PLAN_COLUMNS, filename=f"quota-plans-{year}",
                               list_name="quota-plans")
    chart = {
        "labels": [f"{(r['plan'].locality or r['plan'].region).name} · {r['plan'].get_kind_display()}" for r in rows],
        "admitted": [r["admitted"] for r in rows], "used": [r["used"] for r in rows],
        "reserved": [r["reserved"] for r in rows],
    }
    return render(request, "quota/plan_dashboard.html", {"rows": rows, "chart": chart, "year": year, "kind": kind,
                                                         "kinds": QuotaKind.choices})
