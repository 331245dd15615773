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


def _task_queue_unreachable(exception: BaseException) -> bool:
    """The broker or the result store (Redis) could not be reached while sending a task. Celery's result
    consumer wraps the connection error in a bare RuntimeError, so the whole cause chain is checked."""
    from kombu.exceptions import OperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, (OperationalError, RedisConnectionError, RedisTimeoutError)):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


class TaskQueueUnavailableMiddleware:
    """Redis down while a request sends a Celery task (the admin's "Run selected tasks", a service's
    on-commit task): a message and a redirect back, or 503 for the API, instead of a 500. The broker
    timeouts in config/settings.py make the failure come within seconds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not _task_queue_unreachable(exception):
            return None
        import logging

        from django.http import HttpResponseRedirect
        from django.utils.translation import gettext as _

        logging.getLogger(__name__).error("Task queue unreachable during %s %s", request.method, request.path,
                                          exc_info=exception)
        text = _("The task queue (Redis) is unreachable: the background task was not started. Try again "
                 "later; if it persists, an administrator should check Redis and the /health/ page.")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": text}, status=503)
        messages.error(request, text)
        return HttpResponseRedirect(request.get_full_path())
