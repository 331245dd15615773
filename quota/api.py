"""/api/v1/quota/: submit an application, read its state and deadlines, download the result; plans and the
published locality lists are readable (the lists without login, as the Electronic Labour Exchange reads them)."""
from django.core.exceptions import PermissionDenied, ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, permissions, serializers, status
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from kandas.filing import (FilingService, filing_error_response, filing_ensure, filing_person_find,
                           unknown_person_message)
from kandas.models import KINSHIP_BY_SERVICE, Deadline, Locality, Region
from kandas.pdf import pdf_language, pdf_response
from kandas.printing import print_gate
from kandas.roles import Role, user_has_role
from kandas.scoping import scoped_get_or_404

from . import services
from .filters import LocalityListFilter, PlanFilter
from .models import QUOTA_CHANNEL_CHOICES, AppState, EmploymentCategory, QuotaApplication, QuotaKind, QuotaPlan
from .selectors import application_list, plans_reserved, published_locality_lists
from .views.printing import TEMPLATES, application_pdf_context


class QuotaMemberIn(serializers.Serializer):
    iin = serializers.CharField(max_length=12)
    kinship = serializers.ChoiceField(choices=sorted(KINSHIP_BY_SERVICE["quota"]))


class QuotaDocumentIn(serializers.Serializer):
    title = serializers.CharField(max_length=255)
    valid_until = serializers.DateField(required=False, allow_null=True)


class QuotaApplicationIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=QuotaKind.choices)
    channel = serializers.ChoiceField(choices=QUOTA_CHANNEL_CHOICES)
    region_kato = serializers.CharField(max_length=9)
    locality_kato = serializers.CharField(max_length=9, required=False, allow_blank=True,
                                          help_text="QUO-10: the district or city offered (KATO), inside the region")
    applicant_iin = serializers.CharField(max_length=12)
    status_9_1 = serializers.BooleanField(required=False, default=False,
                                          help_text="QUO-1: the kandas status was obtained under condition 9.1)")
    consent = serializers.BooleanField()
    members = QuotaMemberIn(many=True, required=False)
    documents = QuotaDocumentIn(many=True, required=False)
    employment_category = serializers.ChoiceField(choices=EmploymentCategory.choices, required=False)
    job_seeker_registered_on = serializers.DateField(required=False)
    eds_signed = serializers.BooleanField(required=False, default=False)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class QuotaDeadlineOut(serializers.Serializer):
    rule = serializers.CharField()
    step = serializers.CharField(source="step_label")
    due = serializers.DateField()
    state = serializers.CharField()
    is_service_term = serializers.BooleanField()


