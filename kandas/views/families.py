"""Families: search, page (kinship, adult/minor), creation and members."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_POST

from ..exports import Column, export_requested, export_response
from ..filters import filters_summary
from .. import services
from ..forms import FamilyMemberForm, PersonFilterForm
from ..models import Family, FamilyMember, Person
from ..roles import user_may_see_personal_data
from ..scoping import scope_for, scoped_get_or_404, user_is_national
from ..selectors import FAMILY_MATCH_LIMIT, family_search as family_search_select
from .registry import PAGE_SIZE, personal_data_required


# The search page's table: applicant, IIN (personal), members, region.
FAMILY_COLUMNS = [
    Column(gettext_lazy("Applicant"), lambda f: f.applicant.full_name),
    Column(gettext_lazy("IIN"), lambda f: f.applicant.iin or "", personal=True),
    Column(gettext_lazy("Members"), lambda f: f.member_count),
    Column(gettext_lazy("Region"), lambda f: str(f.region))]


@login_required
def family_search(request):
    form = PersonFilterForm(request.GET or None)
    query, page, capped = "", None, False
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"].strip()
        found = family_search_select(user=request.user, query=query, region=form.cleaned_data["region"])
        qs, capped = found.families.order_by("applicant__surname", "pk"), found.capped
        if export_requested(request):  # every match (at most FAMILY_MATCH_LIMIT), not only the page
            rows = qs.annotate(member_count=Count("members")).iterator(chunk_size=2000)
            return export_response(request, rows=rows, columns=FAMILY_COLUMNS, filename="families",
                                   list_name="family-search")
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        # Member counts for this page only: one grouped query, not a GROUP BY over every match.
        counts = dict(FamilyMember.objects.filter(family__in=[f.pk for f in page.object_list])
                      .values("family").annotate(n=Count("pk")).values_list("family", "n"))
        for family in page.object_list:
            family.member_count = counts.get(family.pk, 0)
    return render(request, "kandas/family_search.html", {
        "form": form, "q": query, "page": page, "searched": filters_summary(form, skip=("sex", "age", "status")),
        "show_region_filter": user_is_national(request.user),
        "capped": capped, "limit": FAMILY_MATCH_LIMIT,
        "may_see_personal_data": user_may_see_personal_data(request.user)})


def _family_for(user, pk: int) -> Family:
    return scoped_get_or_404(user, Family.objects.select_related("applicant", "region"), pk=pk)


@login_required
def family_detail(request, pk: int):
    """Applicant and members with kinship, age and adult/minor (derived from the birth date)."""
    family = _family_for(request.user, pk)
    members = list(family.members.select_related("person").order_by("pk"))
    may_see = user_may_see_personal_data(request.user)
    if may_see:
        services.personal_data_access_log_many(user=request.user, detail=request.path,
                                               persons=[family.applicant] + [m.person for m in members])
    services_allowed = [
        (service, label, [m for m in members if not m.allowed_for(service)])
        for service, label in (("adaptation", _("adaptation services")), ("quota", _("regional quota")))
    ]
    return render(request, "kandas/family_detail.html", {
        "family": family, "members": members, "may_see_personal_data": may_see,
        "services_allowed": services_allowed, "size": 1 + len(members)})


@login_required
@require_POST
def family_create(request, person_pk: int):
    personal_data_required(request.user)
    applicant = scoped_get_or_404(request.user, Person.objects.all(), pk=person_pk)
    existing = applicant.families_headed.first()
    if existing:
        messages.info(request, _("This person already heads a family."))
        return redirect(existing)
    family = services.family_create(actor=request.user, applicant_id=applicant.pk)
    messages.success(request, _("Family created. Add its members."))
    return redirect("kandas:family_member_add", pk=family.pk)


@login_required
def family_member_add(request, pk: int):
    personal_data_required(request.user)
    family = _family_for(request.user, pk)
    persons = scope_for(request.user, Person.objects.all())
    if request.method == "POST":
        form = FamilyMemberForm(request.POST, family=family, persons=persons)
        if form.is_valid():
            services.family_member_add(actor=request.user, family_id=family.pk, person_id=form.person.pk,
                                       kinship=form.cleaned_data["kinship"],
                                       is_married=form.cleaned_data["is_married"],
                                       lives_with_applicant=form.cleaned_data["lives_with_applicant"])
            messages.success(request, _("%(name)s added to the family.") % {"name": form.person.full_name})
            return redirect(family)
    else:
        form = FamilyMemberForm(initial={"iin": request.GET.get("iin", "")}, family=family, persons=persons)
    return render(request, "kandas/family_member_form.html", {"form": form, "family": family})


@login_required
@require_POST
def family_member_remove(request, pk: int, member_pk: int):
    personal_data_required(request.user)
    family = _family_for(request.user, pk)
    member = FamilyMember.objects.filter(family=family, pk=member_pk).first()
    if member:
        services.family_member_remove(actor=request.user, member_id=member.pk)
        messages.success(request, _("Member removed from the family."))
    return redirect(family)
