"""STA-1 on paper: the State Corporation, the MIO or a foreign mission registers an application."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kandas.forms import person_initial_from_state
from kandas.filing import open_case_link_add
from kandas.roles import user_has_role
from kandas.scoping import user_organisation
from kandas.views.actions import validation_errors_to_form

from ..access import INTAKE_ROLES
from ..forms import ApplicationIntakeForm, family_formset
from ..services import application_submit


@login_required
def application_new(request):
    if not user_has_role(request.user, *INTAKE_ROLES):
        raise PermissionDenied(_("Your role may not take this action."))
    initial = {}
    if request.method == "GET" and request.GET.get("iin"):
        initial, _record = person_initial_from_state(request.GET["iin"].strip())  # GEN-2: prefill from ГБД ФЛ
    form = ApplicationIntakeForm(request.POST or None, request.FILES or None, initial=initial, request=request)
    family = family_formset(request)
    family_ok = family.is_valid() if family.is_bound else True
    if request.method == "POST" and form.is_valid() and family_ok:
        data = form.cleaned_data
        organisation = user_organisation(request.user)
        try:
            application = application_submit(
                actor=request.user, sub_type=data["sub_type"], channel=data["channel"],
                region=organisation.region if organisation else None,
                settlement_region=data.get("settlement_region"), applicant=form.applicant_data(),
                members=family.members() if family.is_bound else [],
                documents=form.documents(), consent_method=data.get("consent") or None,
                nationality_recommendation=data["nationality_recommendation"],
                keep_document_name=data["keep_document_name"], name_reason=data["name_reason"])
        except PermissionDenied as exc:  # Decision 18: who may file where (kandas.filing)
            form.add_error(None, str(exc))
        except ValidationError as exc:
            validation_errors_to_form(form, exc)
            open_case_link_add(form, exc)
        else:
            form.uploads_done()
            if application.missing_documents:
                messages.warning(request, _("Registered. Some documents are still missing: they are listed on the "
                                            "application page."))
            else:
                messages.success(request, _("Registered: %(ref)s.") % {"ref": application.ref})
            return redirect(application.get_absolute_url())
    invalid = bool(form.errors) or not family_ok
    if invalid:
        form.keep_uploads()  # the chosen scans wait for the corrected form (kandas.staging)
    return render(request, "status/application_new.html", {"form": form, "family": family},
                  status=400 if invalid else 200)
