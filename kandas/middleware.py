from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .transitions import CaseConflict


class ConflictMiddleware:
    """'This case was changed by someone else — reload': turns a lost race into a message, never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, CaseConflict):
            messages.error(request, _("This case was changed by someone else — reload the page and try again."))
            return redirect(request.META.get("HTTP_REFERER") or request.path)
        return None
