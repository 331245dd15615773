"""PDF printouts of the appendices of order 20 in Russian or Kazakh (?lang=kk)."""
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils import timezone

from kandas.models import Signature
from kandas.filer_view import FilerView
from kandas.pdf import pdf_language, pdf_response, signature_print_context
from kandas.printing import print_gate
from kandas.scoping import scoped_get_or_404

from ..models import REQUIRED_DOCUMENTS, EmploymentCategory, QuotaApplication
from .applications import printouts_for

TEMPLATES = {
    "app1": "quota/pdf/app1_application.html", "app6": "quota/pdf/app6_application.html",
    "app3": "quota/pdf/refusal_to_accept.html", "app8": "quota/pdf/refusal_to_accept.html",
    "app7": "quota/pdf/app7_acceptance.html", "receipt": "quota/pdf/acceptance_receipt.html",
    "app4": "quota/pdf/decision_inclusion.html", "app9": "quota/pdf/decision_inclusion.html",
    "app5": "quota/pdf/decision_refusal.html", "app10": "quota/pdf/decision_refusal.html",
}


def application_pdf_context(app: QuotaApplication, form: str, user=None) -> dict:
    """With `user`: the persons as that user may see them (Decision 18, kandas.filer_view)."""
    view = FilerView(user, app) if user is not None else None
    shown = (lambda rows: view.rows(rows)) if view else list
    signature = None
    if form in ("app4", "app5", "app9", "app10"):
        signature = Signature.objects.filter(case_type=ContentType.objects.get_for_model(app), case_id=app.pk,
                                             purpose="decision").select_related("signer", "organisation").last()
    govcorp_branch = None
    if form in ("app3", "app8") and app.via_govcorp:
        # QUO-3: the receipt names the State Corporation branch that refused on the spot (p.6, p.15).
        from kandas.models import Organisation
        from kandas.selectors import organisation_of

        govcorp_branch = organisation_of(kind=Organisation.Kind.GOVCORP, region=app.region)
    return {
        "app": view.case() if view else app, "form": form, "govcorp_branch": govcorp_branch,
        "appendix": form.removeprefix("app"),
        "members": shown(app.members.select_related("person")),
        "included_members": shown([m for m in app.members.select_related("person") if m.included]),
        "documents": list(app.documents_presented.all()), "categories": EmploymentCategory.choices,
        "required_documents": REQUIRED_DOCUMENTS[app.kind], "today": timezone.localdate(),
        **signature_print_context(signature),
    }


@login_required
def application_print(request, pk: int, form: str):
    app = scoped_get_or_404(request.user, QuotaApplication.objects.select_related(
        "applicant", "region", "organisation", "exit_region"), pk=pk)
    if form not in dict(printouts_for(app)):
        raise Http404
    print_gate(user=request.user, person=app.applicant, detail=f"{app.ref} {form}")  # GEN-3
    language = pdf_language(request)
    return pdf_response(TEMPLATES[form], application_pdf_context(app, form, request.user),
                        filename=f"{app.ref}-{form}-{language}.pdf", language=language)
