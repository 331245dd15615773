"""The plan-item inbox of a settlement CC or LMC: what the centre must do, by due date, with a link to each item's
phone page (ADA-16). Two queries for the list however many items: the page and its count."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from kandas.exports import Column, export_requested, export_response
from kandas.scoping import user_is_national

from ..selectors.plan_inbox import InboxFilter, inbox_items, inbox_region_id
from .plans import service_label

PAGE_SIZE = 25
COUNT_CAP = 1000  # a region has ~600,000 items: counting them all costs more than the page; 40 pages is enough


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows (a LIMIT subquery the due-date index answers) and says "more than"."""

    @cached_property
    def count(self):
        return self.object_list.order_by()[:COUNT_CAP + 1].count()

    @property
    def capped(self):
        return self.count > COUNT_CAP


INBOX_COLUMNS = [
    Column(gettext_lazy("Case"), lambda i: i.plan.application.ref),
    Column(gettext_lazy("Applicant"), lambda i: i.plan.application.applicant.full_name),
    Column(gettext_lazy("Family member"), lambda i: i.person.full_name),
    Column(gettext_lazy("IIN"), lambda i: i.person.iin or "", personal=True),
    Column(gettext_lazy("Service"), lambda i: service_label(i.service)), Column(gettext_lazy("Due"), lambda i: i.due),
    Column(gettext_lazy("Done on"), lambda i: i.completed_on)]


@login_required
def plan_inbox(request):
    if inbox_region_id(request.user) is None and not user_is_national(request.user):
        raise PermissionDenied(_("The plan-item inbox is kept by the settlement career centre and its LMC."))
    form = InboxFilter(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    qs = inbox_items(user=request.user, state=data.get("state") or "", service=data.get("service"),
                     month=data.get("month"), query=data.get("q") or "", today=today)
    if export_requested(request):
        return export_response(request, rows=qs.iterator(chunk_size=2000), columns=INBOX_COLUMNS,
                               filename="plan-items")
    page = CappedPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for item in page.object_list:
        item.label = service_label(item.service)
        item.overdue = not item.completed_on and item.due < today
    return render(request, "adaptation/plans/inbox.html", {"form": form, "page": page, "today": today,
                                                             "cap": COUNT_CAP})
