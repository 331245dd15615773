"""Screens of the residence slice: list, registration, case page and its actions, journal, reserve,
occupancy. Views validate and call services; the case actions run through kandas.views.actions."""
from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kandas.exports import case_list_export, export_requested, export_response
from kandas.filer_view import FilerView
from kandas.actions import actions_of
from kandas.casepage import case_page_context
from kandas.duplicate_services import duplicates_of_applicant
from kandas.filters import filters_summary, form_filters
from kandas.models import Person
from kandas.roles import Role, user_has_role, user_may_see_personal_data
from kandas.scoping import scope_for
from kandas.services import personal_data_access_log
from kandas.views.actions import case_action_run

from ..actions import TALON_STATES
from ..forms import ListFilterForm, PeriodForm, RegisterForm
from ..forms_rows import member_rows
from ..models import Bed, BedState
from ..selectors.residence import (
    application_get, application_list, centre_get, centre_list, centre_occupancies, centre_occupancy, journal_rows,
    reserve_list, residence_sign_preview,
)
from ..services import residence as svc
from ..services import stay
from .export_columns import BED_COLUMNS, CENTRE_COLUMNS, JOURNAL_COLUMNS


@login_required
def residence_list(request):
    centres = centre_list(user=request.user)
    form = ListFilterForm(request.GET or None, centres=centres)
    filters = form_filters(request, form)
    qs = application_list(user=request.user, state=filters.get("state", ""), query=filters.get("q", ""),
                          centre_id=getattr(filters.get("centre"), "pk", None), filed_from=filters.get("filed_from"),
                          filed_to=filters.get("filed_to"))
    if export_requested(request):
        return case_list_export(request, qs, list_name="residence-applications")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "adaptation/residence/list.html", {
        "form": form, "page": page, "centres": centres, "searched": filters_summary(form),
        "may_register": user_has_role(request.user, Role.MIO_SPECIALIST, Role.MIO_HEAD)})


@login_required
def residence_register(request):
    if not user_has_role(request.user, Role.MIO_SPECIALIST, Role.MIO_HEAD):
        raise PermissionDenied(_("Only the MIO registers residence applications."))
    centres = centre_list(user=request.user)
    form = RegisterForm(request.POST or None, centres=centres, persons=scope_for(request.user, Person.objects.all()))
    members = member_rows(request, user=request.user)
    rows_ok = not members.is_bound or members.is_valid()
    if request.method == "POST" and not rows_ok:  # the summary on top points to the row; each row shows its error
        form.add_error(None, _rows_error_link(members))
    if request.method == "POST" and form.is_valid() and rows_ok:
        try:
            application = svc.application_register(
                actor=request.user, centre_id=form.cleaned_data["centre"].pk, applicant_id=form.applicant.pk,
                member_ids=[p.pk for p in (members.persons() if members.is_bound else [])],
                whole_family=form.cleaned_data["whole_family"])
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    # RES-1 about the members names them; it goes to the summary on top of the form.
                    form.add_error({"applicant": "applicant_iin"}.get(field), errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("Registered in the journal under no. %(n)d.") % {"n": application.journal_no})
            return redirect(application)
    return render(request, "adaptation/residence/register.html", {"form": form, "members": members})


def _rows_error_link(members) -> str:
    """The summary's line for the member rows: a link to the first row in error (or to the rows)."""
    first = next((row["iin"].id_for_label for row in members.forms if row.errors), "members")
    return format_html('<a href="#{}" class="alert-link">{}</a>', first,
                       _("A family member's row has an error: see the rows below."))


def _case_context(request, application, bound=None) -> dict:
    """The case page: the application's own facts, then what every case page shows (kandas.casepage)."""
    context = case_page_context(request.user, application, bound)
    for action in context["case_actions"]:  # what a signing action signs, in the reader's words
        if action["signs"]:
            action["sign_preview"] = residence_sign_preview(application, actions_of(application)[action["name"]].signs)
    view = FilerView(request.user, application)  # Decision 18: a filer sees its filing, the provider the persons
    context.update({
        "application": view.case(), "case": view.case(),
        "persons": view.rows(application.persons.select_related("person", "talon_document")),
        "missing_talon": application.persons_missing_talon(),
        "beds": application.beds.select_related("room", "occupant").order_by("room__number", "number"),
        "events": application.events.select_related("person", "recorded_by")[:50],
        "proposals": application.termination_proposals.select_related("member__person", "decided_by"),
        "residence_end_live": stay.residence_end_effective(application),
        "may_see_personal_data": user_may_see_personal_data(request.user),
        "is_mio": user_has_role(request.user, Role.MIO_SPECIALIST, Role.MIO_HEAD),
        "talons_open": application.state in TALON_STATES,
        "referral_issuer": stay.referral_issuer(application),
        "referral_signer": getattr(application.signatures.filter(purpose="referral").select_related("signer")
                                   .first(), "signer", None),
        "eviction_vacate_reading": stay.EVICTION_VACATE_READING,
        "applicant_duplicates": duplicates_of_applicant(user=request.user, person=application.applicant),
    })
    return context


@login_required
def residence_detail(request, pk: int):
    application = application_get(user=request.user, pk=pk)
    if user_may_see_personal_data(request.user):  # GEN-3: access to personal data is logged
        personal_data_access_log(user=request.user, person=application.applicant, detail=request.path)
    return render(request, "adaptation/residence/detail.html", _case_context(request, application))


@login_required
@require_POST
def residence_act(request, pk: int, action: str):
    """Every action of the case page (adaptation/actions.py), run by kandas' one view runner."""
    application = application_get(user=request.user, pk=pk)
    return case_action_run(request, application, action, render_page=lambda bound: render(
        request, "adaptation/residence/detail.html", _case_context(request, application, bound), status=400))


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
    if export_requested(request):
        return export_response(request, rows=rows.iterator(chunk_size=2000), columns=JOURNAL_COLUMNS,
                               filename=f"journal-{centre_obj.pk}",
                               list_name="residence-journal")
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
    rows = centre_occupancies(centres=centre_list(user=request.user))
    if export_requested(request):
        return export_response(request, rows=iter(rows), columns=CENTRE_COLUMNS, filename="centres")
    return render(request, "adaptation/residence/centres.html", {"rows": rows})


@login_required
def occupancy(request, pk: int):
    """Beds by state, reserve length and average wait, with a chart."""
    centre_obj = centre_get(user=request.user, pk=pk)
    if export_requested(request):  # the rooms' beds, as the page lists them
        beds = (Bed.objects.filter(centre=centre_obj).select_related("room", "occupant", "application")
                .order_by("room__floor", "room__number", "number"))
        return export_response(request, rows=beds.iterator(chunk_size=2000), columns=BED_COLUMNS,
                               filename=f"occupancy-{centre_obj.pk}",
                               list_name="centre-occupancy")
    data = centre_occupancy(centre=centre_obj)
    chart = {"labels": [str(label) for _v, label in BedState.choices],
             "values": [data.beds[v] for v in BedState.values]}
    rooms = centre_obj.rooms.prefetch_related("beds__occupant", "beds__application")
    return render(request, "adaptation/residence/occupancy.html",
                  {"centre": centre_obj, "data": data, "chart": chart, "rooms": rooms})
