"""/api/v1/status/: external systems submit applications and read what they submitted (and nothing else)."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, status
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.response import Response

from kandas.models import PersonalDataAccess
from kandas.pdf import pdf_language
from kandas.roles import Role, user_has_role
from kandas.filing import filing_error_response
from kandas.scoping import scope_for
from kandas.services import personal_data_access_log

from ..models import StatusApplication
from ..services import application_submit
from ..views.pdfs import NotPrintable, case_pdf_bytes
from .serializers import StatusApplicationSerializer, StatusApplicationSubmitSerializer


class IsApiClient(permissions.BasePermission):
    message = "Only an external system (API client) may use this endpoint."

    def has_permission(self, request, view):
        return user_has_role(request.user, Role.API_CLIENT)


def own_applications(user):
    """A client reads only what it submitted — within its scope, like every other queryset."""
    return scope_for(user, StatusApplication.objects.filter(submitted_by=user)).prefetch_related("deadlines")


class ApplicationListCreate(generics.ListCreateAPIView):
    permission_classes = [permissions.IsAuthenticated, IsApiClient]
    serializer_class = StatusApplicationSerializer

    def get_queryset(self):
        return own_applications(self.request.user).order_by("-pk")

    @extend_schema(request=StatusApplicationSubmitSerializer, responses={201: StatusApplicationSerializer})
    def post(self, request, *args, **kwargs):
        """STA-1: submit an application for kandas status as the portal or the State Corporation would."""
        incoming = StatusApplicationSubmitSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        # Who may file where is kandas.filing's one rule (Decision 18), checked by the service.
        try:
            application = application_submit(
                actor=request.user, sub_type=data["sub_type"], channel=data["channel"], region=data["region"],
                settlement_region=data.get("settlement_region"), applicant=dict(data["applicant"]),
                members=[({k: v for k, v in m.items() if k != "kinship"}, m["kinship"]) for m in data.get("members", [])],
                documents=[dict(d) for d in data.get("documents", [])], consent_method=data.get("consent"),
                nationality_recommendation=data["nationality_recommendation"], external_id=data.get("external_id", ""))
        except PermissionDenied as exc:
            raise ApiPermissionDenied(str(exc)) from exc
        except ValidationError as exc:
            return filing_error_response(request, exc)
        application = StatusApplication.objects.get(pk=application.pk)
        return Response(StatusApplicationSerializer(application, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)


class ApplicationDetail(generics.RetrieveAPIView):
    """STA-5: the state of an application and its deadlines (service term included)."""

    permission_classes = [permissions.IsAuthenticated, IsApiClient]
    serializer_class = StatusApplicationSerializer

    def get_queryset(self):
        return own_applications(self.request.user)


class ApplicationDecisionPdf(generics.GenericAPIView):
    permission_classes = [permissions.IsAuthenticated, IsApiClient]

    def get_queryset(self):
        return own_applications(self.request.user)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request, pk: int):
        """STA-5 / STA-6: the signed decision (or refusal) as PDF; ?lang=kk for Kazakh."""
        application = self.get_object()
        document = "refusal" if application.refusal_grounds else "decision"
        try:
            data = case_pdf_bytes(application, document, pdf_language(request), request.user)
        except NotPrintable as exc:
            raise Http404(str(exc)) from exc
        personal_data_access_log(user=request.user, person=application.applicant,  # GEN-3
                                 action=PersonalDataAccess.Action.API, detail=f"{application.ref} {document}")
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{application.ref}-{document}.pdf"'
        return response
