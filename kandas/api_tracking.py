"""GET /api/v1/track/<token>/ — the public tracking page as JSON, for the migration portal's personal
cabinet (issue 15). No login: the token is the permission. Same limits as the page: 429 over the per-address
limit, 404 for a wrong or revoked token (both read the same)."""
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .api_schema import ErrorSerializer
from .tracking_public import case_of, public_summary
from .views.tracking import Refused, tracking_gate

_DEADLINE_FIELDS = {
    "step": serializers.CharField(help_text="the step, in the reader's language"),
    "rule": serializers.CharField(help_text="the rule ID of DOMAIN.md"),
    "organisation": serializers.CharField(help_text="the organisation holding the step"),
    "due": serializers.CharField(help_text="dd.mm.yyyy"),
    "state": serializers.ChoiceField(choices=["open", "met", "breached", "paused"]),
    "state_label": serializers.CharField(),
    "is_service_term": serializers.BooleanField(help_text="the total term of the service"),
    "overdue": serializers.BooleanField(),
    "explanation": serializers.CharField(help_text="how the due date was counted, in the reader's language"),
}
TRACKED_CASE = inline_serializer("TrackedCase", {
    "number": serializers.CharField(),
    "service": serializers.CharField(),
    "applicant_initials": serializers.CharField(help_text='"К. Б.": the only personal data given'),
    "filed_on": serializers.CharField(help_text="dd.mm.yyyy"),
    "state": serializers.CharField(help_text="the state's code"),
    "state_label": serializers.CharField(help_text="the state in plain words, in the reader's language"),
    "organisation": serializers.CharField(help_text="the organisation responsible for the case"),
    "deadlines": inline_serializer("TrackedDeadline", _DEADLINE_FIELDS, many=True),
    "missing_documents": serializers.ListField(child=serializers.CharField(),
                                               help_text="what the completeness check found missing"),
    "next_step": inline_serializer("TrackedNextStep", {
        "step": serializers.CharField(), "organisation": serializers.CharField(), "due": serializers.CharField(),
    }, allow_null=True),
    "decided": serializers.BooleanField(),
    "result_pdf": serializers.CharField(allow_null=True, help_text="path of the result PDF once decided"),
})


class TrackView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    throttle_classes = []

    @extend_schema(
        summary="The applicant's own view of a case, by the token printed on the receipt",
        parameters=[OpenApiParameter("Accept-Language", str, OpenApiParameter.HEADER, required=False,
                                     description="ru, kk or en: the language of the labels and explanations")],
        responses={200: TRACKED_CASE,
                   404: OpenApiResponse(ErrorSerializer, "Wrong or revoked token (the same answer for both)."),
                   429: OpenApiResponse(ErrorSerializer, "Too many requests from this address: try again later.")})
    def get(self, request, token: str):
        try:
            tracking = tracking_gate(request, token, "json")
        except Refused as exc:
            detail = _("Too many requests: try again later.") if exc.status == 429 else _("No case has this link.")
            return Response({"detail": detail}, status=exc.status)
        return Response(public_summary(case_of(tracking), tracking), headers={"Referrer-Policy": "no-referrer"})
