"""Person documents: upload within type and size limits, download only for those who may see personal data."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..forms import DocumentForm
from ..models import Document, PersonalDataAccess
from ..scoping import scope_for
from ..selectors import person_consent_active
from .registry import _person_for, personal_data_required


@login_required
def document_upload(request, pk: int):
    """Oversized or wrong-type files get an error naming the limit; nothing is saved. Needs consent (GEN-3)."""
    personal_data_required(request.user)
    person = _person_for(request.user, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if person_consent_active(person=person) is None:
            form.add_error(None, _("Record the person's consent to personal data processing first (GEN-3)."))
        else:
            data = form.cleaned_data
            services.document_upload(actor=request.user, person_id=person.pk, kind=data["kind"], file=data["file"],
                                     number=data["number"], issued_on=data["issued_on"],
                                     valid_until=data["valid_until"], note=data["note"])
            messages.success(request, _("Document uploaded."))
            return redirect(person)
    return render(request, "kandas/document_form.html", {"form": form, "person": person},
                  status=400 if request.method == "POST" else 200)


def _document_for(user, pk: int) -> Document:
    """A document the user may open: its person is in the user's scope, or the case it was filed with is
    (a case page lists the documents of every person named in it). Anything else looks like nothing."""
    document = Document.objects.select_related("person", "case_type").filter(pk=pk).first()
    if document is None:
        raise Http404
    if scope_for(user, Document.objects.filter(pk=pk)).exists():
        return document
    case_model = document.case_type.model_class() if document.case_type_id else None
    if (case_model is not None and getattr(case_model, "scope_region_fields", None)
            and scope_for(user, case_model._default_manager.filter(pk=document.case_id)).exists()):
        return document
    raise Http404


@login_required
def document_download(request, pk: int):
    """GEN-3: only those who may see personal data open a document, and each opening is logged."""
    personal_data_required(request.user)
    document = _document_for(request.user, pk)
    if not document.file:
        raise Http404
    services.personal_data_access_log(user=request.user, person=document.person,
                                      action=PersonalDataAccess.Action.DOCUMENT,
                                      detail=f"{document.get_kind_display()}: {document.original_name}")
    return FileResponse(document.file.open("rb"), as_attachment=True,
                        filename=document.original_name or document.file.name.rsplit("/", 1)[-1])
