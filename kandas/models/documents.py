import os

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .organisations import Organisation
from .persons import Family, Person

MB = 1024 * 1024


class DocumentKind(models.TextChoices):
    IDENTITY = "identity", _("identity document")
    MARRIAGE = "marriage", _("marriage or divorce certificate")
    BIRTH = "birth", _("birth certificate")
    EDUCATION = "education", _("education document")
    POLICE_TALON = "police_talon", _("police talon (residence permit application)")
    AUTOBIOGRAPHY = "autobiography", _("autobiography")
    NATIONALITY = "nationality", _("proof of Kazakh nationality")
    EMPLOYMENT = "employment", _("proof of employment")
    JOB_SEEKER = "job_seeker", _("job seeker / unemployed registration")
    PHOTO = "photo", _("photo")
    VIDEO = "video", _("video")
    OTHER = "other", _("other")


# Extension → size limit per kind. Scans are PDF or images; video only for the video kind.
_SCAN = {".pdf": 10 * MB, ".jpg": 10 * MB, ".jpeg": 10 * MB, ".png": 10 * MB}
DOCUMENT_LIMITS = {kind: _SCAN for kind in DocumentKind.values}
DOCUMENT_LIMITS[DocumentKind.PHOTO] = {".jpg": 5 * MB, ".jpeg": 5 * MB, ".png": 5 * MB}
DOCUMENT_LIMITS[DocumentKind.VIDEO] = {".mp4": 100 * MB, ".webm": 100 * MB}


def document_upload_to(instance, filename):
    return f"documents/{instance.person_id or 'family'}/{instance.kind}/{filename}"


class Document(models.Model):
    """A typed attachment of a person (optionally tied to a family or a case)."""

    scope_region_fields = ("person__region",)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents", verbose_name=_("person"))
    family = models.ForeignKey(Family, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents")
    case_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    case_id = models.PositiveBigIntegerField(null=True, blank=True)
    case = GenericForeignKey("case_type", "case_id")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=document_upload_to, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size, bytes"), default=0)
    number = models.CharField(_("document number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["case_type", "case_id"])]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.person}"

    @property
    def extension(self) -> str:
        return os.path.splitext(self.original_name or self.file.name or "")[1].lower()


class Consent(models.Model):
    """GEN-3: consent to the collection and processing of personal data."""

    class Method(models.TextChoices):
        PAPER = "paper", _("signed on paper")
        OTP = "otp", _("one-time password")
        EDS = "eds", _("electronic digital signature")

    scope_region_fields = ("person__region",)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents", verbose_name=_("person"))
    method = models.CharField(_("how given"), max_length=10, choices=Method.choices, default=Method.PAPER)
    purpose = models.CharField(_("purpose"), max_length=255, default="", blank=True)
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("taken by"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent to personal data processing")
        verbose_name_plural = _("consents to personal data processing")


class PersonalDataAccess(models.Model):
    """GEN-3: who looked at whose personal data, when and what."""

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        PRINT = "print", _("printed")
        EXPORT = "export", _("exported")
        API = "api", _("read through the API")
        DOCUMENT = "document", _("opened a document")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access_log")
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.VIEW)
    detail = models.CharField(max_length=255, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data access log")


class StateRecord(models.Model):
    """GEN-2: the local registry that stands in for state information systems in development and tests.

    kandas.gateway.LocalRegistryGateway reads these rows; the real e-government adapter replaces it.
    """

    class Kind(models.TextChoices):
        IDENTITY = "identity", _("persons database (ГБД ФЛ)")
        CIVIL_ACT = "civil_act", _("civil registry act (ЗАГС)")
        FAMILY = "family", _("Digital family map")
        REGISTRATION = "registration", _("permanent registration and housing")
        GUARDIANSHIP = "guardianship", _("guardianship (Е-Попечительство)")
        ADOPTION = "adoption", _("adoption (Supreme Court)")

    iin = models.CharField(max_length=12, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    payload = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("state system record")
        verbose_name_plural = _("state system records (local registry)")
        indexes = [models.Index(fields=["iin", "kind"])]


class ExportLog(models.Model):
    """GEN-3: every export of a list — who, which list, the filter it kept, the format and the rows."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    list_name = models.CharField(_("list"), max_length=60)
    query_string = models.CharField(_("filter"), max_length=1000, blank=True)
    fmt = models.CharField(_("format"), max_length=5)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    personal_data = models.BooleanField(_("with personal data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("list export")
        verbose_name_plural = _("list exports")

    def __str__(self):
        return f"{self.list_name} {self.fmt} {self.rows}"
