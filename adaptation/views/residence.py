"""Screens of the residence slice: list, registration, case page and its actions, journal, reserve,
occupancy. Views validate and call services; refusals become messages, never 500s."""
from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kandas.casepage import case_page_context
from kandas.models import PersonalDataAccess, Person
from kandas.roles import Role, user_has_role, user_may_see_personal_data
from kandas.scoping import scope_for
from kandas.transitions import ActionNotAllowed, CaseConflict

from ..forms import (
    CheckInForm, DecideForm, ListFilterForm, PeriodForm, ProposeForm, ReasonForm, RecordForm, ReferralForm,
    RegisterForm, TalonForm,
)
from ..models import BedState, ResidenceState, StayState
from ..selectors.residence import (
    application_get, application_list, centre_get, centre_list, centre_occupancy, journal_rows, reserve_list,
)
from ..services import residence as svc
from ..services import stay


def _error_text(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


@login_required
def residence_list(request):
    centres = centre_list(user=request.user)
    form = ListFilterForm(request.GET or None, centres=centres)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = application_list(user=request.user, state=filters.get("state", ""), query=filters.get("q", ""),
                          centre_id=getattr(filters.get("centre"), "pk", None), filed_from=filters.get("filed_from"),
                          filed_to=filters.get("filed_to"))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "adaptation/residence/list.html", {
        "form": form, "page": page, "centres": centres,
        "may_register": user_has_role(request.user, Role.MIO_SPECIALIST, Role.MIO_HEAD)})


@login_required
def residence_register(request):
    if not user_has_role(request.user, Role.MIO_SPECIALIST, Role.MIO_HEAD):
        raise PermissionDenied(_("Only the MIO registers residence applications."))
    centres = centre_list(user=request.user)
    form = RegisterForm(request.POST or None, centres=centres, persons=scope_for(request.user, Person.objects.all()))
    if request.method == "POST" and form.is_valid():
        try:
            application = svc.application_register(
                actor=request.user, centre_id=form.cleaned_data["centre"].pk, applicant_id=form.applicant.pk,
                member_ids=[p.pk for p in form.members], whole_family=form.cleaned_data["whole_family"])
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    target = {"applicant": "applicant_iin", "members": "member_iins"}.get(field)
                    form.add_error(target, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("Registered in the journal under no. %(n)d.") % {"n": application.journal_no})
            return redirect(application)
    return render(request, "adaptation/residence/register.html", {"form": form})


def _action_forms(request, application, actions):
    residents = list(application.persons.filter(stay_state=StayState.RESIDING).select_related("person"))
    return {
        # Shown while talons are still missing too: issuing then explains exactly whose talon is missing.
        "referral_form": ReferralForm() if "referral_issue" in actions
        or svc.role_may(request.user, application, "referral_issue") else None,
        "refuse_form": ReasonForm() if "refuse" in actions else None,
        "check_in_form": CheckInForm() if "check_in" in actions else None,
        "propose_form": ProposeForm(residents=residents) if "termination_propose" in actions else None,
        "decide_form": DecideForm() if "termination_decide" in actions else None,
        "record_form": RecordForm(persons=residents) if user_has_role(request.user, Role.ACC_STAFF)
        and application.state in stay.LIVING else None,
        "talon_form": TalonForm() if user_has_role(request.user, Role.MIO_SPECIALIST, Role.MIO_HEAD)
        and application.state in (ResidenceState.REGISTERED, ResidenceState.RESERVE, ResidenceState.OFFERED) else None,
    }


@login_required
def residence_detail(request, pk: int):
    application = application_get(user=request.user, pk=pk)
    if user_may_see_personal_data(request.user):  # GEN-3: access to personal data is logged
        PersonalDataAccess.objects.create(user=request.user, person=application.applicant,
                                          action=PersonalDataAccess.Action.VIEW, detail=request.path)
    context = case_page_context(request.user, application)
    actions = [name for name, _label in context["case_actions"]]
    persons = list(application.persons.select_related("person", "talon_document"))
    context.update(_action_forms(request, application, actions))
    context.update({
        "application": application, "persons": persons,
        "missing_talon": application.persons_missing_talon(),
        "beds": application.beds.select_related("room", "occupant").order_by("room__number", "number"),
        "events": application.events.select_related("person", "recorded_by")[:50],
        "proposals": application.termination_proposals.select_related("member__person", "decided_by"),
        "residence_end_live": stay.residence_end_effective(application),
        "may_see_personal_data": user_may_see_personal_data(request.user),
        "is_mio": user_has_role(request.user, Role.MIO_SPECIALIST, Role.MIO_HEAD),
        "is_centre": user_has_role(request.user, Role.ACC_STAFF),
    })
    return render(request, "adaptation/residence/detail.html", context)


def _run(request, application, fn, **kwargs):
    try:
        fn(application_id=application.pk, actor=request.user, **kwargs)
    except ActionNotAllowed as exc:
        messages.error(request, str(exc))
        return False
    except CaseConflict:
        messages.error(request, _("This case was changed by someone else — reload the page and try again."))
        return False
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return False
    return True


