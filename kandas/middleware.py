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
