"""The individual adaptation and integration plan (ADA-14, ADA-15) and its execution with evidence (ADA-16).

One plan per application, items per family member and service of app.1; each item keeps the term row it
was counted with (Decisions 10: a later row of the table does not move an existing plan)."""
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kandas.models import Person, TermRow

from .support import SupportApplication


class PlanState(models.TextChoices):
    DRAFT = "draft", _("draft")
    AGREED = "agreed", _("agreed with the kandas")
    APPROVED = "approved", _("approved by the settlement LMC")
    LOADED = "loaded", _("loaded into the information system")


class AdaptationPlan(models.Model):
    application = models.OneToOneField(SupportApplication, on_delete=models.CASCADE, related_name="plan",
                                       verbose_name=_("application for adaptation services"))
    included_on = models.DateField(_("included in the regional quota on"))
    support_until = models.DateField(_("adaptation support until"))
    state = models.CharField(_("state"), max_length=10, choices=PlanState.choices, default=PlanState.DRAFT)
    agreed_on = models.DateField(_("agreed with the kandas on"), null=True, blank=True)
    approved_on = models.DateField(_("approved by the LMC on"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("approved by"))
    loaded_on = models.DateField(_("loaded on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("adaptation and integration plan")
        verbose_name_plural = _("adaptation and integration plans")

    def __str__(self):
        return f"{self.application.ref}"


class PlanItem(models.Model):
    plan = models.ForeignKey(AdaptationPlan, on_delete=models.CASCADE, related_name="items")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("family member"))
    service = models.PositiveSmallIntegerField(_("service (app.1 number)"))
    term_row = models.ForeignKey(TermRow, on_delete=models.PROTECT, related_name="+", verbose_name=_("term row"))
    term_length = models.PositiveIntegerField(_("term"))
    term_unit = models.CharField(_("unit"), max_length=10)
    due = models.DateField(_("due"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("completed by"))
    documents = models.TextField(_("confirming documents"), blank=True)
    note = models.TextField(_("what was done"), blank=True)

    class Meta:
        ordering = ["person_id", "service"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        constraints = [models.UniqueConstraint(fields=["plan", "person", "service"], name="plan_item_once")]
        indexes = [models.Index(fields=["plan", "completed_on"]), models.Index(fields=["completed_on"]),
                   models.Index(fields=["due", "id"], name="plan_item_due_id")]  # the inbox walks items by due date

    @property
    def catalogue(self):
        from ..plan_catalogue import BY_NUMBER

        return BY_NUMBER[self.service]


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("photo")
    VIDEO = "video", _("video")
    DOCUMENT = "document", _("confirming document")


class Evidence(models.Model):
    """A photo, video or document of a completed measure with where and when it was taken (ADA-16)."""

    item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    file = models.FileField(_("file"), upload_to="adaptation/evidence/%Y/%m/")
    filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    accuracy_m = models.FloatField(_("accuracy, m"))
    taken_at = models.DateTimeField(_("position taken at"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    @property
    def coordinate_link(self) -> str:
        return f"geo:{self.latitude},{self.longitude}"


class EvidenceUpload(models.Model):
    """A chunked upload in progress: the bytes received so far are kept, so a dropped connection resumes
    from `received` (ADA-16: no lost evidence on a slow line)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=EvidenceKind.choices)
    filename = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    received = models.PositiveBigIntegerField(default=0)
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    accuracy_m = models.FloatField()
    taken_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    evidence = models.OneToOneField(Evidence, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
