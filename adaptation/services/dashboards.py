"""Dashboards of the adaptation plans: completion and overdue items per settlement region (its CC and LMC),
monitoring rounds due, CRTR scores by quarter — one aggregate query each (constant query count)."""
from __future__ import annotations

import datetime
import io

from django.db.models import Count, Q
from django.utils import timezone

from ..models import MonitoringRound, PlanItem, QualityEvaluation


def plan_dashboard(*, region_id: int | None = None, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    items = PlanItem.objects.all()
    rounds = MonitoringRound.objects.filter(done_on__isnull=True)
    evaluations = QualityEvaluation.objects.all()
    if region_id is not None:
        items = items.filter(plan__application__settlement_region_id=region_id)
        rounds = rounds.filter(plan__application__settlement_region_id=region_id)
        evaluations = evaluations.filter(organisation__region_id=region_id)
    by_region = list(items.values("plan__application__settlement_region__name_ru").annotate(
        total=Count("pk"), done=Count("pk", filter=Q(completed_on__isnull=False)),
        overdue=Count("pk", filter=Q(completed_on__isnull=True, due__lt=today))).order_by(
        "plan__application__settlement_region__name_ru"))
    for row in by_region:
        row["region"] = row.pop("plan__application__settlement_region__name_ru")
        row["percent"] = round(100 * row["done"] / row["total"]) if row["total"] else 0
    due = rounds.aggregate(overdue=Count("pk", filter=Q(due__lt=today)),
                           next_30=Count("pk", filter=Q(due__gte=today, due__lte=today + datetime.timedelta(days=30))))
    scores = list(evaluations.values("quarter", "band").annotate(n=Count("pk")).order_by("quarter", "band"))
    return {"regions": by_region, "rounds": due, "scores": scores}


def plan_dashboard_xlsx(data: dict) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("plans")
    ws.append(["region", "items", "completed", "overdue", "%"])
    for r in data["regions"]:
        ws.append([r["region"], r["total"], r["done"], r["overdue"], r["percent"]])
    ws2 = wb.create_sheet("rounds")
    ws2.append(["overdue", "due in 30 days"])
    ws2.append([data["rounds"]["overdue"], data["rounds"]["next_30"]])
    ws3 = wb.create_sheet("scores")
    ws3.append(["quarter", "band", "evaluations"])
    for s in data["scores"]:
        ws3.append([s["quarter"], s["band"], s["n"]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
