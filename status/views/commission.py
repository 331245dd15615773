"""STA-3: the commission secretary's screen — the agenda as a compact table (earliest commission deadline
first, 50 a page) and ONE recommendation form: for the application the secretary picked (`?record=<pk>`),
else the first on the page (the one to consider next). A page of 400 full forms took 100× a bare page."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from kandas.exports import Column, export_requested, export_response
from kandas.roles import Role, user_has_role

from ..access import AGENDA_ROLES
from .. import selectors
from ..forms import RecommendForm

PAGE_SIZE = 50
# GEN-3: the agenda table's own columns (the recommendation form is not a column).
AGENDA_COLUMNS = [
    Column(gettext_lazy("number"), lambda a: a.ref), Column(gettext_lazy("Applicant"), lambda a: a.applicant.full_name),
    Column(gettext_lazy("sub-type"), lambda a: a.get_sub_type_display()),
    Column(gettext_lazy("due"), lambda a: a.commission_due)]


@login_required
def commission_agenda(request):
    if not user_has_role(request.user, *AGENDA_ROLES):
        raise PermissionDenied(_("Your role may not take this action."))
    agenda = selectors.commission_agenda(user=request.user)
    if export_requested(request):  # the whole agenda, every page of it
        return export_response(request, rows=agenda.iterator(chunk_size=2000), columns=AGENDA_COLUMNS,
                               filename="status-commission")
    page = Paginator(agenda, PAGE_SIZE).get_page(request.GET.get("page"))
    may_record = user_has_role(request.user, Role.COMMISSION_SECRETARY)
    current = None
    if may_record:
        wanted = request.GET.get("record", "")
        if wanted.isascii() and wanted.isdigit() and len(wanted) < 12:
            current = agenda.filter(pk=int(wanted)).first()  # scoped: another region's reads as not on the agenda
        if current is None and page.object_list:
            current = page.object_list[0]
    form = RecommendForm(case=current, auto_id=f"id_%s-{current.pk}") if current is not None else None
    return render(request, "status/commission.html", {
        "page": page, "current": current, "form": form, "today": timezone.localdate(), "may_record": may_record})
