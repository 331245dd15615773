"""Who holds a step of a case (issue "Case machinery II", 000 app.2 p.11).

Every running step is a `Deadline` row: its `organisation` holds the step and its `assignee`, where a
head has set one, works it. Only a user of the holding organisation may take the step's actions —
the assignee, or when nobody is assigned any of its staff; the organisation's head always may.
Everyone the case passed through keeps read access (that is scoping's business, not this module's).
"""
from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _, gettext_noop

from .models import Deadline, Staff
from .scoping import user_organisation
from .texts import text


def _is_head(user, organisation_id) -> bool:
    staff = getattr(user, "staff", None)
    return bool(staff and staff.organisation_id == organisation_id and staff.is_head)


def _name(user) -> str:
    return user.get_full_name() or user.username


def _step_param(deadline: Deadline, case):
    """The step's label as a stored-text parameter: its translatable rule-table label where known."""
    try:
        return case.rules.step(deadline.step_key).label or deadline.step
    except (AttributeError, KeyError, TypeError):
        return deadline.step


def step_holders(case, steps: Iterable[str] = ()) -> list[Deadline]:
    """The running steps of `case` (of `steps`, when given) with their holders, service terms excluded."""
    from .deadlines import case_deadlines

    qs = case_deadlines(case).filter(closed_at__isnull=True, is_service_term=False,
                                     state__in=(Deadline.State.OPEN, Deadline.State.BREACHED, Deadline.State.PAUSED))
    steps = tuple(steps)
    if steps:
        qs = qs.filter(step_key__in=steps)
    return list(qs.select_related("organisation", "assignee"))


def step_holder_refusal(user, case, steps: Iterable[str]) -> str | None:
    """Why `user` may not act on `steps` of `case` now, or None when they may (or nobody holds them)."""
    steps = tuple(steps)
    if not steps or user.is_superuser:
        return None
    held = step_holders(case, steps)
    if not held:
        return None
    org = user_organisation(user)
    mine = [d for d in held if org is not None and d.organisation_id == org.pk]
    if not mine:
        d = held[0]
        return _("The step “%(step)s” is held by %(org)s (due %(due)s): only its staff may act on it.") % {
            "step": d.step_label, "org": d.organisation, "due": d.due.strftime("%d.%m.%Y")}
    if _is_head(user, org.pk):
        return None
    if any(d.assignee_id in (None, user.pk) for d in mine):
        return None
    d = mine[0]
    return _("The step “%(step)s” is assigned to %(name)s: only they or the head of %(org)s may act on it.") % {
        "step": d.step_label, "name": _name(d.assignee), "org": d.organisation}


def step_holder_ensure(user, case, steps: Iterable[str]) -> None:
    refusal = step_holder_refusal(user, case, steps)
    if refusal:
        raise PermissionDenied(refusal)


def step_assignable_staff(deadline: Deadline):
    """The specialists a head may assign the step to: the staff of the holding organisation."""
    return (Staff.objects.filter(organisation_id=deadline.organisation_id, user__is_active=True)
            .select_related("user").order_by("user__last_name", "user__first_name", "user__username"))


@transaction.atomic
def step_assign(*, deadline_id: int, assignee_id: int | None, actor) -> Deadline:
    """ADA-5 p.11: the head of the holding organisation assigns (or reassigns, or clears) the specialist
    who works a step; logged on the case's timeline and told to the new assignee."""
    from .notify import notify_users_on_commit
    from .transitions import case_event_log

    deadline = Deadline.objects.select_for_update().select_related("organisation").get(pk=deadline_id)
    if not deadline.is_running:
        raise ValidationError(_("This step is already closed."))
    if not (actor.is_superuser or _is_head(actor, deadline.organisation_id)):
        raise PermissionDenied(_("Only the head of %(org)s assigns its steps.") % {"org": deadline.organisation})
    assignee = None
    if assignee_id is not None:
        staff = Staff.objects.filter(organisation_id=deadline.organisation_id, user_id=assignee_id).select_related(
            "user").first()
        if staff is None:
            raise ValidationError({"assignee": _("Choose a member of staff of %(org)s.") % {
                "org": deadline.organisation}})
        assignee = staff.user
    previous = deadline.assignee
    deadline.assignee = assignee
    deadline.save(update_fields=["assignee"])
    case = deadline.case
    if assignee is None:
        message = text(gettext_noop("Step “%(step)s”: the assignment of %(name)s was withdrawn."),
                       step=_step_param(deadline, case), name=_name(previous) if previous else "—")
    else:
        message = text(gettext_noop("Step “%(step)s” assigned to %(name)s."), step=_step_param(deadline, case),
                       name=_name(assignee))
    case_event_log(case=case, event="assign_step", actor=actor, message=message)
    if assignee is not None:
        notify_users_on_commit(user_ids=[assignee.pk], key=f"assigned:{deadline.pk}:{assignee.pk}",
                               message=text(gettext_noop("%(ref)s: step “%(step)s” is assigned to you (due %(due)s)."),
                                            ref=deadline.case_ref, step=_step_param(deadline, case), due=deadline.due),
                               link=deadline.case_url)
    return deadline
