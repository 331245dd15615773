"""Celery tasks of the case machinery. Tasks take ids (or nothing), load, and call services."""
import datetime
import logging
import smtplib

from celery import shared_task
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .deadlines import deadline_sweep, deadlines_warn_calendar_dates

logger = logging.getLogger(__name__)

EMAIL_LIMIT = 5000  # per run; the next run (every 5 minutes) continues


@shared_task
def deadlines_sweep_task() -> dict:
    """Periodic (Celery beat): mark breaches, notify once, warn ahead of calendar dates (CAL-3)."""
    result = deadline_sweep()
    result["warnings"] = deadlines_warn_calendar_dates()
    return result


@shared_task
def obligations_generate_task() -> int:
    """Periodic (daily by Celery beat): create the periodic obligations due to exist today, each once
    (kandas.obligation_services.obligations_generate); a rerun or a restarted worker creates none twice."""
    from .obligation_services import obligations_generate

    return obligations_generate()


@shared_task
def notifications_email() -> int:
    """E-mail every in-app notification not yet e-mailed, each once.

    A row is claimed under `SELECT … FOR UPDATE SKIP LOCKED`, sent and stamped in its own short
    transaction: two workers never send the same row, and a crash can at worst send again the one
    message being sent at that moment (never a whole batch)."""
    from .models import Notification

    sent = 0
    connection = get_connection()
    pending = Notification.objects.filter(emailed_at__isnull=True).exclude(user__email="")
    while sent < EMAIL_LIMIT:
        with transaction.atomic():
            n = pending.select_for_update(skip_locked=True, of=("self",)).select_related("user").order_by("pk").first()
            if n is None:
                break
            message = EmailMessage(_("Kandas: %(text)s") % {"text": n.text[:80]},
                                   n.text + ("\n\n" + n.link if n.link else ""), None, [n.user.email],
                                   connection=connection)
            try:
                message.send()
            except (OSError, smtplib.SMTPException) as exc:
                # The mail server is away: the notification stays in the app and is e-mailed by a later run.
                # Never fail the caller: an eager run sits inside the request of the act that notified.
                logger.warning("notifications_email: mail server unavailable (%s); %d left for later", exc,
                               pending.count())
                break
            Notification.objects.filter(pk=n.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


@shared_task
def calendar_seed_next_year_task() -> int:
    """CAL-2: make sure next year's calendar exists (yearly by beat); running deadlines over the added
    days are recomputed. Administrators' edits are kept."""
    from .calendar_seed import calendar_seed_default
    from .deadlines import deadlines_recompute_after_calendar_change

    with transaction.atomic():
        added = calendar_seed_default(datetime.date.today())
        for day in added:
            deadlines_recompute_after_calendar_change(changed_day=day)
    return len(added)


@shared_task
def duplicates_find_task() -> dict:
    """Nightly (Celery beat): renew each region's list of possible duplicate registrations."""
    from .duplicate_services import duplicates_find
    from .models import Region

    return {region.kato: duplicates_find(region=region) for region in Region.objects.all()}
