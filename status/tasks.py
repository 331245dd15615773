from celery import shared_task

from .services import statuses_expire_due


@shared_task
def statuses_expire_task() -> int:
    """STA-9 (Celery beat, nightly): expire unextended statuses and announce kandas_status_expired."""
    return len(statuses_expire_due())
