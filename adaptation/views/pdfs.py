"""Printouts of the residence slice (ru/kk): referral (app.1), application (app.2), journal (app.3),
the MIO's early-termination decision."""
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from kandas.filer_view import FilerView
from kandas.models import PersonalDataAccess, Staff
from kandas.pdf import pdf_language, pdf_response, signature_print_context
from kandas.printing import print_gate
from kandas.services import personal_data_access_log_many

from ..selectors.residence import application_get, centre_get, journal_rows
from ..services.stay import referral_issuer
from .residence import _period

# The printouts name persons with their dates of birth: every one passes kandas.printing.print_gate
# (analysts see aggregates only; each print is in the personal-data access log, GEN-3).


def _mio_head(application):
    staff = Staff.objects.filter(organisation=application.organisation, is_head=True).select_related("user").first()
    return staff.user if staff else None


def referral_print(application, signature, user=None) -> tuple[str, dict]:
    """RES-3, form app.1: the template and context of the signed referral. With `user`, the persons as that
    user may see them (Decision 18, kandas.filer_view); without, as issued to the applicant (the public
    tracking page's result, kandas.tracking_public)."""
    view = FilerView(user, application) if user is not None else None
    members = application.persons.exclude(kinship="applicant").select_related("person")
    return "adaptation/pdf/referral.html", {
        "application": view.case() if view else application, "members": view.rows(members) if view else list(members),
        "issuer": application.referral_issued_by or signature.organisation or application.organisation,
        **signature_print_context(signature)}


@login_required
def referral_pdf(request, pk: int):
    """RES-3, form app.1: the head printed on it is the head who signed it (the signer), of the MIO that
    issued it."""
    application = application_get(user=request.user, pk=pk)
    signature = application.signatures.filter(purpose="referral").select_related("signer", "organisation").first()
    if signature is None:
        raise Http404
    print_gate(user=request.user, person=application.applicant, detail=f"{application.ref} app.1 {request.path}")
    template, context = referral_print(application, signature, request.user)
    return pdf_response(template, context, filename=f"referral-{application.ref}.pdf", language=pdf_language(request))


@login_required
def application_pdf(request, pk: int):
    """RES-2, form app.2."""
    application = application_get(user=request.user, pk=pk)
    print_gate(user=request.user, person=application.applicant, detail=f"{application.ref} app.2 {request.path}")
    view = FilerView(request.user, application)  # Decision 18 (kandas.filer_view)
    return pdf_response("adaptation/pdf/application.html", {
        "application": view.case(), "head": _mio_head(application),
        "members": view.rows(application.persons.exclude(kinship="applicant").select_related("person"))},
        filename=f"application-{application.ref}.pdf", language=pdf_language(request))


def decision_print(application, proposal, signature) -> tuple[str, dict]:
    """RES-9: the template and context of the MIO's signed decision on an early-termination proposal."""
    return "adaptation/pdf/decision.html", {
        "application": application, "proposal": proposal, "residents": application.persons.select_related("person"),
        "issuer": signature.organisation or referral_issuer(application), **signature_print_context(signature)}


@login_required
def decision_pdf(request, pk: int, proposal: int):
    """RES-9: the MIO's documented (signed) decision on early termination."""
    application = application_get(user=request.user, pk=pk)
    item = get_object_or_404(application.termination_proposals.select_related("member__person", "decided_by"),
                             pk=proposal)
    signature = application.signatures.filter(purpose=item.purpose).select_related("signer", "organisation").first()
    if signature is None:
        raise Http404
    print_gate(user=request.user, person=application.applicant,
               detail=f"{application.ref} decision {item.pk} {request.path}")
    template, context = decision_print(application, item, signature)
    return pdf_response(template, context, filename=f"decision-{application.ref}-{item.pk}.pdf",
                        language=pdf_language(request))


@login_required
def journal_pdf(request, centre: int):
    """RES-4, form app.3: the journal for any period, "started"/"finished" filled."""
    centre_obj = centre_get(user=request.user, pk=centre)
    print_gate(user=request.user, person=None, detail="")
    _form, first, last = _period(request)
    rows = list(journal_rows(centre=centre_obj, first=first, last=last))
    personal_data_access_log_many(user=request.user, persons=[a.applicant for a in rows],
                                  action=PersonalDataAccess.Action.PRINT, detail=f"app.3 {request.path}")
    return pdf_response("adaptation/pdf/journal.html", {
        "centre": centre_obj, "rows": rows, "first": first, "last": last,
        "started": rows[0].filed_on if rows else first, "finished": rows[-1].filed_on if rows else last},
        filename=f"journal-{centre_obj.pk}-{first:%Y%m%d}-{last:%Y%m%d}.pdf", language=pdf_language(request))
