"""The one view runner of case actions (kandas.actions): scope, the version the user saw, the form,
the service, and every refusal turned into a message (never a 500).

    @login_required
    @require_POST
    def application_act(request, pk, action):
        case = selectors.application_get(user=request.user, pk=pk)        # scoped: another region → 404
        return case_action_run(request, case, action, render_page=lambda bound: render(
            request, "status/application_detail.html", _case_context(request, case, bound), status=400))

- the action is not the user's (role, another organisation holds the step, assigned to someone
  else) → 403 with the reason;
- not possible now (state, an unmet condition) → the reason as a message, back to the case;
- the form is invalid, or the service raises a ValidationError → the case page again with the form
  bound and its errors next to the fields (400); nothing saved;
- `CaseConflict` (someone changed the case since this user loaded it) → "changed by someone else —
  reload"; nothing of this attempt is saved;
- a signing action needs the "I sign" confirmation the page shows beside what will be signed.
"""
from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ..actions import action_refusal, actions_of
from ..transitions import ActionNotAllowed, CaseConflict

CONFLICT_MESSAGE = "This case was changed by someone else — reload the page and try again."


def case_seen_version(request) -> int | None:
    """The case version the user saw (hidden field `seen_version` of every action form)."""
    try:
        return int(request.POST.get("seen_version", ""))
    except ValueError:
        return None


def _back(request, fallback: str | None) -> HttpResponseRedirect:
    target = fallback or request.META.get("HTTP_REFERER") or request.path
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = request.path
    return redirect(target)


def refusal_message(exc: Exception) -> str | None:
    """The sentence a user sees for a refused action, or None when `exc` is not a refusal."""
    if isinstance(exc, CaseConflict):
        return _(CONFLICT_MESSAGE)
    if isinstance(exc, ActionNotAllowed):
        return str(exc)
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return None


def run_action(request, fn: Callable, *, success: str | None = None, redirect_to: str | None = None,
               failure_redirect_to: str | None = None) -> HttpResponseRedirect:
    """Call `fn()` (a service call); on success flash `success` and redirect to `redirect_to` (or the
    result's get_absolute_url, or back); on a refusal flash why and redirect back."""
    try:
        result = fn()
    except (CaseConflict, ActionNotAllowed, ValidationError) as exc:
        messages.error(request, refusal_message(exc))
        return _back(request, failure_redirect_to or redirect_to)
    if success:
        messages.success(request, success)
    if redirect_to is None and hasattr(result, "get_absolute_url"):
        redirect_to = result.get_absolute_url()
    return _back(request, redirect_to)


SIGN_CONFIRM_FIELD = "sign_confirmed"


def validation_errors_to_form(form, exc: ValidationError) -> None:
    """A service's ValidationError shown on the form: each field's errors next to it, the rest on top."""
    if form is not None and hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    elif form is not None:
        form.add_error(None, exc.messages)


def case_action_run(request, case, name: str, *, render_page: Callable):
    """Run action `name` of `case` for request.user. `render_page(bound)` renders the case page with
    `bound` = {action name: bound form} and status 400 (errors shown next to the fields)."""
    action = actions_of(case).get(name)
    if action is None:
        raise Http404
    seen = case_seen_version(request)
    if seen is not None and seen != case.version:  # the page was stale: say so before anything else
        messages.error(request, _(CONFLICT_MESSAGE))
        return redirect(case.get_absolute_url())
    refusal = action_refusal(request.user, case, action)
    if refusal is not None:
        if refusal.forbidden:
            raise PermissionDenied(refusal.reason)
        messages.error(request, refusal.reason)
        return redirect(case.get_absolute_url())
    form = action.make_form(case, request.POST, request.FILES)
    valid = form.is_valid() if form is not None else True
    if action.signs and request.POST.get(SIGN_CONFIRM_FIELD) != "1":
        valid = False
        if form is not None:
            form.add_error(None, _("Confirm that you sign this decision with your EDS."))
        else:
            messages.error(request, _("Confirm that you sign this decision with your EDS."))
            return redirect(case.get_absolute_url())
    if not valid:
        return render_page({name: form})
    data = {**(form.cleaned_data if form is not None else {}), "seen_version": seen}
    try:
        result = action.run(actor=request.user, case=case, data=data)
    except CaseConflict:
        messages.error(request, _(CONFLICT_MESSAGE))
        return redirect(case.get_absolute_url())
    except ActionNotAllowed as exc:
        messages.error(request, str(exc))
        return redirect(case.get_absolute_url())
    except ValidationError as exc:
        if form is None:
            messages.error(request, " ".join(exc.messages))
            return redirect(case.get_absolute_url())
        validation_errors_to_form(form, exc)
        return render_page({name: form})
    messages.success(request, str(action.done))
    target = result.get_absolute_url() if hasattr(result, "get_absolute_url") else case.get_absolute_url()
    return redirect(target)
