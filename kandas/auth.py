"""Who may log in, and how often they may get it wrong.

Login throttling is django-axes: failures are counted per account and per client address (the login page,
the admin's login and the API's HTTP Basic auth alike); at `AXES_FAILURE_LIMIT` failures within
`AXES_COOLOFF_TIME` further attempts are refused, the right password too, until the cool-off ends or an
administrator deletes the attempts (Admin → Axes → Access attempts).
"""
from axes.backends import AxesStandaloneBackend
from drf_spectacular.authentication import BasicScheme
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication

DEMO_PASSWORD = "demo12345"


class DemoPasswordGuardBackend(ModelBackend):
    """The ordinary backend, except that the demo password is refused whenever DEBUG is off."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == DEMO_PASSWORD and not settings.DEBUG:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check, first in AUTHENTICATION_BACKENDS. Every log-in over HTTP passes its
    request; a call without one (a shell, a management command) has no client to throttle and is left
    to the next backend instead of failing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class ApiBasicAuthentication(BasicAuthentication):
    """HTTP Basic auth of the API, throttled like the login page. DRF hands `authenticate()` its own Request
    wrapper; axes marks a lockout on the request it gets, so it must be Django's request, where
    axes' middleware looks for the mark."""

    www_authenticate_realm = "kandas"

    def authenticate_credentials(self, userid, password, request=None):
        return super().authenticate_credentials(userid, password, request=getattr(request, "_request", request))


class ApiBasicScheme(BasicScheme):
    """The OpenAPI schema names ApiBasicAuthentication what it is: HTTP Basic."""

    target_class = "kandas.auth.ApiBasicAuthentication"


def api_exception_handler(exc, context):
    """DRF's handler, except that a failed authentication keeps the request's transaction: DRF would roll
    back (ATOMIC_REQUESTS) the failed-login record axes just wrote, and no failure would ever count.
    Authentication runs before the view, so there is nothing else to roll back."""
    from rest_framework.response import Response  # not at import: DRF's settings import this module
    from rest_framework.views import exception_handler

    if isinstance(exc, (exceptions.AuthenticationFailed, exceptions.NotAuthenticated)):
        headers = {"WWW-Authenticate": exc.auth_header} if getattr(exc, "auth_header", None) else {}
        return Response({"detail": exc.detail}, status=exc.status_code, headers=headers)
    return exception_handler(exc, context)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address for throttling: REMOTE_ADDR, or behind KANDAS_TRUSTED_PROXIES reverse proxies
    the address the outermost of them saw (X-Forwarded-For, counted from the right: a client can prepend
    anything it likes, but not what our own proxies appended)."""
    proxies = settings.KANDAS_TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_message() -> str:
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return gettext("Log-in blocked: too many wrong passwords for this account or from this address. Try again in "
                   "%(minutes)d min. or ask an administrator to unblock it.") % {"minutes": minutes}


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What a locked-out client gets (AXES_LOCKOUT_CALLABLE): 429 with the reason in the user's language
    and Retry-After; the API answers JSON, the screens show the login page with the reason."""
    message = lockout_message()
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "registration/login.html",
                          {"form": StaffAuthenticationForm(request), "locked_out": message,
                           "next": request.POST.get("next", "")}, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


class StaffAuthenticationForm(AuthenticationForm):
    """The login form of the web interface. An external system (API client) has no business in the screens:
    with a session it would browse its whole region's registry, while through the API it reads only what
    it submitted. It authenticates to the API with its credentials on each request instead."""

    error_messages = {**AuthenticationForm.error_messages, "invalid_login": _("Wrong user name or password.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("User name")
        self.fields["password"].label = _("Password")

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        from .roles import Role, user_roles

        if not user.is_superuser and str(Role.API_CLIENT) in user_roles(user):
            raise ValidationError(_("This account belongs to an external system: it uses the API, not the screens."),
                                  code="api_client")
