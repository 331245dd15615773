"""Application screens: list, filing, case page, actions, printouts. Views validate and call services."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kandas.filing import open_case_link_add
from kandas.views.actions import validation_errors_to_form
from kandas.exports import case_list_export, export_requested
from kandas.filer_view import FilerView
from kandas.casepage import case_page_context
from kandas.duplicate_services import duplicates_of_applicant
from kandas.roles import Role, user_has_role, user_may_see_personal_data
from kandas.scoping import scoped_get_or_404, user_organisation
from kandas.services import person_get_or_create, personal_data_access_log
from kandas.filters import filters_summary, form_filters
from kandas.views.actions import case_action_run

from .. import services
from ..filters import ApplicationListFilterForm
from ..actions import quota_room
from ..forms import ApplicationForm
from ..forms_rows import application_rows
from ..models import AppState, Channel, Complaint, QuotaApplication, QuotaKind
from ..selectors import application_list as select_applications

FILERS = (Role.GOVCORP_OPERATOR, Role.MIO_SPECIALIST, Role.CC_SPECIALIST)


@login_required
def application_list(request):
    form = ApplicationListFilterForm(request.GET or None)
    f = form_filters(request, form)
    qs = select_applications(user=request.user, kind=f.get("kind", ""), state=f.get("state", ""),
                             channel=f.get("channel", ""), query=f.get("q", ""))
    if export_requested(request):
        return case_list_export(request, qs, list_name="quota-applications")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "quota/application_list.html", {
        "page": page, "form": form, "searched": filters_summary(form),
        "may_file": user_has_role(request.user, *FILERS)})


@login_required
def application_new(request, kind: str):
    if kind not in QuotaKind.values:
        raise PermissionDenied
    if not user_has_role(request.user, *FILERS):
        raise PermissionDenied(_("Your role may not file applications."))
    org = user_organisation(request.user)
    initial = {"region": org.region_id if org and org.region and org.region.is_settlement_region else None,
               "channel": Channel.GOVCORP if user_has_role(request.user, Role.GOVCORP_OPERATOR) else Channel.PORTAL}
    form = ApplicationForm(request.POST or None, kind=kind, initial=initial, user=request.user)
    members, documents = application_rows(request, kind=kind, user=request.user)
    rows_ok = all(rows.is_valid() for rows in (members, documents) if rows.is_bound)
    if request.method == "POST" and form.is_valid() and rows_ok:
        try:
            with transaction.atomic():  # a member registered for a filing that fails is not kept
                app = _file(request.user, kind, form.cleaned_data, members, documents)
        except PermissionDenied as exc:  # Decision 18: who may file where (kandas.filing)
            form.add_error("region", str(exc))
        except ValidationError as exc:
            validation_errors_to_form(form, exc)
            open_case_link_add(form, exc)
        else:
            messages.success(request, _("Application %(ref)s filed.") % {"ref": app.ref})
            return redirect(app)
    invalid = request.method == "POST" and (bool(form.errors) or not rows_ok)
    return render(request, "quota/application_form.html", {
        "form": form, "members": members, "documents": documents, "kind": kind,
        "kind_label": QuotaKind(kind).label}, status=400 if invalid else 200)


def _file(actor, kind: str, d: dict, members, documents):
    """File the application with its rows: a member the registry the filer may see holds is named by their
    person; any other is registered through the registry service (GEN-2: the state record fills the names)."""
    region = d["region"]
    member_inputs, children = [], {}
    for row in (members.rows() if members.is_bound else []):
        person = row.cleaned_data["person"] or person_get_or_create(
            region=d["applicant"].region or region, actor=actor, **row.new_person_data())
        member_inputs.append(services.MemberInput(person.pk, row.cleaned_data["kinship"]))
        if row.cleaned_data.get("widow_child"):
            children[str(person.pk)] = row.cleaned_data["widow_child"]
    answers = {**d.get("eligibility_answers", {}), "children": children}
    return services.application_file(
        actor=actor, kind=kind, channel=d["channel"], applicant_id=d["applicant"].pk,
        region_id=region.pk, consent=d["consent"], address=d.get("address", ""), members=member_inputs,
        documents=[services.DocumentInput(k, t, v) for k, t, v in (documents.documents() if documents.is_bound
                                                                    else [])],
        eligibility_basis=d.get("eligibility_basis", ""),
        widow_of_id=d["widow_of"].pk if d.get("widow_of") else None,
        employment_category=d.get("employment_category", ""),
        job_seeker_registered_on=d.get("job_seeker_registered_on"), eds_signed=d.get("eds_signed", False),
        locality_id=d["locality"].pk if d.get("locality") else None, eligibility_answers=answers)


def _get(request, pk):
    qs = QuotaApplication.objects.select_related("applicant", "region", "exit_region", "organisation", "widow_of",
                                                 "quota_plan")
    return scoped_get_or_404(request.user, qs, pk=pk)


def _detail_context(request, app, bound=None, complaint_bound=None):
    """The case page: its facts, the quota room (QUO-10), the allowed actions (kandas registry) and, per
    complaint, the complaint's own actions. `bound` / `complaint_bound[pk]`: forms redisplayed with errors."""
    ctx = case_page_context(request.user, app, bound)
    plan, units, short = quota_room(app)
    exhausted = short and any(a["name"] == "include" for a in ctx["case_actions"])
    if exhausted:  # QUO-10: inclusion is not offered when the family does not fit; refuse on ground 5 / 4
        ctx["case_actions"] = [a for a in ctx["case_actions"] if a["name"] != "include"]
    complaints = []
    for c in app.complaints.all():
        c_ctx = case_page_context(request.user, c, (complaint_bound or {}).get(c.pk))
        complaints.append({"complaint": c, **{k: c_ctx[k] for k in (
            "case_actions", "case_actions_waiting", "case_no_action_reason")}})
    view = FilerView(request.user, app)  # Decision 18: a filer sees its filing, the provider the persons
    ctx.update({
        "app": view.case(), "case": view.case(), "members": view.rows(app.members.select_related("person")),
        "plan": plan, "units": units,
        "exhausted": exhausted, "complaints": complaints,
        "documents": app.documents_presented.all(),
        "notices": app.notices.all(),
        "personal_data": user_may_see_personal_data(request.user),
        "printouts": printouts_for(app),
        "applicant_duplicates": duplicates_of_applicant(user=request.user, person=app.applicant),
    })
    return ctx


