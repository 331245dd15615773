from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ..models import Signature
from ..selectors import my_work_deadlines
from ..signing import signature_verify


@login_required
def my_work(request):
    """'My work': every open step of every case the user's organisation owns, overdue first."""
    qs = my_work_deadlines(user=request.user).select_related("organisation", "assignee")
    if request.GET.get("overdue"):
        qs = qs.filter(due__lt=timezone.localdate())
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "kandas/my_work.html", {"page": page, "today": timezone.localdate()})


@login_required
def notifications(request):
    qs = request.user.notifications.all()
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    if request.method == "POST":
        qs.filter(read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "kandas/notifications.html", {"page": page})


def signature_verify_page(request, pk: int):
    """Public: anyone holding a printed decision can check it (the QR code leads here)."""
    signature = get_object_or_404(Signature.objects.select_related("signer", "organisation"), pk=pk)
    return render(request, "kandas/signature_verify.html",
                  {"signature": signature, "result": signature_verify(signature)})
