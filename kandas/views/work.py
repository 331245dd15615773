from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ..models import Deadline, Signature
from ..selectors import my_work_deadlines
from ..signing import signature_verify


@login_required
def my_work(request):
    """'My work': every open step of every case the user's organisation owns, overdue first.

    Filters: ?overdue=1, ?rule=STA-3, ?step=<text>; 50 a page; a constant number of queries."""
    today = timezone.localdate()
    base = my_work_deadlines(user=request.user)
    qs = base.select_related("organisation", "assignee")
    if request.GET.get("overdue"):
        qs = qs.filter(Q(state=Deadline.State.BREACHED) | Q(state=Deadline.State.OPEN, due__lt=today))
    if rule := request.GET.get("rule", "").strip():
        qs = qs.filter(rule=rule)
    if step := request.GET.get("step", "").strip():
        qs = qs.filter(step__icontains=step)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    rules = sorted(set(base.order_by().values_list("rule", flat=True).distinct()))
    return render(request, "kandas/my_work.html", {
        "page": page, "today": today, "rules": rules,
        "filters": {"overdue": request.GET.get("overdue", ""), "rule": rule, "step": step},
    })


@login_required
def notifications(request):
    qs = request.user.notifications.all()
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    if request.method == "POST":
        qs.filter(read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "kandas/notifications.html", {"page": page})


def signature_verify_page(request, token):
    """Public: anyone holding a printed decision can check it (the QR code leads here)."""
    signature = get_object_or_404(Signature.objects.select_related("signer", "organisation"), token=token)
    return render(request, "kandas/signature_verify.html",
                  {"signature": signature, "result": signature_verify(signature)})
