"""Printouts in Russian or Kazakh (?lang=kk). The status forms (app.1, 3, 4, 6) and the certificate are
not printed in the seeds: each is built from the fields the rules name and says so."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from kandas.deadlines import case_deadlines
from kandas.filer_view import FilerView
from kandas.models import Signature
from kandas.pdf import pdf_language, pdf_render, pdf_response, signature_print_context
from kandas.printing import print_gate

from ..models import ApplicationState, StatusApplication
from ..selectors import case_documents
from .cases import LOADERS

# document → (template, purpose of the signature it needs or None, states it exists in or None)
APPLICATION_PDFS = {
    "application": ("status/pdf/application.html", None, None),
    "registration": ("status/pdf/registration.html", None, None),
    "decision": ("status/pdf/decision.html", "decision", None),
    "refusal": ("status/pdf/refusal.html", "refusal", None),
    "certificate": ("status/pdf/certificate.html", "decision",
                    (ApplicationState.ASSIGNED, ApplicationState.AWAITING_ARRIVAL, ApplicationState.EXPIRED)),
}
EXTENSION_PDFS = {
    "application": ("status/pdf/extension_application.html", None, None),
    "decision": ("status/pdf/extension_decision.html", "extension_decision", None),
    "refusal": ("status/pdf/refusal.html", "refusal", None),
}


class NotPrintable(Exception):
    pass


def case_pdf_context(case, document: str, user=None) -> tuple[str, dict]:
    """The template and context of a printout; with `user`, the persons as that user may see them (a filer
    of another region's person reads the IIN as filed, Decision 18: kandas.filer_view)."""
    table = APPLICATION_PDFS if isinstance(case, StatusApplication) else EXTENSION_PDFS
    if document not in table:
        raise Http404
    template, purpose, states = table[document]
    signature = None
    if purpose:
        signature = Signature.objects.filter(case_type=ContentType.objects.get_for_model(case), case_id=case.pk,
                                             purpose=purpose).select_related("signer", "organisation").last()
        if signature is None:
            raise NotPrintable(_("This document does not exist yet: the decision has not been signed."))
    if states and case.state not in states:
        raise NotPrintable(_("This document does not exist yet: the decision has not been signed."))
    view = FilerView(user, case) if user is not None else None
    documents = list(case_documents(case))
    ctx = {"case": view.case() if view else case, "documents": view.documents(documents) if view else documents,
           "printed_on": timezone.localdate(),
           "term": case_deadlines(case).filter(is_service_term=True).first(),
           **signature_print_context(signature)}
    if isinstance(case, StatusApplication):
        members = list(case.members.select_related("person"))
        ctx["members"] = view.rows(members) if view else members
    else:
        ctx["assignment"] = view.case(case.application) if view else case.application
    return template, ctx


def case_pdf_bytes(case, document: str, language: str, user=None) -> bytes:
    template, ctx = case_pdf_context(case, document, user)
    return pdf_render(template, ctx, language=language)


@login_required
def case_pdf(request, kind: str, pk: int, document: str):
    case = LOADERS[kind](user=request.user, pk=pk)
    try:
        template, ctx = case_pdf_context(case, document, request.user)
    except NotPrintable as exc:
        messages.error(request, str(exc))
        return redirect(case.get_absolute_url())
    print_gate(user=request.user, person=case.applicant, detail=f"{case.ref} {document}")  # GEN-3
    language = pdf_language(request)
    return pdf_response(template, ctx, filename=f"{case.ref}-{document}-{language}.pdf", language=language)

