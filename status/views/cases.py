"""Application and extension pages: the case, its family, documents, notices, and kandas' panels
(deadlines with their holders, signatures, timeline) and actions (kandas.actions, status/actions.py)."""
import copy
import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from kandas.actions import actions_of
from kandas.casepage import case_page_context
from kandas.duplicate_services import duplicates_of_applicant
from kandas.exports import case_list_export, export_requested
from kandas.filer_view import FilerView
from kandas.filters import filters_summary, form_filters
from kandas.roles import user_has_role, user_may_see_personal_data
from kandas.services import personal_data_access_log
from kandas.views.actions import case_action_run

from .. import selectors
from ..access import AGENDA_ROLES, INTAKE_ROLES
from ..forms import ApplicationFilterForm
from ..models import ApplicantNotice, StatusApplication, SubType

LOADERS = {"applications": selectors.application_get, "extensions": selectors.extension_get}


@login_required
def application_list(request):
    form = ApplicationFilterForm(request.GET or None)
    data = form_filters(request, form)
    qs = selectors.application_list(user=request.user, state=data.get("state", ""), channel=data.get("channel", ""),
                                    region=data.get("region"), overdue=data.get("overdue", False),
                                    query=data.get("q", ""))
    if export_requested(request):
        return case_list_export(request, qs, list_name="status-applications")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "status/application_list.html", {
        "form": form, "page": page, "searched": filters_summary(form),
        # Only the links this user can follow (the pages themselves refuse others with 403).
        "may_file": user_has_role(request.user, *INTAKE_ROLES),
        "may_see_agenda": user_has_role(request.user, *AGENDA_ROLES)})


def _snapshot_value(case, key: str, value) -> str | None:
    """A value of the signed snapshot as the reader reads it, or None to keep kandas' rendering. The
    snapshot itself keeps codes, ids and ISO dates: it is what the signature covers (kandas.signing)."""
    if key == "sub_type":
        return str(SubType(value).label) if value in SubType.values else None
    if key == "settlement_region":
        return str(case.settlement_region) if case.settlement_region_id else "—"
    if key == "refusal_grounds":
        return "; ".join(case.refusal_grounds_display()) or "—"
    if key.endswith(("_on", "_since", "_until")) and isinstance(value, str) and value:  # ISO dates (iso_date)
        return datetime.date.fromisoformat(value).strftime("%d.%m.%Y")
    if value in (None, "", []):
        return "—"
    return None


# Snapshot keys that are not the case's own field names.
SNAPSHOT_LABELS = {"iin": _("IIN"), "assignment": _("assignment of the status")}


def _sign_previews_readable(case, actions: list[dict]) -> None:
    """What a signing action will sign, with labels instead of codes, ids and ISO dates."""
    for action in actions:
        if not action["sign_preview"]:
            continue
        purpose = actions_of(case)[action["name"]].signs
        rows = []
        for (label, shown), (key, value) in zip(action["sign_preview"], case.signature_snapshot(purpose).items()):
            readable = _snapshot_value(case, key, value) if key not in ("ref", "state", "purpose") else None
            rows.append((str(SNAPSHOT_LABELS.get(key, label)), shown if readable is None else readable))
        action["sign_preview"] = rows


def case_context(request, case, bound=None) -> dict:
    """Everything a case page shows; `bound` = {action name: bound form} to redisplay with errors."""
    ctx = case_page_context(request.user, case, bound)
    _sign_previews_readable(case, ctx["case_actions"])
    ctx.update({
        "documents": selectors.case_documents(case),
        "may_see_personal_data": user_may_see_personal_data(request.user),
        "notices": ApplicantNotice.objects.filter(**({"application": case} if isinstance(case, StatusApplication)
                                                       else {"extension": case})),
    })
    # Decision 18 (kandas.filer_view): a filer of another region's person sees the IIN as filed, not the registry.
    view = FilerView(request.user, case)
    shown = ctx["case"] = view.case()
    ctx["documents"] = view.documents(ctx["documents"])
    if isinstance(case, StatusApplication):
        members = list(case.members.select_related("person"))
        ctx["members"] = view.rows(members)
        people = {case.applicant_id: case.applicant, **{m.person_id: m.person for m in members}}
        if not view.provider:
            if shown is case:
                shown = ctx["case"] = copy.copy(case)
            shown.missing_documents = view.named_rows(case.missing_documents, people)
            shown.registry_confirmed = view.named_rows(case.registry_confirmed, people)
            for action in ctx["case_actions"]:
                field = action["form"].fields.get("person") if action["form"] is not None else None
                if field is not None and getattr(field, "choices", None):
                    field.choices = view.choices(field.choices, people)
        ctx["applicant_duplicates"] = duplicates_of_applicant(user=request.user, person=case.applicant)
        ctx["extensions"] = case.extensions.all()
        ctx["handouts"] = case.handouts.select_related("handed_by")
    if ctx["may_see_personal_data"]:
        personal_data_access_log(user=request.user, person=case.applicant, detail=request.path)  # GEN-3
    return ctx


def _page(request, case, bound=None, status=200):
    template = ("status/application_detail.html" if isinstance(case, StatusApplication)
                else "status/extension_detail.html")
    return render(request, template, case_context(request, case, bound), status=status)


@login_required
def application_detail(request, pk: int):
    return _page(request, selectors.application_get(user=request.user, pk=pk))


@login_required
def extension_detail(request, pk: int):
    return _page(request, selectors.extension_get(user=request.user, pk=pk))


@login_required
@require_POST
def application_act(request, pk: int, action: str):
    """Another region → 404 (the scoped get); the rest is kandas.views.actions.case_action_run."""
    case = selectors.application_get(user=request.user, pk=pk)
    return case_action_run(request, case, action, render_page=lambda bound: _page(request, case, bound, status=400))


@login_required
@require_POST
def extension_act(request, pk: int, action: str):
    case = selectors.extension_get(user=request.user, pk=pk)
    return case_action_run(request, case, action, render_page=lambda bound: _page(request, case, bound, status=400))
