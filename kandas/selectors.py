"""Reads other apps may use (STYLE.md: apps talk through services and selectors)."""
from django.db.models import Q, QuerySet
from unidecode import unidecode

from .models import Deadline, Family, Person
from .scoping import scope_for, user_organisation


def person_search(*, user, query: str) -> QuerySet[Person]:
    """IIN (exact) or name (substring, Cyrillic or Latin spelling) within the user's scope."""
    query = (query or "").strip()
    qs = scope_for(user, Person.objects.select_related("region"))
    if not query:
        return qs.none()
    if query.isdigit():
        return qs.filter(iin=query) if len(query) == 12 else qs.filter(iin__startswith=query)
    lowered = query.lower()
    latin = unidecode(query).lower()
    return qs.filter(Q(search_text__contains=lowered) | Q(search_text__contains=latin))


def person_get(*, user, pk: int) -> Person:
    from .scoping import scoped_get_or_404

    return scoped_get_or_404(user, Person.objects.select_related("region"), pk=pk)


def my_work_deadlines(*, user) -> QuerySet[Deadline]:
    """Open steps of every case the user's organisation owns, overdue first (breached, or open and past
    due), then by due date; paused steps go last among equals (their clock is stopped)."""
    from django.db.models import Case, IntegerField, Value, When
    from django.utils import timezone

    org = user_organisation(user)
    qs = Deadline.objects.filter(state__in=(Deadline.State.OPEN, Deadline.State.BREACHED, Deadline.State.PAUSED),
                                 closed_at__isnull=True)
    qs = qs.annotate(overdue_rank=Case(
        When(state=Deadline.State.BREACHED, then=Value(0)),
        When(state=Deadline.State.OPEN, due__lt=timezone.localdate(), then=Value(0)),
        default=Value(1), output_field=IntegerField(),
    )).order_by("overdue_rank", "due", "pk")
    if org is None:
        return qs if user.is_superuser else qs.none()
    return scope_for(user, qs.filter(organisation=org))


def family_of(*, user, pk: int) -> Family:
    from .scoping import scoped_get_or_404

    return scoped_get_or_404(user, Family.objects.select_related("applicant", "region"), pk=pk)


def organisation_of(*, kind: str, region=None):
    """The organisation of `kind` serving `region` (the first one if a region has several), or None."""
    from .models import Organisation

    return Organisation.objects.filter(kind=kind, region=region).order_by("pk").first()
