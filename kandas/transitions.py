"""The one way a case changes state (DESIGN.md 'One case, one state machine').

`case_transition` locks the case, checks role and region scope, runs the django-fsm transition (which
only sets fields), saves, writes the transition log, closes/opens deadlines and signs, all in one
transaction; I/O goes to `transaction.on_commit`. Every app's services call it.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm

from .deadlines import deadline_close, deadline_open, deadline_pause, deadline_resume
from .models import TransitionLog
from .scoping import scope_for, user_organisation
from .workdays import WorkCalendar


class CaseConflict(Exception):
    """Someone else changed the case since this user loaded it."""


class ActionNotAllowed(Exception):
    """The action exists but cannot be taken now; str() explains why in the user's language."""


def _transition_label(case, name: str) -> str:
    method = getattr(case, name)
    meta = getattr(method, "_django_fsm", None)
    custom = {}
    if meta:
        for t in meta.transitions.values():
            custom = t.custom or {}
            break
    return str(custom.get("label", name.replace("_", " ")))


def transition_unmet_conditions(case, name: str) -> list[str]:
    meta = getattr(case, name)._django_fsm
    field_name = meta.field if isinstance(meta.field, str) else meta.field.name
    trans = meta.get_transition(getattr(case, field_name))
    if trans is None:
        return []
    return [str(getattr(c, "message", c.__name__)) for c in trans.conditions if not c(case)]


def transition_explain_refusal(case, name: str) -> str:
    label = _transition_label(case, name)
    unmet = transition_unmet_conditions(case, name)
    if unmet:
        return _("“%(action)s” is not possible yet: %(why)s") % {"action": label, "why": "; ".join(unmet)}
    return _("“%(action)s” is not possible while the case is “%(state)s”.") % {
        "action": label, "state": case.get_state_display()}


def actions_available(user, case) -> list[str]:
    """The transitions this user may take on this case now (used to show only the allowed buttons)."""
    return [t.name for t in case.get_available_user_state_transitions(user)]


def ensure_can(actor, case, name: str) -> None:
    if not scope_for(actor, type(case).objects.filter(pk=case.pk)).exists():
        raise PermissionDenied(_("This case belongs to another region."))
    method = getattr(case, name)
    if not can_proceed(method):
        raise ActionNotAllowed(transition_explain_refusal(case, name))
    if not has_transition_perm(method, actor):
        raise PermissionDenied(_("Your role may not take this action."))


@transaction.atomic
def case_transition(
    *, case, transition: str, actor, comment: str = "", seen_version: int | None = None,
    kwargs: dict | None = None, close: Iterable[str] = (), open: Iterable[tuple] = (),
    pause: Iterable[str] = (), resume: Iterable[str] = (), sign: str | None = None, sign_role: str = "",
):
    """Run one transition of `case` for `actor`; returns the re-read, saved case.

    open: (step_key, organisation), (step_key, organisation, start_date) or, for a calendar-date step
    (CAL-3), (step_key, organisation, start_date, fixed_date) tuples.
    """
    model = type(case)
    locked = model.objects.select_for_update().get(pk=case.pk)
    if seen_version is not None and locked.version != seen_version:
        raise CaseConflict()
    ensure_can(actor, locked, transition)
    source = locked.state
    getattr(locked, transition)(**(kwargs or {}))
    locked.version += 1
    try:
        locked.save()
    except ConcurrentTransition as exc:
        raise CaseConflict() from exc
    TransitionLog.objects.create(
        case=locked, transition=transition, source=source, target=locked.state, actor=actor,
        organisation=user_organisation(actor), comment=comment,
    )
    for rule in close:
        deadline_close(case=locked, rule=rule)
    for rule in pause:
        deadline_pause(case=locked, rule=rule, reason=comment)
    for rule in resume:
        deadline_resume(case=locked, rule=rule)
    calendar = None
    for spec in open:
        calendar = calendar or WorkCalendar.load()
        step_key, organisation, *rest = spec
        deadline_open(case=locked, step=step_key, organisation=organisation, start=rest[0] if rest else None,
                      fixed_date=rest[1] if len(rest) > 1 else None, calendar=calendar)
    if sign:
        from .signing import signature_create

        signature_create(case=locked, purpose=sign, signer=actor, role=sign_role)
    return locked


def case_log_system(*, case, transition: str, source: str, comment: str = "") -> None:
    """A transition log row for automatic consequences (Celery tasks act as 'the system')."""
    TransitionLog.objects.create(case=case, transition=transition, source=source, target=case.state,
                                 actor=None, comment=comment)
