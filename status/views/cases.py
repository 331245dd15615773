"""Application and extension pages: the case, its family, documents, deadlines, timeline and the actions
allowed now (each a small form with the hidden seen_version the user saw)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kandas.casepage import case_page_context
from kandas.models import PersonalDataAccess
from kandas.roles import user_has_role, user_may_see_personal_data
from kandas.transitions import ActionNotAllowed, CaseConflict

from .. import selectors
from ..access import AGENDA_ROLES, INTAKE_ROLES
from ..forms import ApplicationFilterForm
from ..models import ApplicantNotice, StatusApplication
from .actions import actions_for, extra_actions_allowed

LOADERS = {"applications": selectors.application_get, "extensions": selectors.extension_get}


@login_required
def application_list(request):
    form = ApplicationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.application_list(user=request.user, state=data.get("state", ""), channel=data.get("channel", ""),
                                    region=data.get("region"), overdue=data.get("overdue", False),
                                    query=data.get("q", ""))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "status/application_list.html", {
        "form": form, "page": page,
        # Only the links this user can follow (the pages themselves refuse others with 403).
        "may_file": user_has_role(request.user, *INTAKE_ROLES),
        "may_see_agenda": user_has_role(request.user, *AGENDA_ROLES)})


def _case_context(request, case, bound=None) -> dict:
    """Everything a case page shows; `bound` = (action name, bound form) to redisplay with errors."""
    ctx = case_page_context(request.user, case)
    specs = actions_for(case)
    names = [n for n, _label in ctx["case_actions"] if n in specs] + extra_actions_allowed(request.user, case)
    labels = dict(ctx["case_actions"])
    forms = []
    for name in names:
        spec = specs[name]
        form = bound[1] if bound and bound[0] == name else spec.form(case=case)
        forms.append({"name": name, "label": labels.get(name) or spec.label, "form": form})
    ctx.update({
        "action_forms": forms, "documents": selectors.case_documents(case),
        "may_see_personal_data": user_may_see_personal_data(request.user),
        "notices": ApplicantNotice.objects.filter(**({"application": case} if isinstance(case, StatusApplication)
                                                       else {"extension": case})),
    })
    if isinstance(case, StatusApplication):
        ctx["members"] = case.members.select_related("person")
        ctx["extensions"] = case.extensions.all()
        ctx["handouts"] = case.handouts.select_related("handed_by")
    if ctx["may_see_personal_data"]:
        PersonalDataAccess.objects.create(user=request.user, person=case.applicant, detail=request.path)
    return ctx


def _template(case):
    return "status/application_detail.html" if isinstance(case, StatusApplication) else "status/extension_detail.html"


@login_required
def case_detail(request, kind: str, pk: int):
    case = LOADERS[kind](user=request.user, pk=pk)
    return render(request, _template(case), _case_context(request, case))


@login_required
@require_POST
def case_action(request, kind: str, pk: int, action: str):
    """Run one action: other region → 404, wrong role → 403, not allowed now → a message, bad input →
    the form again with its errors. Never a 500."""
    case = LOADERS[kind](user=request.user, pk=pk)
    spec = actions_for(case).get(action)
    if spec is None:
        raise Http404
    if spec.roles:
        if not user_has_role(request.user, *spec.roles):
            raise PermissionDenied(_("Your role may not take this action."))
    elif not _role_may(case, action, request.user):
        raise PermissionDenied(_("Your role may not take this action."))
    form = spec.form(request.POST, request.FILES, case=case)
    if form.is_valid():
        try:
            spec.run(request.user, case, form.cleaned_data)
        except ActionNotAllowed as exc:
            messages.error(request, str(exc))
            return redirect(case.get_absolute_url())
        except CaseConflict:
            messages.error(request, _("This case was changed by someone else — reload the page and try again."))
            return redirect(case.get_absolute_url())
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Saved: %(action)s.") % {"action": _label(case, action, spec)})
            return redirect(case.get_absolute_url())
    messages.error(request, _("Please correct the errors below."))
    return render(request, _template(case), _case_context(request, case, bound=(action, form)), status=400)


def _role_may(case, action, user) -> bool:
    """The transition's role permission, whatever the current state (a wrong state is a message, not 403)."""
    meta = getattr(getattr(case, action, None), "_django_fsm", None)
    if meta is None:
        return False
    return any(t.permission is None or t.permission(case, user) for t in meta.transitions.values())


def _label(case, action, spec):
    meta = getattr(getattr(case, action, None), "_django_fsm", None)
    if meta:
        for t in meta.transitions.values():
            return str(t.custom.get("label", action))
    return str(spec.label or action)


def _errors_to_form(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)

