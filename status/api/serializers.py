"""What the migration portal, e-gov and the State Corporation send and read (STA-1, STA-2, STA-5)."""
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kandas.models import Consent, Deadline, DocumentKind, Kinship, Region, birth_date_validate

from ..models import ASSIGNMENT_CHANNEL_CHOICES, StatusApplication, SubType


class StatusPersonInSerializer(serializers.Serializer):
    iin = serializers.CharField(max_length=12, required=False, allow_blank=True)
    surname = serializers.CharField(max_length=100)
    given_name = serializers.CharField(max_length=100)
    patronymic = serializers.CharField(max_length=100, required=False, allow_blank=True)
    birth_date = serializers.DateField(required=False, allow_null=True, validators=[birth_date_validate])
    sex = serializers.ChoiceField(choices=["M", "F"], required=False, allow_blank=True)
    citizenship = serializers.CharField(max_length=100, required=False, allow_blank=True)
    country_of_exit = serializers.CharField(max_length=100, required=False, allow_blank=True)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=50, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)


class StatusMemberInSerializer(StatusPersonInSerializer):
    kinship = serializers.ChoiceField(choices=Kinship.choices)


# The documents an application for status carries (STA-1); named apart in the OpenAPI schema.
STATUS_DOCUMENT_KINDS = [(k.value, k.label) for k in (DocumentKind.AUTOBIOGRAPHY, DocumentKind.IDENTITY,
                                                     DocumentKind.NATIONALITY, DocumentKind.BIRTH, DocumentKind.OTHER)]


class StatusDocumentInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=STATUS_DOCUMENT_KINDS)
    holder_iin = serializers.CharField(max_length=12, required=False, allow_blank=True,
                                       help_text=_("Whose document; the applicant when empty."))
    number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    file = serializers.FileField(required=False, allow_null=True)


class StatusApplicationSubmitSerializer(serializers.Serializer):
    sub_type = serializers.ChoiceField(choices=SubType.choices, default=SubType.GENERAL)
    channel = serializers.ChoiceField(choices=ASSIGNMENT_CHANNEL_CHOICES)
    region = serializers.SlugRelatedField(slug_field="kato", queryset=Region.objects.all(),
                                          help_text=_("KATO code of the region where the application is filed."))
    settlement_region = serializers.SlugRelatedField(slug_field="kato", queryset=Region.objects.all(), required=False,
                                                     allow_null=True)
    external_id = serializers.CharField(max_length=64, required=False, allow_blank=True)
    applicant = StatusPersonInSerializer()
    members = StatusMemberInSerializer(many=True, required=False)
    documents = StatusDocumentInSerializer(many=True, required=False)
    consent = serializers.ChoiceField(choices=Consent.Method.choices, required=False, allow_null=True,
                                      help_text=_("How consent to personal data processing was given (GEN-3)."))
    nationality_recommendation = serializers.BooleanField(default=False)


class StatusDeadlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Deadline
        fields = ["rule", "step", "due", "state", "is_service_term"]

    step = serializers.CharField(source="step_label", read_only=True)


class StatusMissingDocumentSerializer(serializers.Serializer):
    kind = serializers.CharField()
    person = serializers.CharField(help_text=_("Whose document: the IIN as filed (the name as filed when the person "
                                               "has no IIN)."))


class StatusApplicationSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display")
    deadlines = serializers.SerializerMethodField()
    missing_documents = serializers.SerializerMethodField()
    decision_pdf = serializers.SerializerMethodField()

    class Meta:
        model = StatusApplication
        fields = ["id", "ref", "external_id", "state", "state_label", "sub_type", "channel", "filed_on",
                  "rule_version", "missing_documents", "decided_on", "refusal_grounds", "status_since", "status_until",
                  "certificate_number", "deadlines", "decision_pdf"]

    @extend_schema_field(StatusMissingDocumentSerializer(many=True))
    def get_missing_documents(self, obj) -> list[dict]:
        """Decision 18: the filer's answer names a person by the IIN it filed, never by the registry's name
        (an IIN of another region's person reads exactly like a new one)."""
        people = {obj.applicant_id: obj.applicant}
        people.update({m.person_id: m.person for m in obj.members.select_related("person")})
        rows = []
        for row in obj.missing_documents:
            person = people.get(row.get("person_id"))
            rows.append({"kind": row["kind"], "person": (person.iin or person.full_name) if person else ""})
        return StatusMissingDocumentSerializer(rows, many=True).data

    def get_deadlines(self, obj) -> list[dict]:
        return StatusDeadlineSerializer(obj.deadlines.order_by("due", "pk"), many=True).data

    def get_decision_pdf(self, obj) -> str | None:
        from django.urls import reverse

        if not obj.decided_on:
            return None
        return self.context["request"].build_absolute_uri(reverse("status_api:application_decision_pdf", args=[obj.pk]))
