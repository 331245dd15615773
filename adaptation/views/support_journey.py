"""Screens around the application: the preliminary consultation on the 11 topics (ADA-23) and job fairs
(ADA-10). Views validate and call services; refusals become messages or 403 with the reason."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kandas.exports import export_requested, export_response

from ..forms_support import CandidateForm, ConsultationStartForm, FairForm, ParticipationForm, TopicForm
from ..models import ConsultationTopic
from ..selectors.support import consultation_get, consultation_list, fair_get, fair_list
from ..services import consultation as consult
from ..services import fairs
from .export_columns import CONSULTATION_COLUMNS, FAIR_COLUMNS


def _errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
def consultation_list_view(request):
    if export_requested(request):
        rows = consultation_list(user=request.user).annotate(topic_count=Count("topics"))
        return export_response(request, rows=rows.iterator(chunk_size=2000), columns=CONSULTATION_COLUMNS,
                               filename="consultations")
    page = Paginator(consultation_list(user=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "adaptation/support/consultations.html", {"page": page, "form": ConsultationStartForm()})


@login_required
@require_POST
def consultation_start_view(request):
    form = ConsultationStartForm(request.POST)
    if form.is_valid():
        try:
            c = consult.consultation_start(actor=request.user, person_iin=form.cleaned_data["person_iin"],
                                           surname=form.cleaned_data["surname"],
                                           given_name=form.cleaned_data["given_name"])
        except ValidationError as exc:
            _errors(form, exc)
        else:
            return redirect(c)
    page = Paginator(consultation_list(user=request.user), 25).get_page(1)
    return render(request, "adaptation/support/consultations.html", {"page": page, "form": form}, status=400)


@login_required
def consultation_detail(request, pk: int):
    c = consultation_get(user=request.user, pk=pk)
    done = {t.topic: t for t in c.topics.select_related("covered_by")}
    rows = [{"value": v, "label": label, "record": done.get(v)} for v, label in ConsultationTopic.choices]
    return render(request, "adaptation/support/consultation.html", {"c": c, "rows": rows, "form": TopicForm()})


@login_required
@require_POST
def consultation_topic(request, pk: int):
    c = consultation_get(user=request.user, pk=pk)
    form = TopicForm(request.POST)
    if form.is_valid():
        try:
            consult.consultation_topic_record(actor=request.user, consultation_id=c.pk,
                                              topic=form.cleaned_data["topic"], note=form.cleaned_data["note"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Topic recorded."))
    return redirect(c)


@login_required
def fair_list_view(request):
    if request.method == "GET" and export_requested(request):
        return export_response(request, rows=fair_list(user=request.user).iterator(chunk_size=2000),
                               columns=FAIR_COLUMNS, filename="job-fairs")
    page = Paginator(fair_list(user=request.user), 25).get_page(request.GET.get("page"))
    form = FairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            fair = fairs.fair_create(actor=request.user, mode=form.cleaned_data["mode"],
                                     held_on=form.cleaned_data["held_on"], title=form.cleaned_data["title"],
                                     settlement_cc_id=int(form.cleaned_data["settlement_cc"]))
        except ValidationError as exc:
            _errors(form, exc)
        else:
            return redirect(fair)
    return render(request, "adaptation/support/fairs.html", {"page": page, "form": form},
                  status=400 if form.is_bound and form.errors else 200)


@login_required
def fair_detail(request, pk: int):
    fair = fair_get(user=request.user, pk=pk)
    return render(request, "adaptation/support/fair.html", {
        "fair": fair, "candidate_form": CandidateForm(fair=fair),
        # one participation form per candidate row, each with its own element ids
        "rows": [(c, ParticipationForm(auto_id=f"id_candidate_{c.pk}_%s"))
                 for c in fair.candidates.select_related("application__applicant")]})


@login_required
@require_POST
def fair_act(request, pk: int, action: str):
    fair = fair_get(user=request.user, pk=pk)
    try:
        if action == "add":
            form = CandidateForm(request.POST, fair=fair)
            if form.is_valid():
                fairs.fair_candidate_add(actor=request.user, fair_id=fair.pk,
                                         application_id=int(form.cleaned_data["application"]))
        elif action == "send":
            fairs.fair_list_send(actor=request.user, fair_id=fair.pk)
            messages.success(request, _("The candidate list was sent to %(org)s.") % {"org": fair.settlement_cc})
        elif action == "participation":
            form = ParticipationForm(request.POST)
            candidate = fair.candidates.filter(pk=request.POST.get("candidate")).first()
            if form.is_valid() and candidate is not None:
                fairs.fair_participation_record(actor=request.user, candidate_id=candidate.pk,
                                                participated=form.cleaned_data["participated"],
                                                outcome=form.cleaned_data["outcome"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(fair)
