from django.contrib import messages
from django.http import JsonResponse

from .transitions import ActionNotAllowed, CaseConflict


class ConflictMiddleware:
    """The safety net under `kandas.views.actions.run_action`: a CaseConflict or ActionNotAllowed that
    escapes a view becomes a message and a redirect back, never a 500. (ATOMIC_REQUESTS has already
    rolled the request's writes back when this runs.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (CaseConflict, ActionNotAllowed)):
            from .views.actions import _back, refusal_message

            if request.path.startswith("/api/"):
                return JsonResponse({"detail": refusal_message(exception)}, status=409)
            messages.error(request, refusal_message(exception))
            return _back(request, None)
        return None


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than the biggest document allowed (a 100 MB video) before Django
    streams it to disk: Django's own limits do not cover file uploads. 413 with a readable reason."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils.translation import gettext as _

        limit = settings.KANDAS_MAX_REQUEST_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            from django.utils import translation

            # This runs before LocaleMiddleware: answer in the visitor's language, not the last request's.
            with translation.override(translation.get_language_from_request(request)):
                text = _("The upload is too large: at most %(mb)d MB per request.") % {"mb": limit // 2**20}
            from .input_guard import refusal_response

            return refusal_response(request, text, 413)
        return self.get_response(request)
