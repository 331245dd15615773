"""Printing: a Django template rendered to PDF by WeasyPrint, in Russian or Kazakh.

Fonts are named in templates/pdf/base.html (DejaVu Sans, then Noto Sans): both cover every Kazakh
letter (Ә Ғ Қ Ң Ө Ұ Ү Һ І) and the tenge sign ₸.

The printed page is for the applicant: where a form comes from (printed in the regulation, or built by
this system from the fields the rules name) is kept in PRINTED_FORMS, listed in the README's forms
catalogue and written into the PDF's metadata (description, keywords), not onto the page.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass

import segno
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils import translation
from django.conf import settings
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PrintedForm:
    title: str
    rules: str  # the regulation and its appendix or paragraph, as the README catalogue names it
    printed_in_seed: bool  # False: the rules name the document but print no form; built from their fields

    @property
    def source(self) -> str:
        if self.printed_in_seed:
            return str(_("Form printed in the regulation: %(rules)s.") % {"rules": self.rules})
        return str(_("Built from the fields the rules name (%(rules)s): the regulation prints no approved "
                     "form.") % {"rules": self.rules})


# Every printed form, by template (README "Forms catalogue"). The kandas-status rules (order 329-Ө-М as
# amended by order 317) print only their appendix 2 (the service standard), so those forms are built.
PRINTED_FORMS = {
    "status/pdf/application.html": PrintedForm(_("Application for kandas status"), "329-Ө-М app.1", False),
    "status/pdf/registration.html": PrintedForm(_("Notice of registration of the application"), "329-Ө-М app.3", False),
    "status/pdf/decision.html": PrintedForm(_("Decision on kandas status"), "329-Ө-М app.4", False),
    "status/pdf/refusal.html": PrintedForm(_("Motivated refusal"), "329-Ө-М p.11, p.22", False),
    "status/pdf/certificate.html": PrintedForm(_("Kandas certificate"), "329-Ө-М p.12", False),
    "status/pdf/extension_application.html": PrintedForm(_("Application for extension of kandas status"),
                                                        "329-Ө-М app.6", False),
    "status/pdf/extension_decision.html": PrintedForm(_("Decision on the extension of kandas status"),
                                                     "329-Ө-М app.4", False),
    "quota/pdf/app1_application.html": PrintedForm(_("Application for inclusion in the regional quota (kandas)"),
                                                   "20 app.1", True),
    "quota/pdf/app6_application.html": PrintedForm(_("Application for inclusion in the regional quota (settlers)"),
                                                   "20 app.6", True),
    "quota/pdf/refusal_to_accept.html": PrintedForm(_("Receipt of refusal to accept documents"), "20 app.3, app.8",
                                                    True),
    "quota/pdf/app7_acceptance.html": PrintedForm(_("Receipt of acceptance of documents"), "20 app.7", True),
    "quota/pdf/acceptance_receipt.html": PrintedForm(_("Receipt of acceptance of documents"), "20 p.6", False),
    "quota/pdf/decision_inclusion.html": PrintedForm(_("Decision on inclusion in the regional quota"),
                                                     "20 app.4, app.9", True),
    "quota/pdf/decision_refusal.html": PrintedForm(_("Decision to refuse inclusion in the regional quota"),
                                                   "20 app.5, app.10", True),
    "adaptation/pdf/referral.html": PrintedForm(_("Referral to the Centre for adaptation and integration"),
                                                "000 app.1, form 1", True),
    "adaptation/pdf/application.html": PrintedForm(_("Application for residence in the Centre"), "000 app.1, form 2",
                                                   True),
    "adaptation/pdf/journal.html": PrintedForm(_("Journal of applications for residence"), "000 app.1, form 3", True),
    "adaptation/pdf/decision.html": PrintedForm(_("Decision on early termination of residence"), "000 app.1, p.13-16",
                                                False),
}


def public_url(path: str) -> str:
    """An address the applicant can open: the configured public address (PUBLIC_BASE_URL), never the host
    of the request that printed the page."""
    return getattr(settings, "PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def qr_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=3)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def signature_print_context(signature) -> dict:
    """What every printed decision shows about its signature: signer, date, digest, QR to verification."""
    if signature is None:
        return {"signature": None}
    url = public_url(reverse("kandas:signature_verify", args=[signature.token]))
    return {"signature": signature, "verify_url": url, "verify_qr": qr_data_uri(url)}


def pdf_render(template: str, context: dict, *, language: str = "ru", base_url: str | None = None) -> bytes:
    from weasyprint import HTML

    with translation.override(language):
        form = PRINTED_FORMS.get(template)
        meta = {"pdf_title": str(form.title), "pdf_source": form.source,
                "pdf_keywords": f"{form.rules}, {'form-source:seed' if form.printed_in_seed else 'form-source:built'}"
                } if form else {}
        html = render_to_string(template, {**meta, **context, "LANGUAGE_CODE": language})
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
