"""/api/v1/adaptation/residence/…: submit an application, read its state and deadlines, centre occupancy."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from kandas.deadlines import case_deadlines
from kandas.filer_view import FilerView
from kandas.filing import FilingService, filing_ensure, filing_error_response, unknown_person_message
from kandas.models import PersonalDataAccess, Person
from kandas.roles import Role, user_has_role, user_may_see_personal_data
from kandas.scoping import scope_for
from kandas.services import personal_data_access_log

from ..filters import ResidenceApplicationFilter
from ..models import Centre, ResidenceApplication, ResidencePerson
from ..selectors.residence import (
    application_get, application_list, centre_get, centre_list, centre_occupancies, centre_occupancy,
)
from ..services.residence import application_register


class ResidencePersonRowSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField(help_text="The IIN as filed when the caller filed for a person of "
                                                       "another region (Decision 18)")
    birth_date = serializers.SerializerMethodField(help_text="null for callers who may not see personal data")
    needs_talon = serializers.BooleanField()
    has_talon = serializers.BooleanField()

    class Meta:
        model = ResidencePerson
        fields = ["name", "birth_date", "kinship", "needs_talon", "has_talon", "stay_state"]

    def _person(self, obj):
        view = self.context.get("filer_view")
        return view.person(obj.person) if view is not None else obj.person

    def get_name(self, obj) -> str:
        return self._person(obj).full_name

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_birth_date(self, obj):
        return (self._person(obj).birth_date or None) if self.context.get("personal_data") else None


class ResidenceDeadlineSerializer(serializers.Serializer):
    rule = serializers.CharField()
    step = serializers.CharField()
    due = serializers.DateField()
    state = serializers.CharField()
    organisation = serializers.CharField()


class ResidenceApplicationSerializer(serializers.ModelSerializer):
    applicant = serializers.SerializerMethodField(help_text="The IIN as filed when the caller filed for a person "
                                                            "of another region (Decision 18)")
    centre = serializers.CharField()
    state_label = serializers.CharField(source="get_state_display")
    # RES-9 p.13: the MIO that issued the referral receives the centre's proposals.
    referral_issued_by = serializers.StringRelatedField(allow_null=True)
    check_in_last_day = serializers.DateField(allow_null=True, read_only=True,
                                              help_text="RES-7; null until the applicant has received the referral")

    class Meta:
        model = ResidenceApplication
        fields = ["id", "ref", "state", "state_label", "journal_no", "centre", "applicant", "persons_count",
                  "filed_on", "referral_no", "referral_issued_on", "referral_issued_by", "referral_prepared_on",
                  "referral_handed_over_on", "check_in_last_day",
                  "checked_in_on", "residence_ends_on", "ended_on", "vacate_by", "rule_version"]


    def get_applicant(self, obj) -> str:
        view = self.context.get("filer_view")
        request = self.context.get("request")
        if view is None and request is not None:
            view = FilerView(request.user, obj)
        return (view.person(obj.applicant) if view is not None else obj.applicant).full_name


class ResidenceApplicationDetailSerializer(ResidenceApplicationSerializer):
    persons = ResidencePersonRowSerializer(many=True)
    deadlines = serializers.SerializerMethodField()

    class Meta(ResidenceApplicationSerializer.Meta):
        fields = [*ResidenceApplicationSerializer.Meta.fields, "persons", "deadlines"]

    def get_deadlines(self, obj) -> list[dict]:
        rows = case_deadlines(obj).select_related("organisation").order_by("due")
        return ResidenceDeadlineSerializer([{"rule": d.rule, "step": d.step_label, "due": d.due, "state": d.state,
                                    "organisation": str(d.organisation)} for d in rows], many=True).data


class ResidenceSubmitSerializer(serializers.Serializer):
    applicant_iin = serializers.RegexField(r"^\d{12}$")
    centre = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    member_iins = serializers.ListField(child=serializers.RegexField(r"^\d{12}$"), required=False, default=list)
    whole_family = serializers.BooleanField(default=False)


class ResidenceOccupancySerializer(serializers.Serializer):
    centre = serializers.IntegerField(source="centre.pk")
    name = serializers.CharField(source="centre.__str__")
    beds = serializers.DictField(child=serializers.IntegerField())
    total = serializers.IntegerField()
    reserve_length = serializers.IntegerField()
    reserve_persons = serializers.IntegerField()
    average_wait_days = serializers.FloatField(allow_null=True)


def _for_client(user, qs):
    """An external system (API client) reads only the applications it submitted; caseworkers their region."""
    if user_has_role(user, Role.API_CLIENT) and not user.is_superuser:
        qs = qs.filter(created_by=user)
    return qs


def _application_for(user, pk: int) -> ResidenceApplication:
    application = application_get(user=user, pk=pk)
    if not _for_client(user, ResidenceApplication.objects.filter(pk=application.pk)).exists():
        raise Http404  # another client's application looks like nothing at all
    return application


def _detail_data(request, application) -> dict:
    may_see = user_may_see_personal_data(request.user)
    if may_see:
        personal_data_access_log(user=request.user, person=application.applicant,  # GEN-3
                                 action=PersonalDataAccess.Action.API, detail=request.path)
    view = FilerView(request.user, application)  # Decision 18: a filer sees its filing, the provider the persons
    return ResidenceApplicationDetailSerializer(view.case(), context={"personal_data": may_see,
                                                                      "filer_view": view}).data


class ApplicationListCreate(generics.ListAPIView):
    """Residence applications in the caller's region (an API client: those it submitted); POST submits a
    new one (RES-2)."""

    serializer_class = ResidenceApplicationSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ResidenceApplicationFilter

    def get_queryset(self):
        return _for_client(self.request.user, application_list(user=self.request.user))

    @extend_schema(request=ResidenceSubmitSerializer, responses={201: ResidenceApplicationDetailSerializer})
    def post(self, request):
        data = ResidenceSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:  # Decision 18 (kandas.filing): the role first; the centre's region in the service
            filing_ensure(request.user, service=FilingService.RESIDENCE, provider_region=None)
        except PermissionDenied as exc:
            raise ApiPermissionDenied(str(exc)) from exc
        # The filer names persons of the registry it may see; another region's reads like an unknown IIN.
        persons = scope_for(request.user, Person.objects.all())
        applicant = persons.filter(iin=data.validated_data["applicant_iin"]).first()
        if applicant is None:
            raise ApiValidationError({"applicant_iin": [unknown_person_message()]})
        members = list(persons.filter(iin__in=data.validated_data["member_iins"]))
        if len(members) != len(set(data.validated_data["member_iins"])):
            raise ApiValidationError({"member_iins": [unknown_person_message()]})
        # A filer may file with a centre of another region (Decision 18): centres are public facts.
        centre = Centre.objects.filter(pk=data.validated_data["centre"]).first()
        if centre is None:
            raise ApiValidationError({"centre": ["Unknown centre."]})
        try:
            application = application_register(
                actor=request.user, centre_id=centre.pk, applicant_id=applicant.pk,
                member_ids=[m.pk for m in members], whole_family=data.validated_data["whole_family"])
        except PermissionDenied as exc:
            raise ApiPermissionDenied(str(exc)) from exc
        except ValidationError as exc:
            return filing_error_response(request, exc)
        application = application_get(user=request.user, pk=application.pk)
        return Response(_detail_data(request, application), status=status.HTTP_201_CREATED)


class ApplicationDetail(APIView):
    """One application: state, persons (talons), deadlines (RES-5, RES-7, RES-10, RES-11...)."""

    @extend_schema(responses=ResidenceApplicationDetailSerializer)
    def get(self, request, pk: int):
        return Response(_detail_data(request, _application_for(request.user, pk)))


class OccupancyList(APIView):
    """Beds by state, reserve length and average wait of every centre in the caller's region."""

    @extend_schema(responses=ResidenceOccupancySerializer(many=True))
    def get(self, request):
        rows = centre_occupancies(centres=centre_list(user=request.user))
        return Response(ResidenceOccupancySerializer(rows, many=True).data)


class OccupancyDetail(APIView):
    @extend_schema(responses=ResidenceOccupancySerializer)
    def get(self, request, pk: int):
        return Response(ResidenceOccupancySerializer(centre_occupancy(centre=centre_get(user=request.user, pk=pk))).data)
