"""Printouts of the residence slice (ru/kk): referral (app.1), application (app.2), journal (app.3),
the MIO's early-termination decision."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kandas.models import PersonalDataAccess, Staff
from kandas.pdf import pdf_language, pdf_response, signature_print_context
from kandas.roles import user_may_see_personal_data

from ..selectors.residence import application_get, centre_get, journal_rows
from .residence import _period


def _personal_data_required(user):
    """The printouts name persons with their dates of birth: analysts see aggregates only."""
    if not user_may_see_personal_data(user):
        raise PermissionDenied(_("Your role does not give access to personal data."))


def _log_print(request, application):
    PersonalDataAccess.objects.create(user=request.user, person=application.applicant,
                                      action=PersonalDataAccess.Action.PRINT, detail=request.path)


def _mio_head(application):
    staff = Staff.objects.filter(organisation=application.organisation, is_head=True).select_related("user").first()
    return staff.user if staff else None


@login_required
def referral_pdf(request, pk: int):
    """RES-3, form app.1."""
    application = application_get(user=request.user, pk=pk)
    _personal_data_required(request.user)
    signature = application.signatures.filter(purpose="referral").select_related("signer", "organisation").first()
    if signature is None:
        raise Http404
    _log_print(request, application)
    members = application.persons.exclude(kinship="applicant").select_related("person")
    return pdf_response("adaptation/pdf/referral.html", {
        "application": application, "members": members, "head": _mio_head(application),
        **signature_print_context(signature)}, filename=f"referral-{application.ref}.pdf",
        language=pdf_language(request))


@login_required
def application_pdf(request, pk: int):
    """RES-2, form app.2."""
    application = application_get(user=request.user, pk=pk)
    _personal_data_required(request.user)
    _log_print(request, application)
    return pdf_response("adaptation/pdf/application.html", {
        "application": application, "head": _mio_head(application),
        "members": application.persons.exclude(kinship="applicant").select_related("person")},
        filename=f"application-{application.ref}.pdf", language=pdf_language(request))


@login_required
def decision_pdf(request, pk: int, proposal: int):
    """RES-9: the MIO's documented (signed) decision on early termination."""
    application = application_get(user=request.user, pk=pk)
    _personal_data_required(request.user)
    item = get_object_or_404(application.termination_proposals.select_related("member__person", "decided_by"),
                             pk=proposal)
    signature = application.signatures.filter(purpose=item.purpose).select_related("signer", "organisation").first()
    if signature is None:
        raise Http404
    _log_print(request, application)
    residents = application.persons.select_related("person")
    return pdf_response("adaptation/pdf/decision.html", {
        "application": application, "proposal": item, "residents": residents,
        **signature_print_context(signature)}, filename=f"decision-{application.ref}-{item.pk}.pdf",
        language=pdf_language(request))


@login_required
def journal_pdf(request, centre: int):
    """RES-4, form app.3: the journal for any period, "started"/"finished" filled."""
    centre_obj = centre_get(user=request.user, pk=centre)
    _personal_data_required(request.user)
    _form, first, last = _period(request)
    rows = list(journal_rows(centre=centre_obj, first=first, last=last))
    return pdf_response("adaptation/pdf/journal.html", {
        "centre": centre_obj, "rows": rows, "first": first, "last": last,
        "started": rows[0].filed_on if rows else first, "finished": rows[-1].filed_on if rows else last},
        filename=f"journal-{centre_obj.pk}-{first:%Y%m%d}-{last:%Y%m%d}.pdf", language=pdf_language(request))
