"""QUO-5 / QUO-6: the commission's agenda — the applications waiting for its recommendation, by sitting day.

Each row links to the case and carries one small form (a hidden field and a button) to recommend inclusion;
remarks with a hearing are written on the case page. No per-row Django form is built (the status agenda's
cost), so the page costs the same few queries at 10 rows and at 200."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kandas.roles import Role, user_has_role

from ..selectors import commission_agenda as select_agenda

AGENDA_ROLES = (Role.COMMISSION_SECRETARY, Role.MIO_SPECIALIST, Role.MIO_HEAD)
PAGE_SIZE = 50


@login_required
def commission_agenda(request):
    if not user_has_role(request.user, *AGENDA_ROLES):
        raise PermissionDenied(_("Your role may not take this action."))
    page = Paginator(select_agenda(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "quota/commission.html", {
        "page": page, "today": timezone.localdate(),
        "may_record": user_has_role(request.user, Role.COMMISSION_SECRETARY)})
