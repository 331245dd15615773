"""QUO-5 / QUO-6: the commission's agenda — the applications waiting for its recommendation, by sitting day.

Each row links to the case and carries one small form (a hidden field and a button) to recommend inclusion;
remarks with a hearing are written on the case page. No per-row Django form is built (the status agenda's
cost), so the page costs the same few queries at 10 rows and at 200."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from kandas.exports import Column, export_requested, export_response
from kandas.roles import Role, user_has_role

from ..selectors import commission_agenda as select_agenda

AGENDA_ROLES = (Role.COMMISSION_SECRETARY, Role.MIO_SPECIALIST, Role.MIO_HEAD)
PAGE_SIZE = 50
# GEN-3: the agenda table's own columns (the recommendation buttons are not a column).
AGENDA_COLUMNS = [
    Column(gettext_lazy("Number"), lambda a: a.ref), Column(gettext_lazy("Applicant"), lambda a: a.applicant.full_name),
    Column(gettext_lazy("Sub-service"), lambda a: a.get_kind_display()),
    Column(gettext_lazy("Sent to the commission"), lambda a: a.sent_to_commission_on),
    Column(gettext_lazy("Deadline"), lambda a: a.commission_due)]


@login_required
def commission_agenda(request):
    if not user_has_role(request.user, *AGENDA_ROLES):
        raise PermissionDenied(_("Your role may not take this action."))
    agenda = select_agenda(user=request.user)
    if export_requested(request):  # the whole agenda, every sitting day
        return export_response(request, rows=agenda.iterator(chunk_size=2000), columns=AGENDA_COLUMNS,
                               filename="quota-commission")
    page = Paginator(agenda, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "quota/commission.html", {
        "page": page, "today": timezone.localdate(),
        "may_record": user_has_role(request.user, Role.COMMISSION_SECRETARY)})
