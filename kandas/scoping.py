"""The one function that decides which records a user may see.

Every list, detail, export and API in the system passes its queryset through `scope_for`. A model says
how it reaches a region with `scope_region_fields` (any of them matching is enough: a case that
crosses regions is seen from both). National bodies (ministry, CRTR) and superusers see every region.
"""
from functools import reduce
import operator

from django.db.models import Q, QuerySet
from django.http import Http404


def user_organisation(user):
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return staff.organisation if staff else None


def user_region_id(user):
    org = user_organisation(user)
    return org.region_id if org else None


def user_is_national(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    org = user_organisation(user)
    return bool(org and org.is_national)


def scope_for(user, queryset: QuerySet) -> QuerySet:
    """The records of `queryset` this user may see."""
    if not user.is_authenticated:
        return queryset.none()
    if user_is_national(user):
        return queryset
    org = user_organisation(user)
    if org is None:
        return queryset.none()
    fields = getattr(queryset.model, "scope_region_fields", None)
    if not fields:
        raise TypeError(f"{queryset.model.__name__} declares no scope_region_fields")
    if org.region_id is None:
        # A foreign mission has no region: it sees what it filed itself (models may add 'organisation').
        org_fields = getattr(queryset.model, "scope_organisation_fields", ())
        if not org_fields:
            return queryset.none()
        return queryset.filter(reduce(operator.or_, (Q(**{f: org}) for f in org_fields)))
    condition = reduce(operator.or_, (Q(**{f: org.region_id}) for f in fields))
    for f in getattr(queryset.model, "scope_organisation_fields", ()):
        condition |= Q(**{f: org})
    return queryset.filter(condition)


def scoped_get_or_404(user, queryset: QuerySet, **lookup):
    """A single record the user may see, else 404 (someone else's region looks like nothing at all)."""
    try:
        return scope_for(user, queryset).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None
