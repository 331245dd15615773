"""STA-3: the commission secretary's screen — the agenda as a compact table (earliest commission deadline
first, 50 a page) and ONE recommendation form: for the application the secretary picked (`?record=<pk>`),
else the first on the page (the one to consider next). A page of 400 full forms took 100× a bare page."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kandas.roles import Role, user_has_role

from ..access import AGENDA_ROLES
from .. import selectors
from ..forms import RecommendForm

PAGE_SIZE = 50


@login_required
def commission_agenda(request):
    if not user_has_role(request.user, *AGENDA_ROLES):
        raise PermissionDenied(_("Your role may not take this action."))
    agenda = selectors.commission_agenda(user=request.user)
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
