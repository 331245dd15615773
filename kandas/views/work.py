from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_POST

from ..exports import Column, export_requested, export_response, rows_in_chunks
from ..holders import step_assign
from ..models import Deadline, Signature
from ..scoping import scoped_get_or_404
from ..selectors import MyWorkRows, case_applicants, my_work_deadlines, overdue_condition
from ..signing import signature_verify

TABS = ("mine", "unassigned", "colleagues")
MY_WORK_COLUMNS = [
    Column(gettext_lazy("Case"), lambda d: d.case_ref), Column(gettext_lazy("Applicant"), lambda d: d.applicant_name),
    Column(gettext_lazy("Step"), lambda d: d.step_label), Column(gettext_lazy("Rule"), lambda d: d.rule),
    Column(gettext_lazy("Due"), lambda d: d.due), Column(gettext_lazy("State"), lambda d: d.get_state_display()),
    Column(gettext_lazy("Overdue"), lambda d: _("yes") if d.overdue_rank == 0 else ""),
    Column(gettext_lazy("Assignee"), lambda d: (d.assignee.get_full_name() or d.assignee.username) if d.assignee else "")]
NOTIFICATION_COLUMNS = [
    Column(gettext_lazy("Date"), lambda n: timezone.localtime(n.created_at)),
    Column(gettext_lazy("Notification"), lambda n: n.display_text),
    Column(gettext_lazy("Read on"), lambda n: timezone.localtime(n.read_at) if n.read_at else "")]


def _with_applicants(user):
    def prepare(rows):
        applicants = case_applicants(user=user, rows=rows)
        for d in rows:
            d.applicant_name = applicants.get((d.case_type_id, d.case_id), "")
    return prepare


@login_required
def my_work(request):
    """'My work': every open step held by the user's organisation, overdue first, in three tabs: assigned
    to me, my organisation's unassigned, assigned to colleagues.

    Filters: ?tab=, ?overdue=1, ?rule=STA-3, ?step=<text>; 50 a page; a constant number of queries."""
    today = timezone.localdate()
    base = my_work_deadlines(user=request.user)
    conditions = {"mine": Q(assignee=request.user), "unassigned": Q(assignee__isnull=True),
                  "colleagues": Q(assignee__isnull=False) & ~Q(assignee=request.user)}
    tabs = {name: base.filter(condition) for name, condition in conditions.items()}
    # the three badges and the rule filter's choices from one scan of the organisation's open steps
    by_rule = list(base.order_by().values("rule").annotate(**{name: Count("pk", filter=c)
                                                             for name, c in conditions.items()}))
    counts = {name: sum(row[name] for row in by_rule) for name in TABS}
    rules = sorted(row["rule"] for row in by_rule)
    tab = request.GET.get("tab", "")
    if tab not in TABS:
        tab = "mine" if counts["mine"] else "unassigned"
    qs = tabs[tab].select_related("organisation", "assignee")
    if request.GET.get("overdue"):
        qs = qs.filter(overdue_condition())
    if rule := request.GET.get("rule", "").strip():
        qs = qs.filter(rule=rule)
    if step := request.GET.get("step", "").strip():
        qs = qs.filter(step__icontains=step)
    rows = MyWorkRows(qs)
    if export_requested(request):  # the whole tab under its filters, overdue first, as on the page
        return export_response(request, rows=rows_in_chunks(rows.iterator(), _with_applicants(request.user)),
                               columns=MY_WORK_COLUMNS, filename="my-work")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    _with_applicants(request.user)(page.object_list)
    return render(request, "kandas/my_work.html", {
        "page": page, "today": today, "rules": rules, "tab": tab,
        "tabs": [(name, label, counts[name]) for name, label in (
            ("mine", _("Assigned to me")), ("unassigned", _("Unassigned in my organisation")),
            ("colleagues", _("Assigned to colleagues")))],
        "filters": {"overdue": request.GET.get("overdue", ""), "rule": rule, "step": step},
    })


@login_required
@require_POST
def step_assign_view(request, pk: int):
    """A head assigns a running step of their organisation to one of its specialists (ADA-5 p.11)."""
    deadline = scoped_get_or_404(request.user, Deadline.objects.all(), pk=pk)
    raw = request.POST.get("assignee", "").strip()
    assignee_id = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else None
    if raw and assignee_id is None:
        messages.error(request, _("Choose a member of staff from the list."))
        return redirect(deadline.case_url or "kandas:my_work")
    try:
        step_assign(deadline_id=deadline.pk, assignee_id=assignee_id, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Assignment saved."))
    return redirect(deadline.case_url or "kandas:my_work")


@login_required
def notifications(request):
    """The user's notifications, newest first; ?unread=1 keeps the unread ones."""
    qs = request.user.notifications.all()
    unread = bool(request.GET.get("unread"))
    if unread:
        qs = qs.filter(read_at__isnull=True)
    if export_requested(request) and request.method == "GET":
        return export_response(request, rows=qs.iterator(chunk_size=2000), columns=NOTIFICATION_COLUMNS,
                               filename="notifications")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    if request.method == "POST":
        qs.filter(read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "kandas/notifications.html", {"page": page, "unread": unread})


def signature_verify_page(request, token):
    """Public: anyone holding a printed decision can check it (the QR code leads here)."""
    signature = get_object_or_404(Signature.objects.select_related("signer", "organisation"), token=token)
    return render(request, "kandas/signature_verify.html",
                  {"signature": signature, "result": signature_verify(signature)})
