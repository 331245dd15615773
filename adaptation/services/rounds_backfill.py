"""ADA-19 for plans loaded before the monitoring rounds were deadlines: their open rounds get the settlement
CC's deadline on the round's due date, as plan_load opens them today (services.monitoring.rounds_deadlines_open).
Each plan is its own transaction with the plan row locked, so a failure leaves the other plans' deadlines in
place; a round that already has a deadline is left alone, so a second run opens none."""
from __future__ import annotations

import dataclasses

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import AdaptationPlan, PlanState
from . import support_orgs as orgs
from .monitoring import rounds_deadlines_open, rounds_lacking_deadline


@dataclasses.dataclass
class RoundsBackfill:
    plans: int = 0
    rounds: int = 0
    # (plan id, why): a plan whose settlement region has no CC to hold the rounds.
    skipped: list[tuple[int, str]] = dataclasses.field(default_factory=list)


def _plan_backfill(plan_id: int, *, apply: bool) -> int:
    plan = (AdaptationPlan.objects.select_for_update(of=("self",))
            .select_related("application__settlement_region").get(pk=plan_id))
    missing = len(rounds_lacking_deadline(plan))
    if not missing:
        return 0
    orgs.settlement_cc(plan.application)  # the dry run refuses what --apply would refuse
    return rounds_deadlines_open(plan) if apply else missing


def rounds_deadlines_backfill(*, apply: bool = False) -> RoundsBackfill:
    """ADA-19: count (dry run) or open (`apply`) the missing round deadlines of every loaded plan."""
    result = RoundsBackfill()
    plan_ids = list(AdaptationPlan.objects.filter(state=PlanState.LOADED, rounds__done_on__isnull=True)
                    .order_by("pk").values_list("pk", flat=True).distinct())
    for plan_id in plan_ids:
        try:
            with transaction.atomic():
                rounds = _plan_backfill(plan_id, apply=apply)
        except ValidationError as exc:
            result.skipped.append((plan_id, " ".join(exc.messages)))
            continue
        if rounds:
            result.plans += 1
            result.rounds += rounds
    return result
