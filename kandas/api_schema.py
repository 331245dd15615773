"""The OpenAPI schema says every answer the API can give, not only the happy one (issue 14).

Besides what a view documents itself, every operation may answer:
- 400: a field or parameter the serializer or filter set refuses (the body names it), malformed JSON, or what
  kandas.input_guard refuses (a NUL character, JSON nested more than 100 levels deep);
- 401 / 403: no or wrong credentials, or a role that may not use the endpoint;
- 404: nothing of that id within the caller's scope (another region's record looks like nothing), or a page
  number past the end of a list;
- 409: the case was changed by someone else meanwhile (kandas.middleware.ConflictMiddleware);
- 413: a body larger than the biggest document allowed (kandas.middleware.RequestSizeLimitMiddleware);
- 415: a body in a media type the endpoint does not read;
- 429: too many attempts (login throttling).
"""
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """What DRF and the kandas middlewares answer on a refusal: {"detail": the reason, in the caller's language}."""

    detail = serializers.CharField()


# A refused body: {"field": ["message", …]} (nested like the body: {"applicant": {"surname": […]}},
# {"members": [{}, {"kinship": […]}]}), {"detail": "…"} for a request that cannot be read at all, or a plain list
# of messages for a refusal that concerns no single field.
VALIDATION_ERROR_SCHEMA = {
    "oneOf": [
        {"type": "object", "additionalProperties": True},
        {"type": "array", "items": {"type": "string"}},
    ],
}

BODY_METHODS = {"POST", "PUT", "PATCH"}


class KandasAutoSchema(AutoSchema):
    def _error_responses(self) -> dict[str, OpenApiResponse]:
        errors = {
            "400": OpenApiResponse(VALIDATION_ERROR_SCHEMA, "Invalid field or parameter (named in the body), "
                                   "malformed JSON, a NUL character or JSON nested more than 100 levels."),
            "404": OpenApiResponse(ErrorSerializer, "Not found in your scope, or a page past the end of the list."),
            "413": OpenApiResponse(ErrorSerializer, "The request body is too large."),
            "429": OpenApiResponse(ErrorSerializer, "Too many attempts: try again later."),
        }
        if self.get_auth():  # an endpoint with a login
            errors["401"] = OpenApiResponse(ErrorSerializer, "No or wrong credentials.")
            errors["403"] = OpenApiResponse(ErrorSerializer, "Your role or organisation may not do this.")
        if self.method in BODY_METHODS:
            errors["409"] = OpenApiResponse(ErrorSerializer, "Changed by someone else meanwhile: reload and retry.")
            errors["415"] = OpenApiResponse(ErrorSerializer, "Unsupported media type of the request body.")
        return errors

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction == "response":
            for code, response in sorted(self._error_responses().items()):
                responses.setdefault(code, self._get_response_for_code(response, code, direction=direction))
        return responses
