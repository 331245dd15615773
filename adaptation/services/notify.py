"""In-app notifications of the residence slice (sent on commit; the key makes them idempotent)."""
from kandas.models import Notification, Staff


def organisation_notify(*, organisation_id: int, key: str, text: str, link: str = "") -> int:
    users = Staff.objects.filter(organisation_id=organisation_id).values_list("user_id", flat=True)
    rows = [Notification(user_id=u, key=key, text=text[:500], link=link) for u in users]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
