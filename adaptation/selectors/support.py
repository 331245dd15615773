"""Reads of the adaptation services: the list a career-centre specialist works from and one application,
both through scope_for (the exit and the settlement region read a case)."""
from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from kandas.models import Deadline
from kandas.scoping import scope_for, scoped_get_or_404, user_organisation, user_region_id
from kandas.selectors import case_search_filter

from ..models import JobFair, PreliminaryConsultation, SupportApplication

# The chain in the order of the rules, for the timeline of the case page.
CHAIN_STEPS = ("recheck", "exit_lmc", "exit_mio", "settle_assign", "settle_check", "lmc_review", "lmc_route",
               "cc_accept", "job_search", "visit_plan", "unemployed_draft", "quota_file", "arrival",
               "temp_registration")


def support_list(*, user, state: str = "", region_id: int | None = None, direction: str = "", query: str = "",
                 overdue: bool = False, held_by_me: bool = False) -> QuerySet[SupportApplication]:
    qs = scope_for(user, SupportApplication.objects.select_related(
        "applicant", "exit_region", "settlement_region", "locality", "exit_cc"))
    if state:
        qs = qs.filter(state=state)
    if region_id:
        qs = qs.filter(Q(exit_region_id=region_id) | Q(settlement_region_id=region_id))
    mine = user_region_id(user)
    if direction == "exit" and mine:
        qs = qs.filter(exit_region_id=mine)
    elif direction == "settlement" and mine:
        qs = qs.filter(settlement_region_id=mine)
    running = Deadline.objects.filter(case_type=ContentType.objects.get_for_model(SupportApplication),
                                      case_id=OuterRef("pk"), closed_at__isnull=True, is_service_term=False)
    if held_by_me:
        org = user_organisation(user)
        qs = qs.filter(Exists(running.filter(organisation=org))) if org else qs.none()
    if overdue:
        late = running.filter(Q(state=Deadline.State.BREACHED) |
                              Q(state=Deadline.State.OPEN, due__lt=timezone.localdate()))
        qs = qs.filter(Exists(late))
    if (condition := case_search_filter(user=user, query=query)) is not None:
        qs = qs.filter(condition)
    return qs.order_by("-filed_on", "-pk")


def support_running_steps(applications) -> dict[int, list[Deadline]]:
    """The running steps of each application of a page, in one query: who holds it now and until when."""
    ids = [a.pk for a in applications]
    out: dict[int, list[Deadline]] = {i: [] for i in ids}
    rows = Deadline.objects.filter(case_type=ContentType.objects.get_for_model(SupportApplication), case_id__in=ids,
                                   closed_at__isnull=True, is_service_term=False,
                                   state__in=(Deadline.State.OPEN, Deadline.State.BREACHED, Deadline.State.PAUSED)
                                   ).select_related("organisation", "assignee").order_by("due")
    for d in rows:
        out[d.case_id].append(d)
    return out


def support_get(*, user, pk: int) -> SupportApplication:
    return scoped_get_or_404(user, SupportApplication.objects.select_related(
        "applicant", "exit_region", "settlement_region", "locality", "exit_cc", "quota_application",
        "registration_centre"), pk=pk)


def support_chain(app, deadlines) -> list[dict]:
    """The chain as a timeline: each step the case reached, in the order of the rules, newest run last."""
    order = {k: i for i, k in enumerate(CHAIN_STEPS)}
    rows = sorted((d for d in deadlines if not d.is_service_term),
                  key=lambda d: (d.start, d.pk))
    return [{"deadline": d, "order": order.get(d.step_key, 99), "running": d.is_running} for d in rows]


def consultation_list(*, user) -> QuerySet[PreliminaryConsultation]:
    return scope_for(user, PreliminaryConsultation.objects.select_related("person", "career_centre", "consultant"))


def consultation_get(*, user, pk: int) -> PreliminaryConsultation:
    return scoped_get_or_404(user, PreliminaryConsultation.objects.select_related("person", "career_centre"), pk=pk)


def fair_list(*, user) -> QuerySet[JobFair]:
    return scope_for(user, JobFair.objects.select_related("exit_cc", "settlement_cc"))


def fair_get(*, user, pk: int) -> JobFair:
    return scoped_get_or_404(user, JobFair.objects.select_related("exit_cc", "settlement_cc"), pk=pk)
