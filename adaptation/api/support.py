"""/api/v1/adaptation/support/…: the migration portal files form app.2 for a career centre of its region (p.7:
the CC registers the application on migration.enbek.kz), follows the steps and reads the result.

Scoping as everywhere (kandas.scoping): caseworkers see the cases of their region (exit or settlement); an API
client sees only what it filed (Decisions 18) and no registry data beyond what it sent."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from kandas.holders import step_holders
from kandas.deadlines import case_deadlines
from kandas.models import KINSHIP_BY_SERVICE, Kinship, PersonalDataAccess, Region
from kandas.roles import Role, user_has_role, user_may_see_personal_data

from ..models import SupportApplication
from ..selectors.support import support_get, support_list
from ..services.chain import MemberInput, support_application_register

ADAPTATION_KINSHIP = [(k.value, k.label) for k in Kinship if k in KINSHIP_BY_SERVICE["adaptation"]]


class SupportMemberInSerializer(serializers.Serializer):
    iin = serializers.RegexField(r"^\d{12}$")
    # A plain string in the schema (the service checks it against the adaptation kinship list of form app.2).
    kinship = serializers.CharField(max_length=20, help_text="One of: " + ", ".join(k for k, _l in ADAPTATION_KINSHIP))
    lives_with_applicant = serializers.BooleanField(default=True)
    is_married = serializers.BooleanField(default=False)


class SupportSubmitSerializer(serializers.Serializer):
    career_centre = serializers.IntegerField(help_text="The career centre of the region of exit that takes it.")
    applicant_iin = serializers.RegexField(r"^\d{12}$")
    settlement_region = serializers.SlugRelatedField(slug_field="kato", queryset=Region.objects.all())
    locality_kato = serializers.RegexField(r"^\d{9}$")
    consent = serializers.BooleanField(help_text="GEN-3: consent under art.8 of the personal data law.")
    members = SupportMemberInSerializer(many=True, required=False, default=list)


class SupportStepSerializer(serializers.Serializer):
    rule = serializers.CharField()
    step = serializers.CharField(source="step_label")
    holder = serializers.CharField(source="organisation")
    start = serializers.DateField()
    due = serializers.DateField()
    state = serializers.CharField()


class SupportApplicationSerializer(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True, help_text="adaptation.models.SupportState")
    state_label = serializers.CharField(source="get_state_display")
    exit_region = serializers.CharField(source="exit_region.kato")
    settlement_region = serializers.CharField(source="settlement_region.kato")
    locality = serializers.CharField(source="locality.kato", allow_null=True)
    held_by = serializers.SerializerMethodField()

    class Meta:
        model = SupportApplication
        fields = ["id", "ref", "state", "state_label", "filed_on", "rule_version", "exit_region", "settlement_region",
                  "locality", "held_by"]

    def get_held_by(self, obj) -> list[dict]:
        return SupportStepSerializer(step_holders(obj), many=True).data


class SupportResultSerializer(serializers.Serializer):
    quota_application = serializers.CharField(allow_null=True)
    quota_state = serializers.CharField(allow_null=True)
    unemployment_draft_sent_on = serializers.DateField(allow_null=True)
    relocation_on = serializers.DateField(allow_null=True)
    arrived_on = serializers.DateField(allow_null=True)
    registration = serializers.CharField(allow_blank=True)
    temp_registration_until = serializers.DateField(allow_null=True)
    temp_registration_beyond_year = serializers.BooleanField()
    rework_remarks = serializers.CharField(allow_blank=True)


class SupportApplicationDetailSerializer(SupportApplicationSerializer):
    steps = serializers.SerializerMethodField()
    result = serializers.SerializerMethodField()

    class Meta(SupportApplicationSerializer.Meta):
        fields = [*SupportApplicationSerializer.Meta.fields, "steps", "result"]

    def get_steps(self, obj) -> list[dict]:
        rows = case_deadlines(obj).select_related("organisation").order_by("start", "pk")
        return SupportStepSerializer(rows, many=True).data

    def get_result(self, obj) -> dict:
        qa = obj.quota_application
        return SupportResultSerializer({
            "quota_application": qa.ref if qa else None, "quota_state": qa.state if qa else None,
            "unemployment_draft_sent_on": obj.unemployment_sent_on, "relocation_on": obj.relocation_on,
            "arrived_on": obj.arrived_on, "registration": obj.registration_kind,
            "temp_registration_until": obj.temp_registration_until,
            "temp_registration_beyond_year": obj.temp_registration_beyond_year,
            "rework_remarks": obj.rework_remarks}).data


def _for_client(user, qs):
    """An external system reads only the applications it filed; caseworkers those of their region."""
    if user_has_role(user, Role.API_CLIENT) and not user.is_superuser:
        qs = qs.filter(created_by=user)
    return qs


class SupportApplicationListCreate(generics.ListAPIView):
    """Applications for adaptation services the caller may see; POST files form app.2 for a career centre (ADA-1)."""

    serializer_class = SupportApplicationSerializer

    def get_queryset(self):
        return _for_client(self.request.user, support_list(
            user=self.request.user, state=self.request.query_params.get("state", ""),
            query=self.request.query_params.get("q", "")))

    @extend_schema(request=SupportSubmitSerializer, responses={201: SupportApplicationDetailSerializer})
    def post(self, request):
        data = SupportSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        try:
            app = support_application_register(
                actor=request.user, career_centre_id=d["career_centre"], applicant_iin=d["applicant_iin"],
                settlement_region_id=d["settlement_region"].pk, locality_kato=d["locality_kato"],
                consent=d["consent"], members=[MemberInput(**m) for m in d["members"]])
        except PermissionDenied as exc:
            raise ApiPermissionDenied(str(exc)) from exc
        except ValidationError as exc:
            raise ApiValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc
        return Response(SupportApplicationDetailSerializer(app).data, status=status.HTTP_201_CREATED)


class SupportApplicationDetail(APIView):
    """One application: where it is, who holds it until when, every step, and the result."""

    @extend_schema(responses=SupportApplicationDetailSerializer)
    def get(self, request, pk: int):
        app = support_get(user=request.user, pk=pk)
        if not _for_client(request.user, SupportApplication.objects.filter(pk=app.pk)).exists():
            raise Http404  # another client's filing looks like nothing at all
        if user_may_see_personal_data(request.user):
            PersonalDataAccess.objects.create(user=request.user, person=app.applicant,  # GEN-3
                                              action=PersonalDataAccess.Action.API, detail=request.path)
        return Response(SupportApplicationDetailSerializer(app).data)
