"""Reads of the quota slice; every queryset goes through kandas.scoping.scope_for."""
from django.db.models import Count, Q, QuerySet

from kandas.selectors import case_search_filter
from kandas.scoping import scope_for

from .models import AppState, LocalityList, LocalityListState, QuotaApplication, QuotaPlan, QuotaUnit

RESERVING_STATES = (AppState.RECOMMENDED, AppState.HEARD)


def application_list(*, user, kind: str = "", state: str = "", channel: str = "", query: str = "",
                     created_by=None) -> QuerySet[QuotaApplication]:
    qs = scope_for(user, QuotaApplication.objects.select_related("applicant", "region", "exit_region"))
    if created_by is not None:
        qs = qs.filter(created_by=created_by)
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    if channel:
        qs = qs.filter(channel=channel)
    if (condition := case_search_filter(user=user, query=query)) is not None:
        qs = qs.filter(condition)
    return qs.order_by("-filed_on", "-pk")


def plan_overview(*, user, year: int, kind: str = "") -> list[dict]:
    """QUO-10: per plan the quota, used, reserved (recommended, not yet decided) and free — live."""
    plans = scope_for(user, QuotaPlan.objects.select_related("region").filter(year=year))
    if kind:
        plans = plans.filter(kind=kind)
    pending = (QuotaApplication.objects.filter(state__in=RESERVING_STATES, filed_on__year__gte=year - 1)
               .values("region_id", "kind")
               .annotate(n=Count("id", distinct=True),
                         members=Count("members", filter=Q(members__included=True))))
    reserved_by = {(r["region_id"], r["kind"]): r for r in pending}
    rows = []
    for plan in plans.order_by("region__name_ru", "kind"):
        r = reserved_by.get((plan.region_id, plan.kind), {"n": 0, "members": 0})
        reserved = r["n"] if plan.unit == QuotaUnit.FAMILIES else r["n"] + r["members"]
        rows.append({"plan": plan, "used": plan.used, "reserved": reserved,
                     "free": max(plan.admitted - plan.used - reserved, 0), "admitted": plan.admitted})
    return rows


def published_locality_lists(*, year: int | None = None) -> QuerySet[LocalityList]:
    """Public (003 p.8): what the Electronic Labour Exchange shows in its "Relocation" section."""
    qs = LocalityList.objects.filter(state=LocalityListState.PUBLISHED).select_related("region").prefetch_related(
        "entries__locality")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "region__name_ru")


def locality_list_obligations(lst: LocalityList) -> QuerySet:
    """QUO-12: the yearly obligation(s) the list fulfils (its region's MIO, the list's year); their deadline
    is the list's deadline in "My work"."""
    from kandas.models import Obligation

    from .obligations import LOCALITY_LIST

    return Obligation.objects.filter(kind=LOCALITY_LIST, region_id=lst.region_id, period=str(lst.year))
