"""In-app notifications (the red badge; e-mailed by kandas.tasks.notifications_email), written after the
transaction commits so a rolled-back action tells nobody. The key makes sending idempotent: the same
event never notifies a user twice. The text is a stored message (kandas.texts), read in the reader's
language; `Notification.text` keeps the installation's language for the e-mail."""
from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import translation

from .models import Notification, Staff
from .texts import text_render


def notify_users(*, user_ids: Iterable[int], key: str, message: dict, link: str = "") -> int:
    """Notify these users now (inside the caller's transaction); returns the number of rows offered."""
    with translation.override(settings.LANGUAGE_CODE):
        plain = text_render(message)[:500]
    rows = [Notification(user_id=u, key=key[:120], text=plain, message=message, link=link) for u in set(user_ids)]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if rows:
        from .tasks import notifications_email

        transaction.on_commit(notifications_email.delay)
    return len(rows)


def notify_users_on_commit(*, user_ids: Iterable[int], key: str, message: dict, link: str = "") -> None:
    user_ids = list(user_ids)
    transaction.on_commit(lambda: notify_users(user_ids=user_ids, key=key, message=message, link=link))


def organisation_notify_on_commit(*, organisation, key: str, message: dict, link: str = "",
                                  heads_only: bool = False) -> None:
    """Tell the staff of `organisation` (an Organisation or its id) once the transaction commits."""
    organisation_id = getattr(organisation, "pk", organisation)

    def send():
        staff = Staff.objects.filter(organisation_id=organisation_id)
        if heads_only:
            staff = staff.filter(is_head=True)
        notify_users(user_ids=staff.values_list("user_id", flat=True), key=key, message=message, link=link)

    transaction.on_commit(send)
