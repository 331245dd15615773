"""Duplicate registrations: the region's list (found nightly), the side-by-side comparison, merge, dismiss."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_POST

from .. import services
from ..duplicate_services import MERGE_ROLES, duplicate_dismiss, person_merge, person_pair_visible
from ..exports import Column, export_requested, export_response
from ..models import DuplicateCandidate, Person
from ..roles import user_has_role, user_may_see_personal_data
from ..scoping import scope_for
from ..selectors import person_name_filter


# The list's table: each name with the birth date shown under it, why, region (no IIN: the page shows none).
DUPLICATE_COLUMNS = [
    Column(gettext_lazy("Person"), lambda c: c.first.full_name),
    Column(gettext_lazy("Date of birth of the person"), lambda c: c.first.birth_date, personal=True),
    Column(gettext_lazy("Possible duplicate"), lambda c: c.second.full_name),
    Column(gettext_lazy("Date of birth of the possible duplicate"), lambda c: c.second.birth_date, personal=True),
    Column(gettext_lazy("Why"), lambda c: c.get_reason_display()),
    Column(gettext_lazy("Region"), lambda c: str(c.region))]


def _personal_data_or_404(user):
    # Analysts work with aggregates: for them the duplicate screens do not exist.
    if not user_may_see_personal_data(user):
        raise Http404


@login_required
def duplicate_list(request):
    """The pairs the nightly search found in the user's region (national users: every region)."""
    _personal_data_or_404(request.user)
    query = request.GET.get("q", "").strip()[:100]
    qs = scope_for(request.user, DuplicateCandidate.objects.all()).select_related("first", "second", "region")
    if query:
        qs = qs.filter(person_name_filter(query, "first__search_text") | person_name_filter(query, "second__search_text"))
    qs = qs.order_by("region__kato", "first__surname", "pk")
    if export_requested(request):
        return export_response(request, rows=qs.iterator(chunk_size=2000), columns=DUPLICATE_COLUMNS,
                               filename="duplicates")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "kandas/duplicates.html", {"page": page, "query": query})


def _pair_for(user, first_id: int, second_id: int) -> tuple[Person, Person]:
    try:
        return person_pair_visible(user, first_id, second_id)
    except Person.DoesNotExist:
        raise Http404 from None


def _cases(person: Person) -> list[str]:
    rows = []
    for related in ("status_applications", "quota_applications", "residence_applications", "support_applications"):
        manager = getattr(person, related, None)
        if manager is not None:
            rows.extend(case.ref for case in manager.all()[:20])
    return rows


@login_required
def duplicate_compare(request, first_id: int, second_id: int):
    """Two records side by side; merge into either, or dismiss as two different people. Both views are logged."""
    _personal_data_or_404(request.user)
    first, second = _pair_for(request.user, first_id, second_id)
    for person in (first, second):
        services.personal_data_access_log(user=request.user, person=person, detail=request.path)
    return render(request, "kandas/duplicate_compare.html", {
        "people": [(first, _cases(first)), (second, _cases(second))], "first": first, "second": second,
        "may_merge": user_has_role(request.user, *MERGE_ROLES)})


@login_required
@require_POST
def duplicate_resolve(request, first_id: int, second_id: int):
    _personal_data_or_404(request.user)
    first, second = _pair_for(request.user, first_id, second_id)
    action = request.POST.get("action")
    try:
        if action == "dismiss":
            duplicate_dismiss(user=request.user, first_id=first.pk, second_id=second.pk,
                              reason=request.POST.get("reason", ""))
            messages.success(request, _("Remembered: %(a)s and %(b)s are two different people.")
                             % {"a": first.full_name, "b": second.full_name})
            return redirect("kandas:duplicate_list")
        if action in ("keep_first", "keep_second"):
            kept, merged = (first, second) if action == "keep_first" else (second, first)
            person_merge(user=request.user, kept_id=kept.pk, merged_id=merged.pk)
            messages.success(request, _("The records were merged into %(name)s; every case now names this record.")
                             % {"name": kept.full_name})
            return redirect(kept.get_absolute_url())
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("kandas:duplicate_compare", first.pk, second.pk)
    messages.error(request, _("Choose which record to keep, or that these are two different people."))
    return redirect("kandas:duplicate_compare", first.pk, second.pk)
