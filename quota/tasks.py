from celery import shared_task
from django.utils import timezone

from kandas.models import Organisation, Region


@shared_task
def locality_lists_open_task() -> int:
    """QUO-12: open next year's list for every designated region that has an MIO (idempotent)."""
    from .services import locality_list_start

    year = timezone.localdate().year + 1
    regions = Region.objects.filter(is_settlement_region=True,
                                    organisations__kind=Organisation.Kind.MIO).distinct()
    return sum(1 for r in regions if locality_list_start(region_id=r.pk, year=year))
