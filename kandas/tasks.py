from celery import shared_task
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .deadlines import deadline_sweep, deadlines_warn_calendar_dates


@shared_task
def deadlines_sweep_task() -> dict:
    """Periodic (Celery beat): mark breaches, notify once, warn ahead of calendar dates."""
    result = deadline_sweep()
    result["warnings"] = deadlines_warn_calendar_dates()
    return result


@shared_task
def notifications_email() -> int:
    """E-mail every in-app notification not yet e-mailed; rows are claimed under lock, so twice-run
    workers never send the same one twice."""
    from .models import Notification

    sent = 0
    with transaction.atomic():
        batch = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(emailed_at__isnull=True).exclude(user__email="").select_related("user")[:500]
        )
        for n in batch:
            send_mail("Kandas: " + n.text[:60], n.text, None, [n.user.email], fail_silently=True)
            sent += 1
        Notification.objects.filter(pk__in=[n.pk for n in batch]).update(emailed_at=timezone.now())
    return sent
