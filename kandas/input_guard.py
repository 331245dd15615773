"""The one gate every request passes before a view parses it (issue 14, "no 500 on any input").

Two kinds of input no view can handle and no user types:
- a NUL character (PostgreSQL text columns cannot hold it: a filter or a lookup with one is a DataError), in the
  path, the query string, a cookie, a form body or a JSON body;
- JSON nested deeper than any record of ours (Python's parser ends in RecursionError at a few thousand levels).
Both are answered here with 400 and the reason, in the visitor's language; everything else is left to the view's
form, filter set or serializer, which know the limits of their columns.
"""
import re

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

MAX_JSON_DEPTH = 100

_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
# \u0000 that is an escape, not the text "\\u0000" (an escaped backslash followed by "u0000").
_JSON_NUL_ESCAPE = re.compile(rb"(?:^|[^\\])(?:\\\\)*\\u0000")
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def json_too_deep(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON text nests arrays/objects more than `limit` levels (brackets inside strings ignored)."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    depth = 0
    for byte in _JSON_STRING.sub(b'""', body).translate(None, _NOT_BRACKETS):
        if byte in b"[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def json_has_nul(body: bytes) -> bool:
    return b"\x00" in body or _JSON_NUL_ESCAPE.search(body) is not None


def _form_has_nul(body: bytes) -> bool:
    return b"\x00" in body or b"%00" in body


def request_refusal(request) -> str | None:
    """The reason this request cannot be read, or None. Multipart bodies are not scanned: uploaded files may hold
    any byte, and their text fields go through forms, whose CharFields refuse NUL themselves."""
    if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", "") \
            or "\x00" in request.META.get("QUERY_STRING", "") or "\x00" in request.META.get("HTTP_COOKIE", ""):
        return _("The address holds a NUL character, which no field accepts.")
    content_type = (request.content_type or "").lower()
    is_json = content_type == "application/json" or content_type.endswith("+json")
    if not (is_json or content_type == "application/x-www-form-urlencoded"):
        return None
    body = request.body  # cached: the view's parser reads the same bytes
    if is_json:
        if json_has_nul(body):
            return _("The request holds a NUL character, which no field accepts.")
        if json_too_deep(body):
            return _("The JSON is nested more than %(limit)d levels deep.") % {"limit": MAX_JSON_DEPTH}
    elif _form_has_nul(body):
        return _("The request holds a NUL character, which no field accepts.")
    return None


def refusal_response(request, reason: str, status: int) -> HttpResponse:
    """The API answers {"detail": …} like DRF does; a page answers the reason as text."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": reason}, status=status)
    return HttpResponse(reason, status=status, content_type="text/plain; charset=utf-8")


class InputGuardMiddleware:
    """400 for a request with a NUL character or JSON nested too deep, before any view or database sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reason = request_refusal(request)
        if reason is not None:
            return refusal_response(request, reason, 400)
        return self.get_response(request)