def _seen(request) -> int | None:
    value = request.POST.get("seen_version")
    return int(value) if value and value.isdigit() else None


@login_required
@require_POST
def residence_action(request, pk: int, action: str):
    """One endpoint per case action; the form is validated here and the service decides the rest."""
    application = application_get(user=request.user, pk=pk)
    residents = application.persons.filter(stay_state=StayState.RESIDING).select_related("person")
    specs = {
        "referral_issue": (ReferralForm, svc.referral_issue, lambda d: {"handed_over_on": d["handed_over_on"]},
                           _("The referral is issued.")),
        "reserve_enter": (None, svc.reserve_enter, lambda d: {}, _("The application is in the reserve.")),
        "refuse": (ReasonForm, svc.application_refuse, lambda d: {"reason": d["reason"]}, _("Refused.")),
        "check_in": (CheckInForm, svc.check_in, lambda d: {"house_rules_acknowledged": True},
                     _("The family is checked in.")),
        "termination_propose": (lambda data: ProposeForm(data, residents=residents), stay.termination_propose,
                                lambda d: {"violation": d["violation"], "member_id": d["member"]},
                                _("The proposal is sent to the MIO.")),
        "termination_decide": (DecideForm, stay.termination_decide,
                               lambda d: {"decision": d["decision"], "reason": d["reason"]},
                               _("The decision is signed.")),
        "check_out": (None, stay.check_out, lambda d: {}, _("The room is vacated.")),
    }
    if action not in specs:
        raise PermissionDenied(_("Unknown action."))
    form_class, fn, to_kwargs, done = specs[action]
    data = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
            return redirect(application)
        data = form.cleaned_data
    if _run(request, application, fn, seen_version=_seen(request), **to_kwargs(data)):
        messages.success(request, done)
    return redirect(application)


@login_required
@require_POST
def residence_talon(request, pk: int):
    application = application_get(user=request.user, pk=pk)
    form = TalonForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(application)
    d = form.cleaned_data
    if _run(request, application, svc.talon_record, resident_id=d["resident"], number=d["number"], on=d["on"],
            upload=d["file"]):
        messages.success(request, _("The police talon is recorded."))
    return redirect(application)


@login_required
@require_POST
def residence_record(request, pk: int):
    application = application_get(user=request.user, pk=pk)
    form = RecordForm(request.POST, persons=application.persons.select_related("person"))
    if form.is_valid():
        d = form.cleaned_data
        if _run(request, application, stay.residence_record, kind=d["kind"], note=d["note"], person_id=d["person"]):
            messages.success(request, _("Recorded."))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(application)


@login_required
@require_POST
def residence_member_vacated(request, pk: int, resident: int):
    application = application_get(user=request.user, pk=pk)
    if _run(request, application, stay.member_vacated, resident_id=resident):
        messages.success(request, _("Recorded."))
    return redirect(application)


def _period(request) -> tuple[PeriodForm, datetime.date, datetime.date]:
    today = timezone.localdate()
    form = PeriodForm(request.GET or {"first": today.replace(day=1).isoformat(), "last": today.isoformat()})
    if form.is_valid():
        return form, form.cleaned_data["first"], form.cleaned_data["last"]
    return form, today.replace(day=1), today


@login_required
def journal(request, centre: int):
    """RES-4 (form app.3): the registration journal of one centre for a period."""
    centre_obj = centre_get(user=request.user, pk=centre)
    form, first, last = _period(request)
    rows = journal_rows(centre=centre_obj, first=first, last=last)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "adaptation/residence/journal.html",
                  {"centre": centre_obj, "form": form, "page": page, "first": first, "last": last,
                   "may_see_personal_data": user_may_see_personal_data(request.user)})


@login_required
def reserve(request, centre: int):
    """RES-6: the reserve of one centre in journal order."""
    centre_obj = centre_get(user=request.user, pk=centre)
    return render(request, "adaptation/residence/reserve.html",
                  {"centre": centre_obj, "rows": reserve_list(centre=centre_obj)})


@login_required
def occupancy_index(request):
    centres = centre_list(user=request.user)
    return render(request, "adaptation/residence/centres.html",
                  {"rows": [centre_occupancy(centre=c) for c in centres]})


@login_required
def occupancy(request, pk: int):
    """Beds by state, reserve length and average wait, with a chart."""
    centre_obj = centre_get(user=request.user, pk=pk)
    data = centre_occupancy(centre=centre_obj)
    chart = {"labels": [str(label) for _v, label in BedState.choices],
             "values": [data.beds[v] for v in BedState.values]}
    rooms = centre_obj.rooms.prefetch_related("beds__occupant", "beds__application")
    return render(request, "adaptation/residence/occupancy.html",
                  {"centre": centre_obj, "data": data, "chart": chart, "rooms": rooms})
