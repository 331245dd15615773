"""Application screens: list, filing, case page, actions, printouts. Views validate and call services."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kandas.casepage import case_page_context
from kandas.models import PersonalDataAccess
from kandas.roles import Role, user_has_role, user_may_see_personal_data
from kandas.scoping import scoped_get_or_404, user_organisation
from kandas.transitions import ActionNotAllowed

from .. import services
from ..forms import (ApplicationForm, CompletenessForm, ComplaintDecideForm, ComplaintExtendForm, ComplaintForm,
                     HearingForm, RecommendForm, RefuseForm)
from ..models import QUOTA_EXHAUSTED_GROUND, AppState, Channel, Complaint, QuotaApplication, QuotaKind, QuotaPlan
from ..selectors import application_list as select_applications

FILERS = (Role.GOVCORP_OPERATOR, Role.MIO_SPECIALIST, Role.CC_SPECIALIST)


@login_required
def application_list(request):
    g = request.GET
    qs = select_applications(user=request.user, kind=g.get("kind", ""), state=g.get("state", ""),
                             channel=g.get("channel", ""), query=g.get("q", ""))
    page = Paginator(qs, 25).get_page(g.get("page"))
    return render(request, "quota/application_list.html", {
        "page": page, "kinds": QuotaKind.choices, "states": AppState.choices, "channels": Channel.choices,
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
    form = ApplicationForm(request.POST or None, kind=kind, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            app = services.application_file(
                actor=request.user, kind=kind, channel=d["channel"], applicant_id=d["applicant"].pk,
                region_id=d["region"].pk, consent=d["consent"], address=d.get("address", ""),
                members=[services.MemberInput(p.pk, k) for p, k in d["members"]],
                documents=[services.DocumentInput("other", t, v) for t, v in d["documents_list"]],
                eligibility_basis=d.get("eligibility_basis", ""),
                widow_of_id=d["widow_of"].pk if d.get("widow_of") else None,
                employment_category=d.get("employment_category", ""),
                job_seeker_registered_on=d.get("job_seeker_registered_on"), eds_signed=d.get("eds_signed", False))
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Application %(ref)s filed.") % {"ref": app.ref})
            return redirect(app)
    return render(request, "quota/application_form.html", {"form": form, "kind": kind,
                                                           "kind_label": QuotaKind(kind).label})


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _get(request, pk):
    qs = QuotaApplication.objects.select_related("applicant", "region", "exit_region", "organisation", "widow_of",
                                                 "quota_plan")
    return scoped_get_or_404(request.user, qs, pk=pk)


ACTION_FORMS = {
    "check": CompletenessForm, "recommend": RecommendForm, "hearing": HearingForm, "refuse": RefuseForm,
}
TRANSITION_OF = {  # which allowed transition shows which form
    "accept": "check", "refuse_to_accept": "check", "send_to_commission": "send_to_commission",
    "recommend_inclusion": "recommend", "recommend_refusal": "recommend", "record_hearing": "hearing",
    "include": "include", "refuse": "refuse", "send_result": "send_result",
}


def _plan_for(app):
    year = timezone.localdate().year
    return QuotaPlan.objects.filter(region_id=app.region_id, year=year, kind=app.kind).first()


def _detail_context(request, app, bound=None):
    ctx = case_page_context(request.user, app)
    # Forms show for every step the user's role may take from this state; conditions (a ground named,
    # remarks written) are what the forms fill in, so they are checked on submit, not here.
    allowed = {TRANSITION_OF[t.name] for t in app.get_all_state_transitions()
               if t.source in (app.state, "*") and t.name in TRANSITION_OF and t.has_perm(app, request.user)}
    plan = _plan_for(app)
    units = services.quota_units_of(application=app, unit=plan.unit) if plan else 0
    exhausted = "include" in allowed and (plan is None or plan.free < units)
    forms = {}
    for key in sorted(allowed & set(ACTION_FORMS)):
        if bound is not None and bound[0] == key:
            forms[key] = bound[1]
            continue
        kwargs = {"kind": app.kind} if key in ("check", "refuse") else {}
        initial = {"grounds": [QUOTA_EXHAUSTED_GROUND[app.kind]]} if key == "refuse" and exhausted else None
        forms[key] = ACTION_FORMS[key](initial=initial, **kwargs)
    complaints = app.complaints.all()
    may_complain = user_has_role(request.user, Role.MIO_SPECIALIST, Role.MIO_HEAD, Role.GOVCORP_OPERATOR)
    ctx.update({
        "app": app, "members": app.members.select_related("person"), "allowed": allowed, "forms": forms,
        "plan": plan, "units": units, "exhausted": exhausted, "complaints": complaints,
        "complaint_form": ComplaintForm() if may_complain else None,
        "extend_form": ComplaintExtendForm(), "decide_form": ComplaintDecideForm(),
        "may_handle_complaints": user_has_role(request.user, Role.MIO_SPECIALIST, Role.MIO_HEAD),
        "documents": app.documents_presented.all(),
        "notices": app.notices.all(),
        "personal_data": user_may_see_personal_data(request.user),
        "printouts": printouts_for(app),
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
        PersonalDataAccess.objects.create(user=request.user, person=app.applicant, detail=app.ref)  # GEN-3
    return render(request, "quota/application_detail.html", _detail_context(request, app))


@login_required
@require_POST
def application_act(request, pk: int, action: str):
    app = _get(request, pk)
    seen = request.POST.get("seen_version")
    seen = int(seen) if seen and seen.isdigit() else None
    common = {"application_id": app.pk, "actor": request.user, "seen_version": seen}
    form = None
    try:
        if action == "check":
            form = CompletenessForm(request.POST, kind=app.kind)
            if form.is_valid():
                app = services.application_check_completeness(**common, missing=form.missing_list())
        elif action == "send_to_commission":
            app = services.application_send_to_commission(**common)
        elif action == "recommend":
            form = RecommendForm(request.POST)
            if form.is_valid():
                d = form.cleaned_data
                app = services.application_recommend(**common, include=d["include"], remarks=d["remarks"],
                                                     hearing_at=d["hearing_at"], hearing_place=d["hearing_place"],
                                                     received_on=d["received_on"])
        elif action == "hearing":
            form = HearingForm(request.POST)
            if form.is_valid():
                app = services.application_record_hearing(**common, **form.cleaned_data)
        elif action == "include":
            app = services.application_decide_include(**common)
        elif action == "refuse":
            form = RefuseForm(request.POST, kind=app.kind)
            if form.is_valid():
                app = services.application_decide_refuse(**common, grounds=form.cleaned_data["grounds"],
                                                         reasoning=form.cleaned_data["reasoning"])
        elif action == "send_result":
            app = services.application_send_result(**common)
        else:
            raise PermissionDenied
    except ActionNotAllowed as exc:
        messages.error(request, str(exc))
        return redirect(app)
    except ValidationError as exc:
        if form is None:
            messages.error(request, " ".join(exc.messages))
            return redirect(app)
        _form_errors(form, exc)
    if form is not None and form.errors:
        ctx = _detail_context(request, _get(request, pk), bound=(action, form))
        return render(request, "quota/application_detail.html", ctx, status=400)
    messages.success(request, _("Done: %(state)s.") % {"state": app.get_state_display()})
    return redirect(app)


@login_required
@require_POST
def complaint_new(request, pk: int):
    app = _get(request, pk)
    form = ComplaintForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_register(application_id=app.pk, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Complaint registered."))
    else:
        messages.error(request, _("Fill in the complaint."))
    return redirect(app)


@login_required
@require_POST
def complaint_act(request, pk: int, action: str):
    complaint = scoped_get_or_404(request.user, Complaint.objects.select_related("application"), pk=pk)
    try:
        if action == "extend":
            form = ComplaintExtendForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Give the reason and the new date."))
            services.complaint_extend(complaint_id=pk, actor=request.user, **form.cleaned_data)
        elif action == "notified":
            services.complaint_extension_notified(complaint_id=pk, actor=request.user)
        elif action == "decide":
            form = ComplaintDecideForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Record the outcome and the answer to the applicant."))
            services.complaint_decide(complaint_id=pk, actor=request.user, **form.cleaned_data)
        else:
            raise PermissionDenied
    except (ActionNotAllowed, ValidationError) as exc:
        messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, _("Complaint updated."))
    return redirect(complaint.application)
