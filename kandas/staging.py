"""Staged uploads: the files chosen on a form survive its validation error.

A browser forgets the chosen files when a form comes back with an error. The form keeps every file that passed
its own check (type, size, content: kandas.documents) as a StagedUpload row of the uploader and their session, shows
"file X is kept" with a way to remove it, and uses it when the corrected form is sent again. A file that failed
its check is not kept, and its field says it must be chosen again. Staged files have no URL (MEDIA_URL is not
served); they expire after STAGED_UPLOAD_HOURS and are deleted by the next form that stages a file.
"""
import datetime
import uuid

from django import forms
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import StagedUpload

STAGED_UPLOAD_HOURS = 4
TOKEN_FIELD = "staged_{}"
REMOVE_FIELD = "staged_{}_remove"


def staged_upload_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete expired staged files and their rows; the count."""
    expired = list(StagedUpload.objects.filter(expires_at__lte=now or timezone.now()))
    for row in expired:
        row.file.delete(save=False)
    StagedUpload.objects.filter(pk__in=[r.pk for r in expired]).delete()
    return len(expired)


def staged_upload_keep(*, user, session_key: str, field: str, file) -> StagedUpload:
    """Keep one chosen file server-side for its uploader's session."""
    staged_upload_purge_expired()
    row = StagedUpload(user=user, session_key=session_key, field=field, original_name=file.name[:255],
                       size=file.size or 0, content_type=(getattr(file, "content_type", "") or "")[:100],
                       expires_at=timezone.now() + datetime.timedelta(hours=STAGED_UPLOAD_HOURS))
    file.seek(0)
    row.file.save(file.name, file, save=False)
    row.save()
    return row


def staged_upload_get(*, user, session_key: str, field: str, token: str) -> StagedUpload | None:
    """The uploader's own, unexpired staged file for this field; None for anyone else's or a bad token."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    if not session_key or not getattr(user, "is_authenticated", False):
        return None
    return StagedUpload.objects.filter(token=token, user=user, session_key=session_key, field=field,
                                       expires_at__gt=timezone.now()).first()


def staged_upload_discard(rows) -> None:
    """Delete staged files once used (or removed by the user)."""
    for row in rows:
        row.file.delete(save=False)
        StagedUpload.objects.filter(pk=row.pk).delete()


class StagedUploadsMixin:
    """For a form whose FileFields must survive a validation error. The form takes `request=`; the view calls
    keep_uploads() when the form (or a formset beside it) was not accepted, and uploads_done() after success."""

    staged_fields: tuple[str, ...] = ()

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.staged: dict[str, StagedUpload] = {}  # field → the kept file this submission uses or keeps
        self.choose_again: set[str] = set()
        if not self.is_bound or request is None:
            return
        session_key = request.session.session_key or ""
        for name in self.staged_fields:
            token = self.data.get(TOKEN_FIELD.format(name))
            if not token:
                continue
            row = staged_upload_get(user=request.user, session_key=session_key, field=name, token=token)
            if row is None:
                continue
            if self.data.get(REMOVE_FIELD.format(name)) or self.files.get(name):
                staged_upload_discard([row])  # removed, or replaced by a newly chosen file
                continue
            self.staged[name] = row
            self.files = self.files.copy()
            self.files[name] = File(row.file.open("rb"), name=row.original_name)

    def full_clean(self):
        super().full_clean()
        for name in self.staged_fields:
            if name in self.errors and self.files.get(name):
                self.choose_again.add(name)
                self.add_error(name, forms.ValidationError(_("This file was not kept: choose it again."),
                                                           code="choose_again"))

    def keep_uploads(self) -> None:
        """Keep every chosen file that passed its check, for the next submission."""
        if self.request is None:
            return
        if not self.request.session.session_key:
            self.request.session.save()
        for name in self.staged_fields:
            file = self.files.get(name)
            if not file or name in self.staged or name in self.errors:
                continue
            self.staged[name] = staged_upload_keep(user=self.request.user,
                                                   session_key=self.request.session.session_key, field=name, file=file)

    def uploads_done(self) -> None:
        """The submission was accepted: its kept files are deleted once the transaction commits."""
        rows = list(self.staged.values())
        if rows:
            transaction.on_commit(lambda: staged_upload_discard(rows))
