"""Writes of periodic obligations: the generator (one obligation per organisation and period, each with its
fixed-date deadline) and fulfilment. Reads: `obligation_list`."""
from __future__ import annotations

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_noop

from .deadlines import deadline_close, deadline_open
from .models import Obligation, ObligationState, Organisation
from .obligations import ObligationKind, Period, obligation_kinds_all
from .rules import CALENDAR_DATE, Step
from .scoping import scope_for, user_organisation
from .texts import text
from .transitions import case_event_log

log = logging.getLogger(__name__)

# A generator that was down (worker stopped, beat paused) still creates the obligations whose date passed
# within this many days; they are overdue at once and the sweep flags them. Older periods are not filled
# in (a new installation does not start with a backlog of overdue reports).
CATCH_UP_DAYS = 7


def obligation_step(kind: ObligationKind) -> Step:
    """The deadline step of a kind: its fixed due date (CAL-3), the kind's rule ID and label."""
    return Step(key=kind.code, rule=kind.rule, length=0, unit=CALENDAR_DATE, label=kind.label)


def obligation_ensure(*, kind: ObligationKind, organisation: Organisation, period: Period,
                      today: datetime.date | None = None) -> tuple[Obligation, bool]:
    """The obligation of `organisation` for `period`, created with its deadline if missing.

    Idempotent under reruns, restarts and concurrent runs: the row is unique per (kind, organisation,
    period); it is created with its deadline inside one savepoint, and a concurrent insert of the same
    row (IntegrityError) rolls the savepoint back and reads the winner's row instead — never a duplicate,
    never a second deadline, never an error."""
    today = today or timezone.localdate()
    lookup = {"kind": kind.code, "organisation": organisation, "period": period.code}
    existing = Obligation.objects.filter(**lookup).first()
    if existing is not None:
        return existing, False
    # A national body (the CRTR, the ministry) has no region: its obligation and deadline have none either.
    due = kind.due(period)
    try:
        with transaction.atomic():
            obligation, created = Obligation.objects.get_or_create(**lookup, defaults={
                "rule": kind.rule, "region": organisation.region, "period_start": period.start,
                "period_end": period.end, "due": due})
            if created:
                deadline_open(case=obligation, step=obligation_step(kind), organisation=organisation,
                              start=min(today, due), fixed_date=due)
    except IntegrityError:
        winner = Obligation.objects.filter(**lookup).first()
        if winner is None:  # not the unique row: a real error
            raise
        return winner, False
    return obligation, created


def obligations_generate(*, today: datetime.date | None = None,
                         kinds: list[ObligationKind] | None = None) -> int:
    """Create every obligation that exists on `today` and is missing (daily by Celery beat). Each
    obligation commits on its own, so a run stopped half-way keeps what it made and the next run adds
    only the rest. Returns the number created."""
    today = today or timezone.localdate()
    kinds = list(obligation_kinds_all().values()) if kinds is None else kinds
    created = 0
    for kind in kinds:
        periods = kind.periods_open_on(today, catch_up_days=CATCH_UP_DAYS)
        if not periods:
            continue
        for organisation in kind.organisations().select_related("region").order_by("pk"):
            for period in periods:
                _obligation, new = obligation_ensure(kind=kind, organisation=organisation, period=period, today=today)
                created += new
    if created:
        log.info("obligations: %d created", created)
    return created


def _ensure_may_fulfil(actor, obligation: Obligation) -> None:
    """The obligation's own organisation fulfils it, or an organisation of the same kind in its region
    (a region's MIO departments share its obligations), or the actor its kind names (`fulfilled_by`: the
    CRTR scores on behalf of an LMC's quarter, ADA-20)."""
    if actor is None or actor.is_superuser:
        return
    org = user_organisation(actor)
    kind = obligation_kinds_all().get(obligation.kind)
    if kind is not None and kind.fulfilled_by and org is not None and org.kind in kind.fulfilled_by:
        return
    if org is None or not (org.pk == obligation.organisation_id or (
            org.region_id is not None and org.region_id == obligation.region_id
            and org.kind == obligation.organisation.kind)):
        raise PermissionDenied(_("This obligation belongs to another organisation."))


@transaction.atomic
def obligation_fulfil(*, obligation_id: int, actor, note: str = "", result_ref: str = "", result_url: str = "",
                      on: datetime.date | None = None) -> Obligation:
    """Record an obligation fulfilled: its deadline closes (met on time, breached when late), the
    transition log says who did it and when."""
    on = on or timezone.localdate()
    obligation = Obligation.objects.select_for_update().select_related("organisation").get(pk=obligation_id)
    _ensure_may_fulfil(actor, obligation)
    if obligation.state != ObligationState.OPEN:
        raise ValidationError(_("The obligation is not open (%(state)s).") % {
            "state": obligation.get_state_display()})
    if result_url and not result_url.startswith(("/", "https://", "http://")):
        raise ValidationError({"result_url": _("A link starts with https://, http:// or /.")})
    obligation.state, obligation.done_on, obligation.done_at = ObligationState.DONE, on, timezone.now()
    obligation.done_by = actor
    obligation.note = note or obligation.note
    obligation.result_ref = result_ref or obligation.result_ref
    obligation.result_url = result_url or obligation.result_url
    obligation.full_clean()
    obligation.save()
    late = deadline_close(case=obligation, step=obligation.kind, on=on)
    case_event_log(case=obligation, event="fulfil", actor=actor, comment=note,
                   message=text(gettext_noop("fulfilled late")) if late else None)
    return obligation


@transaction.atomic
def obligation_link_result(*, obligation_id: int, result_ref: str, result_url: str) -> Obligation:
    """Point an obligation at the record that will fulfil it (e.g. the list being formed)."""
    obligation = Obligation.objects.select_for_update().get(pk=obligation_id)
    obligation.result_ref, obligation.result_url = result_ref, result_url
    obligation.save(update_fields=["result_ref", "result_url"])
    return obligation


def obligation_list(*, user, kind: str = "", state: str = "", period: str = "") -> QuerySet[Obligation]:
    """The obligations the user may see (kandas.scoping), filtered; earliest due first."""
    qs = scope_for(user, Obligation.objects.select_related("organisation", "region", "done_by"))
    if kind:
        qs = qs.filter(kind=kind)
    if state:
        qs = qs.filter(state=state)
    if period:
        qs = qs.filter(period__startswith=period.strip())
    return qs.order_by("state", "due", "pk")
