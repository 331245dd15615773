from celery import shared_task
from django.utils import timezone


@shared_task
def locality_lists_open_task() -> int:
    """QUO-12, kept for beat schedules created before periodic obligations: the yearly list is now an
    obligation (quota.obligations) that kandas' daily generator creates; this runs the generator for it."""
    from kandas.obligation_services import obligations_generate

    from .obligations import OBLIGATION_KINDS

    return obligations_generate(today=timezone.localdate(), kinds=OBLIGATION_KINDS)
