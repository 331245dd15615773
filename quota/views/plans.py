"""QUO-10 dashboard: plan vs used by region (Chart.js, served locally)."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from kandas.filters import query_filters

from ..filters import PlanDashboardFilterForm
from ..models import QuotaKind
from ..selectors import plan_overview


@login_required
def plan_dashboard(request):
    f = query_filters(request, PlanDashboardFilterForm)
    year = f.get("year") or timezone.localdate().year
    kind = f.get("kind", "")
    rows = plan_overview(user=request.user, year=year, kind=kind)
    chart = {
        "labels": [f"{(r['plan'].locality or r['plan'].region).name} · {r['plan'].get_kind_display()}" for r in rows],
        "admitted": [r["admitted"] for r in rows], "used": [r["used"] for r in rows],
        "reserved": [r["reserved"] for r in rows],
    }
    return render(request, "quota/plan_dashboard.html", {"rows": rows, "chart": chart, "year": year, "kind": kind,
                                                         "kinds": QuotaKind.choices})
