"""The public tracking page /t/<token>/ (no login), its result PDF, and the caseworker's revoke / re-issue.

Every answer passes the per-address counter first (429 over the limit); a wrong or revoked token is the same
404 page and counts WRONG_TOKEN_COST requests; every view of a valid token leaves a TrackingAccess row."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..auth import client_ip
from ..models import TrackingAccess
from ..ratelimit import rate_count, rate_exceeded
from ..scoping import scoped_get_or_404
from ..tracking import TRACKED_MODELS, tracking_find, tracking_revoke
from ..tracking_public import case_of, public_summary, result_pdf

SCOPE = "track"
WRONG_TOKEN_COST = 5


class Refused(Exception):
    def __init__(self, status: int):
        self.status = status


def tracking_gate(request, token: str, what: str):
    """The active tracking row of `token`, counted and logged; Refused(429 | 404) otherwise."""
    if rate_exceeded(request, SCOPE):
        raise Refused(429)
    tracking = tracking_find(token)
    if tracking is None:
        rate_count(request, SCOPE, WRONG_TOKEN_COST)
        raise Refused(404)
    rate_count(request, SCOPE)
    TrackingAccess.objects.create(tracking=tracking, address=client_ip(request), what=what,
                                  user_agent=request.META.get("HTTP_USER_AGENT", "")[:255])
    return tracking


def _private(response):
    """Not indexed, and the token never leaves for another site in a Referer header (same-origin: the page's
    own language switch still passes the CSRF origin check)."""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _refusal_page(request, status: int):
    return _private(render(request, "kandas/track_refused.html", {"status": status}, status=status))


@never_cache
def track_page(request, token: str):
    try:
        tracking = tracking_gate(request, token, "page")
    except Refused as exc:
        return _refusal_page(request, exc.status)
    case = case_of(tracking)
    return _private(render(request, "kandas/track.html", {"t": public_summary(case, tracking)}))


@never_cache
def track_result(request, token: str):
    """The decision PDF, once there is one (404 before): streamed from here, never from a media address."""
    try:
        tracking = tracking_gate(request, token, "pdf")
    except Refused as exc:
        return _refusal_page(request, exc.status)
    case = case_of(tracking)
    language = request.GET.get("lang") or get_language() or "ru"
    build = result_pdf(case, language)
    if build is None:
        return _refusal_page(request, 404)
    response = HttpResponse(build(), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, f"{case.ref}-result.pdf")
    return _private(response)


@login_required
@require_POST
def track_manage(request, ct: int, pk: int, action: str):
    """Revoke the case's tracking link, or revoke it and issue a new one (the receipts then print the new one)."""
    if action not in ("revoke", "reissue"):
        raise Http404
    try:
        model = ContentType.objects.get_for_id(ct).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    if model is None or model._meta.label_lower not in TRACKED_MODELS:
        raise Http404
    case = scoped_get_or_404(request.user, model.objects.all(), pk=pk)  # another region's case: nothing there
    tracking_revoke(actor=request.user, case=case, reissue=action == "reissue")  # PermissionDenied → 403
    messages.success(request, _("A new tracking link was issued: print the receipt again for the applicant.")
                     if action == "reissue" else _("The tracking link was revoked."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = case.get_absolute_url() if hasattr(case, "get_absolute_url") else "/"
    return redirect(target)
