"""Django's own error pages for requests that never reach a DRF view (a path no route matches, such as
/api/v1/…/applications/-1/, or a body Django itself refuses): the API answers them as JSON {"detail": …}, as its
schema says (kandas.api_schema); pages keep Django's HTML."""
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": _("The request cannot be read.")}, status=400)
    return defaults.bad_request(request, exception)
