"""How a view runs a case action: the service decides, the view reports.

    @login_required
    @require_POST
    def application_recommend_view(request, pk):
        app = scoped_get_or_404(request.user, StatusApplication.objects.all(), pk=pk)
        form = RecommendForm(request.POST)
        if not form.is_valid():
            return render(request, "status/recommend.html", {"form": form, ...}, status=400)
        return run_action(request, lambda: application_recommend(
            application_id=app.pk, actor=request.user, seen_version=case_seen_version(request), **form.cleaned_data),
            success=_("Recommendation recorded."), redirect_to=app.get_absolute_url())

`run_action` turns the refusals every service may raise into a message and a redirect (never a 500):
- `CaseConflict` (someone changed the case since this user loaded it) → "changed by someone else —
  reload"; nothing of this attempt is saved;
- `ActionNotAllowed` → its own sentence ("“Approve” is not possible yet: …");
- `ValidationError` → its messages;
- `PermissionDenied` is NOT caught: Django answers 403 (wrong role); other region → the view's 404.
"""
from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

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
