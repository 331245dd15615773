"""The applicant's own view of a case (issue 15): an unguessable token per case, printed on every receipt
and notice as a QR code and a short link to a public page (/t/<token>/). A caseworker may revoke it and
issue a new one; the old rows are kept (history), and every view of a valid token leaves an access row."""
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseTracking(models.Model):
    case_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    case_id = models.PositiveBigIntegerField()
    case = GenericForeignKey("case_type", "case_id")
    # secrets.token_urlsafe(24): 192 random bits. Kept readable (unique index) because every reprint of a
    # receipt prints the same link; it gives access to nothing but the case's public summary.
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("issued by"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("revoked by"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("tracking link")
        verbose_name_plural = _("tracking links")
        indexes = [models.Index(fields=["case_type", "case_id"], name="tracking_case_idx")]

    def __str__(self):
        return f"{self.case_type_id}:{self.case_id} {'revoked' if self.revoked_at else 'active'}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class TrackingAccess(models.Model):
    """One row per view of a valid token (page, JSON or result PDF): no personal data of the viewer."""

    tracking = models.ForeignKey(CaseTracking, on_delete=models.CASCADE, related_name="accesses")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    what = models.CharField(max_length=10, default="page")  # page | json | pdf

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("tracking link view")
        verbose_name_plural = _("tracking link views")