def printouts_for(app) -> list[tuple[str, str]]:
    """The appendices this case can print now."""
    k = app.kind == QuotaKind.KANDAS
    out = [("app1" if k else "app6", _("Application (app.1)") if k else _("Application (app.6)"))]
    if app.state == AppState.REFUSED_TO_ACCEPT:
        out.append(("app3" if k else "app8", _("Refusal-to-accept receipt (app.3)") if k
                    else _("Refusal-to-accept receipt (app.8)")))
    elif not k and app.accepted_on:
        out.append(("app7", _("Acceptance notice (app.7)")))
    elif k and app.accepted_on and app.via_govcorp:
        out.append(("receipt", _("Receipt of acceptance of the documents (p.6)")))
    if app.state == AppState.INCLUDED:
        out.append(("app4" if k else "app9", _("Decision on inclusion (app.4)") if k
                    else _("Decision on inclusion (app.9)")))
    if app.state == AppState.REFUSED:
        out.append(("app5" if k else "app10", _("Decision of refusal (app.5)") if k
                    else _("Decision of refusal (app.10)")))
    return out


@login_required
def application_detail(request, pk: int):
    app = _get(request, pk)
    if user_may_see_personal_data(request.user):
        personal_data_access_log(user=request.user, person=app.applicant, detail=app.ref)  # GEN-3
    return render(request, "quota/application_detail.html", _detail_context(request, app))


@login_required
@require_POST
def application_act(request, pk: int, action: str):
    """Every action on an application (quota.actions) goes through the one runner."""
    app = _get(request, pk)
    return case_action_run(request, app, action, render_page=lambda bound: render(
        request, "quota/application_detail.html", _detail_context(request, app, bound), status=400))


@login_required
@require_POST
def complaint_new(request, pk: int):
    """QUO-11: registering a complaint is an action of the application ("complaint")."""
    return application_act(request, pk, "complaint")


@login_required
@require_POST
def complaint_act(request, pk: int, action: str):
    complaint = scoped_get_or_404(request.user, Complaint.objects.select_related("application"), pk=pk)
    return case_action_run(request, complaint, action, render_page=lambda bound: render(
        request, "quota/application_detail.html",
        _detail_context(request, _get(request, complaint.application_id), complaint_bound={complaint.pk: bound}),
        status=400))
