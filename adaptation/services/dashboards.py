"""Dashboards of the adaptation plans: completion and overdue items per settlement CC (the CC whose specialist
formed the plan), per LMC (that CC's parent) and per settlement region; monitoring rounds due this quarter and
overdue per region; CRTR scores by quarter. Each table is one aggregate query in SQL (constant query count);
the figures name organisations and regions only, never a person. The page exports each table through
kandas.exports (adaptation.views.export_columns.DASHBOARD_TABLES). Names are in the reader's language: the
aggregate reads the registry's three names, so the language costs no query."""
from __future__ import annotations

import datetime

from django.db.models import Avg, Count, Q
from django.utils import timezone

from kandas.models.geography import localised

from ..models import MonitoringRound, PlanItem, QualityEvaluation

CC = "plan__created_by__staff__organisation"
REGION = "plan__application__settlement_region"


def quarter_end(day: datetime.date) -> datetime.date:
    month = ((day.month - 1) // 3 + 1) * 3
    first_next = datetime.date(day.year + (month == 12), month % 12 + 1, 1)
    return first_next - datetime.timedelta(days=1)


def _names(key: str) -> tuple[str, ...]:
    """The grouping columns of a table by `key`: its id (two organisations of one name stay two rows) and
    its three registry names."""
    return (f"{key}_id", *(f"{key}__name_{code}" for code in ("ru", "kk", "en")))


class _Names:
    """The three registry names of one grouped row, read by kandas.models.geography.localised."""

    def __init__(self, row: dict, key: str):
        row["id"], self.name_ru, self.name_kk, self.name_en = (row.pop(field) for field in _names(key))


def _named(rows: list[dict], key: str, language: str | None) -> list[dict]:
    """Each row's `name` in the reader's language (Russian where the registry has none), sorted by it."""
    for row in rows:
        names = _Names(row, key)
        row["name"] = localised(names, language) if names.name_ru else "—"
    return sorted(rows, key=lambda r: r["name"].casefold())


def _completion(items, key: str, today: datetime.date, language: str | None) -> list[dict]:
    rows = _named(list(items.values(*_names(key)).annotate(
        total=Count("pk"), done=Count("pk", filter=Q(completed_on__isnull=False)),
        overdue=Count("pk", filter=Q(completed_on__isnull=True, due__lt=today))).order_by()), key, language)
    for row in rows:
        row["percent"] = round(100 * row["done"] / row["total"]) if row["total"] else 0
    return rows


def plan_dashboard(*, region_id: int | None = None, today: datetime.date | None = None,
                   language: str | None = None) -> dict:
    """The dashboard's tables; `language` (default: the active one) names the organisations and regions."""
    today = today or timezone.localdate()
    items = PlanItem.objects.all()
    rounds = MonitoringRound.objects.filter(done_on__isnull=True)
    evaluations = QualityEvaluation.objects.all()
    if region_id is not None:
        items = items.filter(**{f"{REGION}_id": region_id})
        rounds = rounds.filter(**{f"{REGION}_id": region_id})
        evaluations = evaluations.filter(organisation__region_id=region_id)
    by_region = _completion(items, REGION, today, language)
    for row in by_region:
        row["region"] = row["name"]
    end = quarter_end(today)
    round_rows = _named(list(rounds.filter(due__lte=end).values(*_names(REGION)).annotate(
        overdue=Count("pk", filter=Q(due__lt=today)),
        quarter=Count("pk", filter=Q(due__gte=today, due__lte=end))).order_by()), REGION, language)
    scores = list(evaluations.values("quarter").annotate(
        n=Count("pk"), relevance=Avg("relevance"), effectiveness=Avg("effectiveness"),
        social_effect=Avg("social_effect"), total=Avg("total"),
        high=Count("pk", filter=Q(band="high")), medium=Count("pk", filter=Q(band="medium")),
        low=Count("pk", filter=Q(band="low"))).order_by("quarter"))
    for row in scores:
        for k in ("relevance", "effectiveness", "social_effect", "total"):
            row[k] = round(float(row[k]), 2)
    return {"regions": by_region, "ccs": _completion(items, CC, today, language),
            "lmcs": _completion(items, f"{CC}__parent", today, language), "round_rows": round_rows,
            "rounds": {"overdue": sum(r["overdue"] for r in round_rows),
                       "quarter": sum(r["quarter"] for r in round_rows)},
            "quarter_end": end, "scores": scores, "today": today}

