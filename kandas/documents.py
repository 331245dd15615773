"""Upload limits of person documents: which file types each kind accepts and how large they may be.

The table is `kandas.models.documents.DOCUMENT_LIMITS` (kind → {extension: max bytes}). A file must have an
allowed extension, fit its size limit, and start like the type it claims (a renamed .exe is not a PDF).
"""
import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import DOCUMENT_LIMITS, DocumentKind

MB = 1024 * 1024

# Leading bytes of each accepted type. MP4 carries "ftyp" at offset 4.
_SIGNATURES = {
    ".pdf": (0, (b"%PDF",)),
    ".jpg": (0, (b"\xff\xd8\xff",)),
    ".jpeg": (0, (b"\xff\xd8\xff",)),
    ".png": (0, (b"\x89PNG\r\n\x1a\n",)),
    ".mp4": (4, (b"ftyp",)),
    ".webm": (0, (b"\x1a\x45\xdf\xa3",)),
}


def size_label(size: int) -> str:
    return _("%(size)s MB") % {"size": f"{size / MB:.1f}".rstrip("0").rstrip(".")}


def document_limits_text(kind: str) -> str:
    """'.pdf, .jpg, .jpeg, .png up to 10 MB' — shown next to the upload field and in errors."""
    limits = DOCUMENT_LIMITS[kind]
    by_size: dict[int, list[str]] = {}
    for ext, size in limits.items():
        by_size.setdefault(size, []).append(ext)
    return "; ".join(_("%(types)s up to %(size)s") % {"types": ", ".join(exts), "size": size_label(size)}
                     for size, exts in by_size.items())


def document_check(*, kind: str, file) -> str:
    """Validate an uploaded file for `kind`; return its extension or raise ValidationError naming the limit."""
    if kind not in DOCUMENT_LIMITS:
        raise ValidationError(_("Unknown document kind."), code="kind")
    label = DocumentKind(kind).label
    limits = DOCUMENT_LIMITS[kind]
    ext = os.path.splitext(file.name or "")[1].lower()
    if ext not in limits:
        raise ValidationError(
            _("A file of type “%(ext)s” is not accepted for “%(kind)s”. Accepted: %(limits)s.")
            % {"ext": ext or _("no extension"), "kind": label, "limits": document_limits_text(kind)},
            code="type")
    if file.size > limits[ext]:
        raise ValidationError(
            _("The file is %(size)s; the limit for “%(kind)s” (%(ext)s) is %(limit)s.")
            % {"size": size_label(file.size), "kind": label, "ext": ext, "limit": size_label(limits[ext])},
            code="size")
    offset, prefixes = _SIGNATURES.get(ext, (0, ()))
    if prefixes:
        file.seek(0)
        head = file.read(offset + 16)
        file.seek(0)
        if not any(head[offset:offset + len(p)] == p for p in prefixes):
            raise ValidationError(
                _("The file does not look like a %(ext)s file: its content is of another type.") % {"ext": ext},
                code="type")
    return ext
