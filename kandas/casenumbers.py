import datetime

from django.db import transaction


def case_ref_next(prefix: str, filed_on: datetime.date | None) -> str:
    """The next case number for this prefix and year; the counter row is locked, so numbers never repeat."""
    from .models import CaseCounter

    year = (filed_on or datetime.date.today()).year
    with transaction.atomic():
        counter, _ = CaseCounter.objects.select_for_update().get_or_create(prefix=prefix, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:06d}"
