"""QUO-12 screens: lists of localities (MIO), the public page, proposals to the ministry."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _, gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from kandas.casepage import case_page_context
from kandas.exports import Column, export_requested, export_response
from kandas.filters import query_filters
from kandas.roles import Role, user_has_role
from kandas.scoping import scope_for, scoped_get_or_404, user_organisation
from kandas.transitions import ActionNotAllowed

from .. import services
from ..filters import ProposalFilterForm, YearFilterForm
from ..forms import LocalityEntryForm, ProposalForm
from ..models import LocalityList, QuotaProposal
from ..selectors import locality_list_obligations, published_locality_lists

# GEN-3: each list exports the columns its page shows.
LOCALITY_LIST_COLUMNS = [
    Column(gettext_lazy("Number"), lambda lst: lst.ref), Column(gettext_lazy("Region"), lambda lst: lst.region),
    Column(gettext_lazy("For the year"), lambda lst: lst.year),
    Column(gettext_lazy("State"), lambda lst: lst.get_state_display()),
    Column(gettext_lazy("Published on"), lambda lst: lst.published_on)]
# The public page: one row per published locality, with the list it is published in (region, year, day).
PUBLIC_LOCALITY_COLUMNS = [
    Column(gettext_lazy("Region"), lambda r: r[0].region), Column(gettext_lazy("For the year"), lambda r: r[0].year),
    Column(gettext_lazy("Published on"), lambda r: r[0].published_on),
    Column(gettext_lazy("Locality"), lambda r: r[1].locality),
    Column(gettext_lazy("KATO code"), lambda r: r[1].locality.kato),
    Column(gettext_lazy("Direction"), lambda r: r[1].get_direction_display()),
    Column(gettext_lazy("Places (persons)"), lambda r: r[1].places),
    Column(gettext_lazy("Jobs and housing on offer"), lambda r: r[1].jobs)]
PROPOSAL_COLUMNS = [
    Column(gettext_lazy("Region"), lambda p: p.region),
    Column(gettext_lazy("Subject"), lambda p: f"{p.get_subject_display()} — {p.locality}" if p.locality_id
           else p.get_subject_display()),
    Column(capfirst(QuotaProposal._meta.get_field("justification").verbose_name), lambda p: p.justification),
    Column(gettext_lazy("Period"), lambda p: p.period), Column(pgettext_lazy("proposal", "Change"), lambda p: p.change),
    Column(gettext_lazy("State"), lambda p: p.get_state_display()), Column(gettext_lazy("Answer"), lambda p: p.answer)]


def _published_localities(lists):
    """(list, entry) per published locality; the lists come in chunks with their entries prefetched."""
    for lst in lists.iterator(chunk_size=2000):
        for entry in lst.entries.all():
            yield lst, entry


@login_required
def locality_lists(request):
    qs = scope_for(request.user, LocalityList.objects.select_related("region")).order_by("-year", "region__name_ru")
    if year := query_filters(request, YearFilterForm).get("year"):
        qs = qs.filter(year=year)
    org = user_organisation(request.user)
    if request.method == "POST":
        if not user_has_role(request.user, Role.MIO_SPECIALIST, Role.MIO_HEAD) or org is None or org.region is None:
            raise PermissionDenied
        lst = services.locality_list_start(region_id=org.region_id, year=timezone.localdate().year + 1,
                                           actor=request.user)
        return redirect(lst)
    if export_requested(request):
        return export_response(request, rows=qs.iterator(chunk_size=2000), columns=LOCALITY_LIST_COLUMNS,
                               filename="locality-lists")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "quota/locality_lists.html", {
        "page": page, "may_start": user_has_role(request.user, Role.MIO_SPECIALIST, Role.MIO_HEAD),
        "next_year": timezone.localdate().year + 1})


@login_required
def locality_list_detail(request, pk: int):
    lst = scoped_get_or_404(request.user, LocalityList.objects.select_related("region"), pk=pk)
    form = LocalityEntryForm(request.POST or None, region=lst.region)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "publish":
                services.locality_list_publish(list_id=lst.pk, actor=request.user)
                messages.success(request, _("The list is published and sent to the LMC and career centres."))
                return redirect(lst)
            if form.is_valid():
                d = form.cleaned_data
                services.locality_list_entry_add(list_id=lst.pk, actor=request.user, locality_id=d["locality"].pk,
                                                 direction=d["direction"], places=d["places"], jobs=d["jobs"])
                return redirect(lst)
        except (ActionNotAllowed, ValidationError) as exc:
            messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
            return redirect(lst)
    ctx = case_page_context(request.user, lst)
    ctx.update({"lst": lst, "entries": lst.entries.select_related("locality"), "form": form,
                "obligations": locality_list_obligations(lst).prefetch_related("deadlines"),
                "may_edit": user_has_role(request.user, Role.MIO_SPECIALIST, Role.MIO_HEAD)})
    return render(request, "quota/locality_list_detail.html", ctx)


def locality_lists_public(request):
    """003 p.8: the published lists, readable (and exportable) without logging in."""
    lists = published_locality_lists(year=query_filters(request, YearFilterForm).get("year"))
    if export_requested(request):  # published data: anyone may take it; an anonymous export is not logged
        return export_response(request, rows=_published_localities(lists), columns=PUBLIC_LOCALITY_COLUMNS,
                               filename="relocation-localities")
    return render(request, "quota/locality_lists_public.html", {"lists": lists})


@login_required
def proposals(request):
    qs = scope_for(request.user, QuotaProposal.objects.select_related("region", "locality"))
    if state := query_filters(request, ProposalFilterForm).get("state"):
        qs = qs.filter(state=state)
    org = user_organisation(request.user)
    is_mio = user_has_role(request.user, Role.MIO_SPECIALIST, Role.MIO_HEAD) and org is not None and org.region
    form = ProposalForm(request.POST or None, region_id=org.region_id) if is_mio else None
    if request.method == "POST":
        if not is_mio:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.proposal_create(actor=request.user, region_id=org.region_id, **{
                    "subject": form.cleaned_data["subject"], "period": form.cleaned_data["period"],
                    "change": form.cleaned_data["change"], "justification": form.cleaned_data["justification"],
                    "locality_id": form.cleaned_data["locality"].pk if form.cleaned_data["locality"] else None})
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Proposal saved."))
                return redirect("quota:proposals")
    if export_requested(request) and request.method != "POST":
        return export_response(request, rows=qs.iterator(chunk_size=2000), columns=PROPOSAL_COLUMNS,
                               filename="quota-proposals")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "quota/proposals.html", {
        "page": page, "form": form, "states": QuotaProposal.State.choices,
        "is_ministry": user_has_role(request.user, Role.MINISTRY_ANALYST), "is_mio": bool(is_mio)})


@login_required
@require_POST
def proposal_act(request, pk: int, action: str):
    proposal = scoped_get_or_404(request.user, QuotaProposal.objects.all(), pk=pk)
    try:
        if action == "send":
            services.proposal_send(proposal_id=proposal.pk, actor=request.user)
        elif action in ("accept", "reject"):
            services.proposal_answer(proposal_id=proposal.pk, actor=request.user, accepted=action == "accept",
                                     answer=request.POST.get("answer", ""))
        else:
            raise PermissionDenied
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("quota:proposals")
