"""STA-3: the commission secretary's screen — today's agenda, one recommendation form per application."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kandas.roles import Role, user_has_role

from ..access import AGENDA_ROLES
from .. import selectors
from ..forms import RecommendForm


@login_required
def commission_agenda(request):
    if not user_has_role(request.user, *AGENDA_ROLES):
        raise PermissionDenied(_("Your role may not take this action."))
    rows = [{"case": app, "form": RecommendForm(case=app, auto_id=f"id_%s-{app.pk}")} for app in selectors.commission_agenda(user=request.user)]
    return render(request, "status/commission.html", {
        "rows": rows, "today": timezone.localdate(),
        "may_record": user_has_role(request.user, Role.COMMISSION_SECRETARY)})
