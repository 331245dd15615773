"""Printing: a Django template rendered to PDF by WeasyPrint, in Russian or Kazakh.

Fonts are named in templates/pdf/base.html (DejaVu Sans, then Noto Sans): both cover every Kazakh
letter (Ә Ғ Қ Ң Ө Ұ Ү Һ І) and the tenge sign ₸.
"""
from __future__ import annotations

import base64

import segno
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils import translation
from django.conf import settings


def qr_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=3)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def signature_print_context(signature) -> dict:
    """What every printed decision shows about its signature: signer, date, digest, QR to verification."""
    if signature is None:
        return {"signature": None}
    url = settings.PUBLIC_BASE_URL.rstrip("/") + reverse("kandas:signature_verify", args=[signature.token])
    return {"signature": signature, "verify_url": url, "verify_qr": qr_data_uri(url)}


def pdf_render(template: str, context: dict, *, language: str = "ru", base_url: str | None = None) -> bytes:
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(template, {**context, "LANGUAGE_CODE": language})
    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf()


def pdf_response(template: str, context: dict, *, filename: str, language: str = "ru") -> HttpResponse:
    """A normal GET answer: the PDF inline (the browser shows it; saving keeps `filename`, which may be
    Cyrillic: it is sent RFC 6266-encoded)."""
    response = HttpResponse(pdf_render(template, context, language=language), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


def pdf_language(request) -> str:
    lang = request.GET.get("lang") or translation.get_language() or "ru"
    return "kk" if lang.startswith("kk") else "ru"
