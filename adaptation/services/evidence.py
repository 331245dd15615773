"""Execution of plan items with evidence from the field (ADA-16, p.35–37): photo/video and confirming
documents with the position (latitude, longitude, accuracy, time), uploaded in chunks that resume after a
dropped connection; an item is completed with its date, who did it and at least one positioned evidence."""
from __future__ import annotations

import datetime
import hashlib
import os
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from kandas.deadlines import deadline_close
from kandas.transitions import case_event_log

from ..models import Evidence, EvidenceKind, EvidenceUpload, PlanItem, PlanState
from .plans import _require_cc

MAX_SIZE = 300 * 1024 * 1024
ALLOWED = {EvidenceKind.PHOTO: (".jpg", ".jpeg", ".png", ".heic", ".heif", ".webp"),
           EvidenceKind.VIDEO: (".mp4", ".mov", ".webm", ".3gp", ".m4v"),
           EvidenceKind.DOCUMENT: (".pdf", ".jpg", ".jpeg", ".png")}


def _part_path(upload: EvidenceUpload) -> str:
    folder = os.path.join(settings.MEDIA_ROOT, "adaptation", "uploads")
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, f"{upload.pk}.part")


def position_parse(*, latitude, longitude, accuracy, taken_at) -> tuple[Decimal, Decimal, float, datetime.datetime]:
    """The position the browser gave, or a clear refusal (ADA-16: evidence carries its geolocation)."""
    if latitude in (None, "") or longitude in (None, ""):
        raise ValidationError(_("The evidence has no position. Allow the browser to use your location (or turn "
                                "on the phone's location) and take the photo again: evidence without geolocation "
                                "is not accepted (ADA-16)."))
    try:
        lat, lon = Decimal(str(latitude)).quantize(Decimal("0.000001")), Decimal(str(longitude)).quantize(Decimal("0.000001"))
        acc = float(accuracy) if accuracy not in (None, "") else None
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError(_("The position is not a number: latitude, longitude and accuracy are numbers."))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValidationError(_("The position is outside the globe: latitude −90…90, longitude −180…180."))
    if acc is None or acc < 0:
        raise ValidationError(_("The position has no accuracy: take the position again."))
    when = parse_datetime(str(taken_at)) if taken_at else None
    if when is None:
        raise ValidationError(_("The position has no time: take the position again."))
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return lat, lon, acc, when


def _item_for(actor, item_id: int, *, lock=False) -> PlanItem:
    qs = PlanItem.objects.select_related("plan__application", "plan__application__applicant", "person")
    item = (qs.select_for_update(of=("self",)) if lock else qs).get(pk=item_id)
    _require_cc(actor, item.plan.application)
    if item.plan.state != PlanState.LOADED:
        raise ValidationError(_("The plan is not loaded yet: items are completed once it is approved and loaded."))
    return item


@transaction.atomic
def upload_start(*, actor, item_id: int, kind: str, filename: str, size, latitude, longitude, accuracy,
                 taken_at) -> EvidenceUpload:
    item = _item_for(actor, item_id)
    if kind not in EvidenceKind.values:
        raise ValidationError(_("Choose photo, video or document."))
    name = os.path.basename(filename or "").strip()[:200]
    if not name.lower().endswith(ALLOWED[kind]):
        raise ValidationError(_("A %(kind)s is one of: %(ext)s.") % {"kind": EvidenceKind(kind).label,
                                                                     "ext": ", ".join(ALLOWED[kind])})
    try:
        size = int(size)
    except (TypeError, ValueError):
        raise ValidationError(_("The file size is missing."))
    if not 0 < size <= MAX_SIZE:
        raise ValidationError(_("The file is empty or larger than 300 MB."))
    lat, lon, acc, when = position_parse(latitude=latitude, longitude=longitude, accuracy=accuracy, taken_at=taken_at)
    return EvidenceUpload.objects.create(item=item, kind=kind, filename=name, size=size, latitude=lat, longitude=lon,
                                         accuracy_m=acc, taken_at=when, uploaded_by=actor)


class OffsetMismatch(ValidationError):
    def __init__(self, received: int):
        super().__init__(_("The server has %(n)d bytes of this file: send from there.") % {"n": received})
        self.received = received


@transaction.atomic
def upload_chunk(*, actor, upload_id, offset: int, data: bytes) -> EvidenceUpload:
    """Append one chunk at `offset`; a chunk for another offset (a retry after a drop) is refused with the
    offset the server holds, so the client resumes from there and nothing is written twice or lost."""
    upload = EvidenceUpload.objects.select_for_update().get(pk=upload_id)
    if upload.uploaded_by_id != actor.pk:
        raise ValidationError(_("This upload was started by someone else."))
    if upload.evidence_id:
        return upload
    if offset != upload.received:
        raise OffsetMismatch(upload.received)
    if not data or upload.received + len(data) > upload.size:
        raise ValidationError(_("The chunk is empty or goes beyond the file's size."))
    path = _part_path(upload)
    with open(path, "r+b" if os.path.exists(path) else "wb") as fh:
        fh.seek(offset)
        fh.write(data)
        fh.truncate()
    upload.received += len(data)
    upload.save(update_fields=["received"])
    if upload.received == upload.size:
        _finish(upload, path)
    return upload


def _finish(upload: EvidenceUpload, path: str) -> None:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
        fh.seek(0)
        evidence = Evidence(item=upload.item, kind=upload.kind, filename=upload.filename, size=upload.size,
                            sha256=digest.hexdigest(), latitude=upload.latitude, longitude=upload.longitude,
                            accuracy_m=upload.accuracy_m, taken_at=upload.taken_at, uploaded_by=upload.uploaded_by)
        evidence.file.save(upload.filename, File(fh), save=False)
        evidence.save()
    os.remove(path)
    upload.evidence = evidence
    upload.save(update_fields=["evidence"])


@transaction.atomic
def item_complete(*, actor, item_id: int, completed_on: datetime.date, documents: str = "", note: str = "") -> PlanItem:
    """ADA-16: the date, who, the confirming documents; at least one photo or video with its position."""
    item = _item_for(actor, item_id, lock=True)
    if item.completed_on:
        raise ValidationError(_("The item is already completed on %(day)s.") % {"day": item.completed_on.strftime("%d.%m.%Y")})
    if completed_on is None:
        raise ValidationError(_("Enter the date the service was provided."))
    if completed_on > timezone.localdate():
        raise ValidationError(_("The completion date cannot be in the future."))
    if completed_on < item.plan.included_on:
        raise ValidationError(_("The completion date is before the quota inclusion date."))
    if not item.evidence.filter(kind__in=(EvidenceKind.PHOTO, EvidenceKind.VIDEO)).exists():
        raise ValidationError(_("Attach a photo or video of the work done, with its position, before completing "
                                "the item (ADA-16)."))
    item.completed_on, item.completed_by, item.documents, item.note = completed_on, actor, documents, note
    item.save(update_fields=["completed_on", "completed_by", "documents", "note"])
    app = item.plan.application
    deadline_close(case=app, step="plan_item", subject=f"item:{item.pk}", on=completed_on)
    case_event_log(case=app, event="plan_item_done", actor=actor,
                   comment=f"{item.service}. {item.person.full_name} {completed_on:%d.%m.%Y}")
    return item
