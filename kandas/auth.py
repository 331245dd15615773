from django.conf import settings
from django.contrib.auth.backends import ModelBackend

DEMO_PASSWORD = "demo12345"


class DemoPasswordGuardBackend(ModelBackend):
    """The ordinary backend, except that the demo password is refused whenever DEBUG is off."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == DEMO_PASSWORD and not settings.DEBUG:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
