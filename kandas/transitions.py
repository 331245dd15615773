"""The one way a case changes state (DESIGN.md 'One case, one state machine').

`case_transition` locks the case, checks role and region scope, runs the django-fsm transition (which
only sets fields), saves, writes the transition log, closes/opens deadlines and signs, all in one
transaction; I/O goes to `transaction.on_commit`. Every app's services call it.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm

from .deadlines import deadline_cancel, deadline_close, deadline_open, deadline_pause, deadline_resume
from .holders import step_holder_ensure
from .rules import Step
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


def ensure_can(actor, case, name: str, *, steps: Iterable[str] = ()) -> None:
    """Region scope, then state and conditions, then role, then (for `steps`) the step's holder."""
    if not scope_for(actor, type(case).objects.filter(pk=case.pk)).exists():
        raise PermissionDenied(_("This case belongs to another region."))
    method = getattr(case, name)
    if not can_proceed(method):
        raise ActionNotAllowed(transition_explain_refusal(case, name))
    if not has_transition_perm(method, actor):
        raise PermissionDenied(_("Your role may not take this action."))
    step_holder_ensure(actor, case, steps)


@dataclass(frozen=True)
class StepOpen:
    """A step a transition opens: its key in the case's rule table and the organisation that holds it.

    start: the day the count starts from (today by default; Decisions 2: the day the case reaches the
    holder); fixed_date: a calendar-date step's date (CAL-3); subject: one family member or plan item."""

    key: "str | Step"  # a step key of the case's rule table, or a Step built for this case (a per-case length)
    organisation: object
    start: datetime.date | None = None
    fixed_date: datetime.date | None = None
    subject: str = ""
    assignee: object = None


def _steps_apply(case, *, close=(), pause=(), resume=(), open=(), on=None) -> None:
    for key in close:
        deadline_close(case=case, step=key, on=on)
    for key in pause:
        deadline_pause(case=case, step=key, on=on)
    for key in resume:
        deadline_resume(case=case, step=key, on=on)
    calendar = None
    for spec in open:
        calendar = calendar or WorkCalendar.load()
        deadline_open(case=case, step=spec.key, organisation=spec.organisation, start=spec.start or on,
                      fixed_date=spec.fixed_date, subject=spec.subject, assignee=spec.assignee, calendar=calendar)


@transaction.atomic
def case_transition(
    *, case, transition: str, actor, comment: str = "", message: dict | None = None,
    seen_version: int | None = None, kwargs: dict | None = None, close: Iterable[str] = (),
    open: Iterable[StepOpen] = (), pause: Iterable[str] = (), resume: Iterable[str] = (),
    holds: Iterable[str] = (), cancel: Iterable[str] = (), on: datetime.date | None = None,
    sign: str | None = None, sign_role: str = "",
):
    """Run one transition of `case` for `actor`; returns the re-read, saved case.

    The steps the transition closes, pauses or resumes (and any others named in `holds`) are the ones
    it acts on: only their holder may take it (kandas.holders). `comment` is what the actor typed;
    `message` what the system says about it (kandas.texts). Deadlines close/open on `on` (today)."""
    model = type(case)
    locked = model.objects.select_for_update().get(pk=case.pk)
    if seen_version is not None and locked.version != seen_version:
        raise CaseConflict()
    close, pause, resume = tuple(close), tuple(pause), tuple(resume)
    ensure_can(actor, locked, transition, steps=(*close, *pause, *resume, *holds))
    source = locked.state
    getattr(locked, transition)(**(kwargs or {}))
    locked.version += 1
    try:
        locked.save()
    except ConcurrentTransition as exc:
        raise CaseConflict() from exc
    TransitionLog.objects.create(
        case=locked, transition=transition, source=source, target=locked.state, actor=actor,
        organisation=user_organisation(actor), comment=comment, message=message or {},
    )
    for key in cancel:  # steps that no longer apply: stopped without a verdict
        deadline_cancel(case=locked, step=key)
    _steps_apply(locked, close=close, pause=pause, resume=resume, open=open, on=on)
    if sign:
        from .signing import signature_create

        signature_create(case=locked, purpose=sign, signer=actor, role=sign_role)
    return locked


@transaction.atomic
def case_transition_system(*, case, transition: str, message: dict | None = None, kwargs: dict | None = None,
                           close: Iterable[str] = (), open: Iterable[StepOpen] = (), cancel: Iterable[str] = (),
                           on: datetime.date | None = None):
    """An automatic consequence the rules give (a referral lapses, a status expires): a Celery task or a
    domain event runs the transition as "the system" — same lock, log and deadlines, no actor, no scope."""
    model = type(case)
    locked = model.objects.select_for_update().get(pk=case.pk)
    source = locked.state
    getattr(locked, transition)(**(kwargs or {}))
    locked.version += 1
    locked.save()
    TransitionLog.objects.create(case=locked, transition=transition, source=source, target=locked.state,
                                 actor=None, message=message or {})
    for key in cancel:
        deadline_cancel(case=locked, step=key)
    _steps_apply(locked, close=close, open=open, on=on)
    return locked


def case_event_log(*, case, event: str, actor=None, comment: str = "", message: dict | None = None) -> TransitionLog:
    """A timeline row for something that is not a state change (filed, registered, assigned, sent):
    `event` names it (kandas.casepage.EVENT_LABELS or the case model's TIMELINE_LABELS)."""
    return TransitionLog.objects.create(
        case=case, transition=event, source=case.state, target=case.state, actor=actor,
        organisation=user_organisation(actor) if actor is not None else None, comment=comment,
        message=message or {})
