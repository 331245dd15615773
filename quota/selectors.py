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


def plan_for(application: QuotaApplication, year: int, *, lock: bool = False) -> QuotaPlan | None:
    """QUO-10: the plan an application consumes — its territorial unit's plan for `year` and kind, or the
    region's plan when the unit has none (or no unit is named). `lock` takes the row lock (inside a
    transaction)."""
    qs = QuotaPlan.objects.select_related("region", "locality").filter(year=year, kind=application.kind)
    if lock:
        qs = qs.select_for_update(of=("self",))
    if application.locality_id:
        plan = qs.filter(locality_id=application.locality_id).first()
        if plan is not None:
            return plan
    return qs.filter(region_id=application.region_id, locality__isnull=True).first()


def plans_reserved(plans) -> dict[int, int]:
    """QUO-10: per plan the units of the applications recommended for inclusion and not decided yet that
    would consume it (as plan_for resolves it, in the year of the recommendation), counted in the plan's unit."""
    plans = list(plans)
    out = {p.pk: 0 for p in plans}
    if not plans:
        return out
    by_key = {(p.region_id, p.locality_id, p.year, p.kind): p for p in plans}
    years = {p.year for p in plans}
    # One row per pending application with its included members counted in the database (no instances, no
    # prefetch: a region of 300,000 cases has hundreds pending, and the case page shows this figure).
    pending = (QuotaApplication.objects.filter(state__in=RESERVING_STATES, region_id__in={p.region_id for p in plans},
                                               kind__in={p.kind for p in plans})
               .order_by().values("pk", "region_id", "locality_id", "kind", "recommended_on", "filed_on")
               .annotate(included=Count("members", filter=Q(members__included=True))))
    unit_plans = set(QuotaPlan.objects.filter(year__in=years, locality__isnull=False)
                     .values_list("locality_id", "year", "kind"))
    for app in pending:
        # The decision is due 3 working days after the recommendation: the plan of that year is the one held.
        year = (app["recommended_on"] or app["filed_on"]).year
        locality = app["locality_id"] if (app["locality_id"], year, app["kind"]) in unit_plans else None
        plan = by_key.get((app["region_id"], locality, year, app["kind"]))
        if plan is not None:
            out[plan.pk] += 1 if plan.unit == QuotaUnit.FAMILIES else 1 + app["included"]
    return out


def plan_overview(*, user, year: int, kind: str = "") -> list[dict]:
    """QUO-10: per plan (region or district / city) the quota, used, free (= admitted − used, QuotaPlan.free)
    and the part of it reserved by recommended applications not yet decided — live."""
    plans = scope_for(user, QuotaPlan.objects.select_related("region", "locality").filter(year=year))
    if kind:
        plans = plans.filter(kind=kind)
    plans = list(plans.order_by("region__name_ru", "locality__kato", "kind"))
    reserved = plans_reserved(plans)
    rows = []
    for plan in plans:
        plan._reserved = reserved[plan.pk]
        rows.append({"plan": plan, "used": plan.used, "reserved": plan.reserved, "free": plan.free,
                     "admitted": plan.admitted})
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


COMMISSION_STEP_KEYS = ("k_recommend", "s_recommend")  # QUO-5 (kandas commission) / QUO-6 (employment commission)


def commission_agenda(*, user) -> QuerySet[QuotaApplication]:
    """QUO-5 / QUO-6: the applications waiting for the commission's recommendation in the user's region, by the
    day the commission must consider them (its open step's due day), earliest first. One query per page:
    the due day is a subquery, the applicant a join."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import OuterRef, Subquery

    from kandas.models import Deadline

    due = Deadline.objects.filter(case_type=ContentType.objects.get_for_model(QuotaApplication),
                                  case_id=OuterRef("pk"), step_key__in=COMMISSION_STEP_KEYS,
                                  closed_at__isnull=True).order_by("due").values("due")[:1]
    return (scope_for(user, QuotaApplication.objects.filter(state=AppState.AT_COMMISSION))
            .select_related("applicant").annotate(commission_due=Subquery(due))
            .order_by("commission_due", "pk"))
