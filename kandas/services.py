"""Writes on the shared registry that other apps make (STYLE.md: apps talk through services)."""
import datetime

from django.db import transaction

from .models import Person


@transaction.atomic
def person_kandas_status_set(*, person_id: int, since: datetime.date | None, until: datetime.date | None) -> Person:
    """Record the kandas status period in the registry (status app: assignment, extension, expiry)."""
    person = Person.objects.select_for_update().get(pk=person_id)
    person.kandas_status_since, person.kandas_status_until = since, until
    person.save(update_fields=["kandas_status_since", "kandas_status_until"])
    return person


@transaction.atomic
def person_quota_included_set(*, person_id: int, on: datetime.date | None) -> Person:
    """Record inclusion in a regional quota (QUO-1: a person is included once)."""
    person = Person.objects.select_for_update().get(pk=person_id)
    person.quota_included_on = on
    person.save(update_fields=["quota_included_on"])
    return person
