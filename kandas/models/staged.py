"""A file chosen on a form that had an error, kept on the server until the corrected form is sent again.

It belongs to its uploader and their session only, expires, and has no URL: MEDIA_URL is not served."""
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def staged_upload_to(instance, filename):
    # The stored name carries no personal data: the chosen name is kept in the row.
    return f"staged/{instance.token}"


class StagedUpload(models.Model):
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40)
    field = models.CharField(_("field"), max_length=50)
    file = models.FileField(upload_to=staged_upload_to)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("file kept from a form")

    def __str__(self):
        return f"{self.original_name} ({self.field})"
