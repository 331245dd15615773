"""Screens of the adaptation services a career-centre, LMC or MIO specialist uses all day: the list (filters by
step and region that keep their values, search, pages), registration of form app.2, the case page with the
chain as a timeline, its actions, and the printouts (app.2, the draft unemployment decision, the relocation
sheet) in Russian and Kazakh."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kandas.casepage import case_page_context
from kandas.duplicate_services import duplicates_of_applicant
from kandas.exports import case_list_export, export_requested
from kandas.filters import filters_summary, form_filters
from kandas.holders import step_holders
from kandas.models import Organisation, PersonalDataAccess
from kandas.pdf import pdf_language, pdf_response, signature_print_context
from kandas.printing import print_gate
from kandas.roles import Role, user_has_role, user_may_see_personal_data
from kandas.scoping import user_organisation
from kandas.services import personal_data_access_log_many
from kandas.views.actions import case_action_run

from ..forms_support import ListFilterForm, RegisterForm
from ..models import APP2_LINES, SupportState
from ..selectors.support import support_chain, support_get, support_list, support_running_steps
from ..services.chain import support_application_register


@login_required
def support_list_view(request):
    form = ListFilterForm(request.GET or None)
    filters = form_filters(request, form)
    qs = support_list(user=request.user, state=filters.get("state", ""),
                      region_id=getattr(filters.get("region"), "pk", None), direction=filters.get("direction", ""),
                      query=filters.get("q", ""), overdue=bool(filters.get("overdue")),
                      held_by_me=bool(filters.get("held_by_me")))
    if export_requested(request):
        return case_list_export(request, qs, list_name="support-applications")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    steps = support_running_steps(page.object_list)
    rows = [(a, steps.get(a.pk, [])) for a in page.object_list]
    org = user_organisation(request.user)
    return render(request, "adaptation/support/list.html", {
        "form": form, "page": page, "rows": rows, "today": timezone.localdate(), "searched": filters_summary(form),
        "may_register": bool(org and org.kind == Organisation.Kind.CC),
        "may_consult": bool(org and org.kind == Organisation.Kind.CC and org.region and org.region.is_exit_region)})


@login_required
def support_register(request):
    org = user_organisation(request.user)
    if not (org and org.kind == Organisation.Kind.CC and user_has_role(request.user, Role.CC_SPECIALIST,
                                                                        Role.CC_DIRECTOR)):
        raise PermissionDenied(_("Only a specialist of the career centre of the region of exit takes the application "
                                 "(p.6)."))
    form = RegisterForm(request.POST or None, initial={"applicant_iin": request.GET.get("iin", "")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            app = support_application_register(
                actor=request.user, applicant_iin=d["applicant_iin"], applicant_surname=d["applicant_surname"],
                applicant_given_name=d["applicant_given_name"], settlement_region_id=d["settlement_region"].pk,
                locality_kato=d["locality_kato"], consent=d["consent"], members=form.members())
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("Application %(ref)s registered.") % {"ref": app.ref})
            return redirect(app)
    return render(request, "adaptation/support/register.html", {"form": form})


def _context(request, app, bound=None):
    context = case_page_context(request.user, app, bound)
    # ADA-5 p.11: the head assigns through the "Assign a specialist" action (it starts the specialist's clock).
    context["case_assignable"] = {pk: staff for pk, staff in context["case_assignable"].items()
                                  if not any(d.pk == pk and d.step_key == "settle_assign"
                                             for d in context["case_deadlines"])}
    members = list(app.members.select_related("person").prefetch_related("copies"))
    context.update({
        "app": app, "members": members, "chain": support_chain(app, context["case_deadlines"]),
        "held_now": step_holders(app),
        "visits": list(app.visits.select_related("centre")),
        "fair_entries": list(app.fair_entries.select_related("fair")),
        "consultations": list(app.consultations.prefetch_related("topics")),
        "may_see_personal_data": user_may_see_personal_data(request.user),
        "may_print_unemployment": app.state in (SupportState.UNEMPLOYMENT_DRAFT, SupportState.UNEMPLOYMENT_SENT),
        "may_print_relocation": app.state in (SupportState.QUOTA_FILED, SupportState.RELOCATED,
                                              SupportState.SUPPORT_RETURN),
        "applicant_duplicates": duplicates_of_applicant(user=request.user, person=app.applicant),
    })
    return context


@login_required
def support_detail(request, pk: int):
    app = support_get(user=request.user, pk=pk)
    context = _context(request, app)
    if context["may_see_personal_data"]:  # GEN-3 / Decisions 18: the persons named in the case, logged
        personal_data_access_log_many(user=request.user, persons=[app.applicant, *[m.person for m in context["members"]]],
                                      action=PersonalDataAccess.Action.VIEW, detail=request.path)
    return render(request, "adaptation/support/detail.html", context)


@login_required
@require_POST
def support_act(request, pk: int, action: str):
    app = support_get(user=request.user, pk=pk)
    return case_action_run(request, app, action, render_page=lambda bound: render(
        request, "adaptation/support/detail.html", _context(request, app, bound), status=400))


def _print(request, pk: int, template: str, what: str, extra=None):
    app = support_get(user=request.user, pk=pk)
    language = pdf_language(request)
    print_gate(user=request.user, person=app.applicant, detail=f"{app.ref} {what}")
    members = list(app.members.select_related("person"))
    lines = [{"key": key, "label": label, "members": [m for m in members if m.kinship in kinds]}
             for key, label, kinds in APP2_LINES]
    context = {"app": app, "members": members, "lines": lines, **(extra(app) if extra else {})}
    return pdf_response(template, context, filename=f"{app.ref}-{what}-{language}.pdf", language=language)


@login_required
def support_app2_pdf(request, pk: int):
    """Form app.2 as printed in the seed, with the «Заявление принял» block."""
    return _print(request, pk, "adaptation/support/pdf/app2.html", "app2")


@login_required
def support_unemployment_pdf(request, pk: int):
    """ADA-8: the draft decision to register the kandas as unemployed, with the CC director's signature."""
    def extra(app):
        signature = app.signatures.filter(purpose="unemployment_draft").select_related("signer", "organisation").last()
        return signature_print_context(signature)

    return _print(request, pk, "adaptation/support/pdf/unemployment.html", "unemployment", extra)


@login_required
def support_relocation_pdf(request, pk: int):
    """ADA-12 / ADA-13: the relocation sheet (built from the fields p.29–31 name: not printed in the seed)."""
    return _print(request, pk, "adaptation/support/pdf/relocation.html", "relocation")