class QuotaApplicationOut(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display")
    region_kato = serializers.CharField(source="region.kato")
    deadlines = serializers.SerializerMethodField()
    refusal_grounds = serializers.ListField(source="grounds_display", child=serializers.CharField())
    result_url = serializers.SerializerMethodField()

    class Meta:
        model = QuotaApplication
        fields = ["id", "ref", "kind", "channel", "state", "state_label", "region_kato", "filed_on", "rule_version",
                  "accepted_on", "missing_documents", "decided_on", "decision_number", "refusal_grounds",
                  "quota_units", "result_sent_on", "term_overrun", "deadlines", "result_url"]

    @extend_schema_field(QuotaDeadlineOut(many=True))
    def get_deadlines(self, obj) -> list[dict]:
        # Prefetched (no query per row) and built as plain dicts: a nested serializer made per row costs more
        # than the page's SQL (issue 14); the fields and their order are QuotaDeadlineOut's.
        rows = sorted(obj.deadlines.all(), key=lambda d: (d.due, d.pk))
        return [{"rule": d.rule, "step": d.step_label, "due": d.due.isoformat(), "state": d.state,
                 "is_service_term": d.is_service_term} for d in rows]

    def get_result_url(self, obj) -> str | None:
        return f"/api/v1/quota/applications/{obj.pk}/result/" if _result_form(obj) else None


def _result_form(app) -> str | None:
    k = app.kind == QuotaKind.KANDAS
    return {AppState.INCLUDED: "app4" if k else "app9", AppState.REFUSED: "app5" if k else "app10",
            AppState.REFUSED_TO_ACCEPT: "app3" if k else "app8"}.get(app.state)


# The columns the list's representation reads (QuotaApplicationOut, _result_form).
LIST_FIELDS = ("id", "ref", "kind", "channel", "state", "region__kato", "filed_on", "rule_version", "accepted_on",
               "missing_documents", "decided_on", "decision_number", "refusal_grounds", "quota_units",
               "result_sent_on", "term_overrun")


def _client_queryset(user):
    """A client system reads only what it submitted; caseworkers read their region."""
    qs = application_list(user=user)
    if user_has_role(user, Role.API_CLIENT) and not user.is_superuser:
        qs = qs.filter(created_by=user)
    return qs


class ApplicationListCreate(generics.ListAPIView):
    serializer_class = QuotaApplicationOut

    def get_queryset(self):
        # Issue 14: only what the representation reads — the region's KATO joined, the deadlines' few columns
        # prefetched; not the applicant or the exit region, whose wide rows were joined for every scoped case
        # before the sort. The order is served by the (region, filed_on, id) and (filed_on, id) indexes.
        deadlines = Prefetch("deadlines", queryset=Deadline.objects.only(
            "id", "case_type_id", "case_id", "rule", "step", "texts", "due", "state", "is_service_term"))
        return (_client_queryset(self.request.user).select_related(None).select_related("region")
                .only(*LIST_FIELDS).prefetch_related(deadlines))

    @extend_schema(request=QuotaApplicationIn, responses={201: QuotaApplicationOut})
    def post(self, request):
        try:  # Decision 18 (kandas.filing): the role first; the region once it is known (the service)
            filing_ensure(request.user, service=FilingService.QUOTA, provider_region=None)
        except PermissionDenied as exc:
            raise ApiPermissionDenied(str(exc)) from exc
        data = QuotaApplicationIn(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        errors = {}
        # The filer names persons of the registry it may see: another region's person reads like an unknown
        # IIN, and nothing of it is answered (Decision 18).
        applicant = filing_person_find(request.user, iin=d["applicant_iin"])
        region = Region.objects.filter(kato=d["region_kato"]).first()
        if applicant is None:
            errors["applicant_iin"] = [unknown_person_message()]
        if region is None:
            errors["region_kato"] = ["Unknown region."]
        locality = Locality.objects.filter(kato=d["locality_kato"]).first() if d.get("locality_kato") else None
        if d.get("locality_kato") and locality is None:
            errors["locality_kato"] = ["Unknown district or city."]
        members = []
        for m in d.get("members", []):
            person = filing_person_find(request.user, iin=m["iin"])
            if person is None:
                errors.setdefault("members", []).append(f"{m['iin']}: {unknown_person_message()}")
            else:
                members.append(services.MemberInput(person.pk, m["kinship"]))
        if errors:
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        try:
            app = services.application_file(
                actor=request.user, kind=d["kind"], channel=d["channel"], applicant_id=applicant.pk,
                region_id=region.pk, consent=d["consent"], members=members, address=d["address"],
                documents=[services.DocumentInput("other", x["title"], x.get("valid_until"))
                           for x in d.get("documents", [])],
                employment_category=d.get("employment_category", ""),
                job_seeker_registered_on=d.get("job_seeker_registered_on"), eds_signed=d["eds_signed"],
                locality_id=locality.pk if locality else None,
                eligibility_answers={"status_9_1": d["status_9_1"]})
        except PermissionDenied as exc:
            raise ApiPermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            return filing_error_response(request, exc)
        return Response(QuotaApplicationOut(app).data, status=status.HTTP_201_CREATED)


class ApplicationDetail(generics.RetrieveAPIView):
    serializer_class = QuotaApplicationOut

    def get_object(self):
        return scoped_get_or_404(self.request.user, _client_queryset(self.request.user), pk=self.kwargs["pk"])


class ApplicationResult(APIView):
    """The result document as PDF (decision app.4/5/9/10 or refusal-to-accept receipt app.3/8); ?lang=kk."""

    @extend_schema(parameters=[OpenApiParameter("lang", str, enum=["ru", "kk"])],
                   responses={(200, "application/pdf"): bytes})
    def get(self, request, pk: int):
        app = scoped_get_or_404(request.user, _client_queryset(request.user), pk=pk)
        form = _result_form(app)
        if form is None:
            raise Http404
        try:  # GEN-3: the result names the applicant with IIN
            print_gate(user=request.user, person=app.applicant, detail=f"API {request.path}")
        except PermissionDenied as exc:
            raise ApiPermissionDenied(str(exc)) from exc
        return pdf_response(TEMPLATES[form], application_pdf_context(app, form, request.user),
                            filename=f"{app.ref}-{form}.pdf", language=pdf_language(request))


class QuotaPlanOut(serializers.ModelSerializer):
    """QUO-10: one plan of a region or of a district / city in it; free = admitted − used (QuotaPlan.free),
    reserved = the part of free promised to recommended applications not decided yet."""
    region_kato = serializers.CharField(source="region.kato")
    region = serializers.CharField(source="region.name_ru")
    locality_kato = serializers.CharField(source="locality.kato", allow_null=True, default=None)
    locality = serializers.CharField(source="locality.name_ru", allow_null=True, default=None)
    free = serializers.IntegerField()
    reserved = serializers.IntegerField()

    class Meta:
        model = QuotaPlan
        fields = ["region_kato", "region", "locality_kato", "locality", "year", "kind", "unit", "admitted", "used",
                  "reserved", "free"]


class PlanList(generics.ListAPIView):
    """Quota plans of every designated region (aggregate numbers, no personal data)."""
    serializer_class = QuotaPlanOut
    filter_backends = [DjangoFilterBackend]
    filterset_class = PlanFilter

    def get_queryset(self):
        return QuotaPlan.objects.select_related("region", "locality").order_by("-year", "region__kato",
                                                                               "locality__kato", "kind")

    def list(self, request, *args, **kwargs):
        plans = list(self.filter_queryset(self.get_queryset()))
        reserved = plans_reserved(plans)
        for plan in plans:
            plan._reserved = reserved[plan.pk]
        page = self.paginate_queryset(plans)
        if page is not None:
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        return Response(self.get_serializer(plans, many=True).data)


class QuotaEntryOut(serializers.Serializer):
    kato = serializers.CharField(source="locality.kato")
    name_ru = serializers.CharField(source="locality.name_ru")
    name_kk = serializers.CharField(source="locality.name_kk")
    direction = serializers.CharField()
    places = serializers.IntegerField()
    jobs = serializers.CharField()


class QuotaLocalityListOut(serializers.Serializer):
    region_kato = serializers.CharField(source="region.kato")
    region = serializers.CharField(source="region.name_ru")
    year = serializers.IntegerField()
    published_on = serializers.DateField()
    localities = QuotaEntryOut(source="entries", many=True)


class PublicLocalityLists(generics.ListAPIView):
    """003 p.8: the published lists of localities for voluntary relocation (no login)."""
    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    serializer_class = QuotaLocalityListOut
    filter_backends = [DjangoFilterBackend]
    filterset_class = LocalityListFilter

    def get_queryset(self):
        return published_locality_lists()
