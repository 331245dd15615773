"""One registry of the actions a case page offers, per case type (issue "Case machinery II" item 5).

An action is either a state transition (`transition=`: django-fsm decides state, role and conditions)
or another act on the case (`roles=` and `states=`, e.g. attaching a document). Either way it names the
form it needs, the service it calls, the steps it acts on (only their holder may take it,
kandas.holders) and, for signed steps, what is signed. `kandas.views.actions.case_action_run` runs it;
`templates/partials/case_actions.html` shows it.

    register_actions(StatusApplication, url_name="status:application_act", actions=[
        CaseAction("recommend", transition="recommend", form=RecommendForm, steps=("commission",),
                   run=lambda actor, case, data: services.application_recommend(
                       actor=actor, application_id=case.pk, seen_version=data["seen_version"], ...)),
    ])
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _, gettext_lazy

from .holders import step_holder_refusal, step_holders
from .roles import Role, user_has_role, user_roles
from .transitions import _transition_label, transition_unmet_conditions


@dataclass(frozen=True)
class CaseAction:
    name: str
    run: Callable  # run(actor=…, case=…, data=cleaned form data + "seen_version") -> the case or a record
    form: type | None = None
    label: str = ""  # default: the transition's label
    transition: str = ""  # the django-fsm transition it takes, if any
    roles: tuple = ()  # who may take a non-transition action
    states: tuple = ()  # the states a non-transition action applies in (empty: any)
    when: Callable | None = None  # extra condition on the case for a non-transition action
    steps: tuple = ()  # the step keys it acts on: only their holder may take it
    signs: str = ""  # the signature purpose: the page shows what will be signed and asks to confirm
    confirm: str = ""  # a question asked before an unsigned action that cannot be undone
    done: str = field(default=gettext_lazy("Done."))
    form_kwargs: Callable | None = None  # form_kwargs(case) -> extra keyword arguments of the form

    def title(self, case) -> str:
        if self.label:
            return str(self.label)
        return _transition_label(case, self.transition) if self.transition else self.name

    def make_form(self, case, data=None, files=None):
        if self.form is None:
            return None
        # Several action forms share a case page: ids carry the action name (id_<action>_<field>) so
        # that no two fields share an id and every label points at its own field. auto_id only renames
        # the ids; fields keep their names, so the runner still binds POST data by field name.
        kwargs = {"auto_id": f"id_{self.name}_%s", **(self.form_kwargs(case) if self.form_kwargs else {})}
        return self.form(data, files, **kwargs)


@dataclass
class _Registration:
    url_name: str
    actions: dict[str, CaseAction]


_REGISTRY: dict[type, _Registration] = {}


def register_actions(model: type, *, url_name: str, actions: list[CaseAction]) -> None:
    """Declare the actions of a case type; `url_name` reverses with (case.pk, action name)."""
    _REGISTRY[model] = _Registration(url_name, {a.name: a for a in actions})


def actions_of(case) -> dict[str, CaseAction]:
    reg = _REGISTRY.get(type(case))
    return reg.actions if reg else {}


def action_url(case, name: str) -> str:
    return reverse(_REGISTRY[type(case)].url_name, args=[case.pk, name])


@dataclass(frozen=True)
class Refusal:
    """Why an action is not open to a user now. `forbidden`: not theirs at all (403); else: not yet."""

    reason: str
    forbidden: bool


def action_refusal(user, case, action: CaseAction) -> Refusal | None:
    """None when `user` may take `action` on `case` now, else the reason in the user's language."""
    if action.transition:
        method = getattr(case, action.transition)
        meta = method._django_fsm
        trans = meta.get_transition(case.state)
        if trans is None:
            return Refusal(_("“%(action)s” is not possible while the case is “%(state)s”.") % {
                "action": action.title(case), "state": case.get_state_display()}, forbidden=False)
        if not trans.has_perm(case, user):
            return Refusal(_("Your role may not take this action."), forbidden=True)
    else:
        if action.states and case.state not in action.states:
            return Refusal(_("“%(action)s” is not possible while the case is “%(state)s”.") % {
                "action": action.title(case), "state": case.get_state_display()}, forbidden=False)
        if action.roles and not user_has_role(user, *action.roles):
            return Refusal(_("Your role may not take this action."), forbidden=True)
        if action.when is not None and not action.when(case):
            return Refusal(_("“%(action)s” is not needed now.") % {"action": action.title(case)}, forbidden=False)
    holder = step_holder_refusal(user, case, action.steps)
    if holder:
        return Refusal(holder, forbidden=True)
    if action.transition:
        unmet = transition_unmet_conditions(case, action.transition)
        if unmet:
            return Refusal(_("“%(action)s” is not possible yet: %(why)s") % {
                "action": action.title(case), "why": "; ".join(unmet)}, forbidden=False)
    return None


def case_action_ensure(actor, case, name: str) -> None:
    """For acts that are not state transitions (uploads, hand-outs, sending), inside their service: the
    region scope, then the registered action's roles, states and step holder — the checks the page makes."""
    from django.core.exceptions import PermissionDenied

    from .scoping import scope_for
    from .transitions import ActionNotAllowed

    if not scope_for(actor, type(case).objects.filter(pk=case.pk)).exists():
        raise PermissionDenied(_("This case belongs to another region."))
    refusal = action_refusal(actor, case, actions_of(case)[name])
    if refusal is not None:
        raise PermissionDenied(refusal.reason) if refusal.forbidden else ActionNotAllowed(refusal.reason)


def case_actions_for(user, case) -> tuple[list[CaseAction], list[tuple[CaseAction, str]]]:
    """(actions the user may take now, [(action, why not yet)] for those of their role that wait on something)."""
    allowed, waiting = [], []
    for action in actions_of(case).values():
        refusal = action_refusal(user, case, action)
        if refusal is None:
            allowed.append(action)
        elif not refusal.forbidden:
            if action.transition and getattr(case, action.transition)._django_fsm.get_transition(case.state):
                waiting.append((action, refusal.reason))
    return allowed, waiting


def no_action_reason(user, case) -> str:
    """Why a case page offers this user nothing now (every "no action for you" says why)."""
    for d in step_holders(case):
        refusal = step_holder_refusal(user, case, (d.step_key,))
        if refusal:
            return refusal
    held = step_holders(case)
    if held:
        d = held[0]
        return _("The case is at the step “%(step)s”, held by %(org)s until %(due)s; your role has no action in it.") % {
            "step": d.step_label, "org": d.organisation, "due": d.due.strftime("%d.%m.%Y")}
    roles = ", ".join(str(Role(r).label) for r in sorted(user_roles(user)) if r in Role.values) or "—"
    return _("In the state “%(state)s” the rules give your role (%(roles)s) no action on this case.") % {
        "state": case.get_state_display(), "roles": roles}
