from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEMO_PASSWORD = "demo12345"


class DemoPasswordGuardBackend(ModelBackend):
    """The ordinary backend, except that the demo password is refused whenever DEBUG is off."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == DEMO_PASSWORD and not settings.DEBUG:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class StaffAuthenticationForm(AuthenticationForm):
    """The login form of the web interface. An external system (API client) has no business in the screens:
    with a session it would browse its whole region's registry, while through the API it reads only what
    it submitted. It authenticates to the API with its credentials on each request instead."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        from .roles import Role, user_roles

        if not user.is_superuser and str(Role.API_CLIENT) in user_roles(user):
            raise ValidationError(_("This account belongs to an external system: it uses the API, not the screens."),
                                  code="api_client")
