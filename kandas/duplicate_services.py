"""Finding, dismissing and merging duplicate registrations (the key: kandas/duplicates.py).

A pair is a likely duplicate when both records have one `duplicate_key` and either the same date of birth,
or a family member in common (one of them without a date of birth). Two different IINs are two people.
Every lookup goes through the caller's scope (`scope_for`): a caseworker is never shown, and can never
merge, a record of a region it does not see. The same rule warns before a registration is saved
(`duplicates_for_new`) and shows an applicant's look-alikes on the case pages (`duplicates_of_applicant`).
"""
import itertools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .duplicates import duplicate_key
from .models import (DuplicateCandidate, DuplicateDismissal, DuplicateReason, FamilyMember, Person, PersonMerge,
                     Region)
from .roles import Role, user_has_role, user_may_see_personal_data
from .scoping import scope_for

MERGE_ROLES = (Role.MIO_SPECIALIST, Role.MIO_HEAD)


def _pair(a_id: int, b_id: int) -> tuple[int, int]:
    return (a_id, b_id) if a_id < b_id else (b_id, a_id)


def _family_ids(person_ids) -> dict[int, set[int]]:
    """For each person, the persons sharing a family with them (as head or member), one query."""
    rows = FamilyMember.objects.filter(Q(person_id__in=person_ids) | Q(family__applicant_id__in=person_ids)) \
        .values_list("family_id", "family__applicant_id", "person_id")
    by_family: dict[int, set[int]] = {}
    for family_id, head_id, member_id in rows:
        by_family.setdefault(family_id, {head_id}).add(member_id)
    relatives: dict[int, set[int]] = {}
    for people in by_family.values():
        for pid in people:
            relatives.setdefault(pid, set()).update(people - {pid})
    return relatives


def _dismissed(pairs) -> set[tuple[int, int]]:
    if not pairs:
        return set()
    firsts = {a for a, _ in pairs}
    return set(DuplicateDismissal.objects.filter(first_id__in=firsts).values_list("first_id", "second_id"))


def _is_duplicate(a: dict, b: dict, relatives: dict[int, set[int]]) -> str | None:
    if a["iin"] and b["iin"] and a["iin"] != b["iin"]:
        return None
    if a["birth_date"] and b["birth_date"]:
        return DuplicateReason.BIRTH_DATE if a["birth_date"] == b["birth_date"] else None
    if relatives.get(a["id"], set()) & relatives.get(b["id"], set()):
        return DuplicateReason.FAMILY
    return None


_FIELDS = ("id", "iin", "birth_date", "duplicate_key", "region_id")


def _likely(*, user, me: dict) -> dict[int, str]:
    """{id: reason} of the persons the user may see that the record `me` (its _FIELDS; id None for one not
    saved yet) likely duplicates, the dismissed pairs left out: the one matching rule of the page and the form."""
    if not me["duplicate_key"]:
        return {}
    candidates = Person.objects.filter(duplicate_key=me["duplicate_key"])
    if me["id"] is not None:
        candidates = candidates.exclude(pk=me["id"])
    others = list(scope_for(user, candidates).values(*_FIELDS)[:50])
    if not others:
        return {}
    if me["id"] is None:  # nobody's relative yet, nothing dismissed yet
        relatives, dismissed = {}, set()
    else:
        relatives = _family_ids([me["id"], *(o["id"] for o in others)])
        dismissed = _dismissed([_pair(me["id"], o["id"]) for o in others])
    return {o["id"]: reason for o in others
            if (me["id"] is None or _pair(me["id"], o["id"]) not in dismissed)
            and (reason := _is_duplicate(me, o, relatives))}


def duplicates_of(*, user, person: Person) -> list[tuple[Person, str]]:
    """The likely duplicates of one person that the user may see, with the reason (not the dismissed)."""
    found = _likely(user=user, me={f: getattr(person, f) for f in _FIELDS})
    if not found:
        return []
    people = Person.objects.in_bulk(list(found))
    return [(people[pk], DuplicateReason(reason).label) for pk, reason in found.items()]


def duplicates_of_applicant(*, user, person: Person) -> list[tuple[Person, str]]:
    """The case page's panel: the applicant's likely duplicates, for a user who may see personal data and the
    applicant's registry record itself (Decision 18: the filer of another region's person is shown none, as
    the look-alikes would tell the name and birth date it may not see)."""
    if not user_may_see_personal_data(user) or not scope_for(user, Person.objects.filter(pk=person.pk)).exists():
        return []
    return duplicates_of(user=user, person=person)


def duplicates_for_new(*, user, surname: str, given_name: str, birth_date, iin: str | None = None) -> list[Person]:
    """The persons the user may see that a registration about to be saved likely duplicates: one name key and
    the same date of birth (without a date, or with another IIN, none)."""
    if birth_date is None:
        return []
    me = {"id": None, "iin": iin or None, "birth_date": birth_date, "region_id": None,
          "duplicate_key": duplicate_key(surname=surname or "", given_name=given_name or "")}
    found = _likely(user=user, me=me)
    return list(Person.objects.filter(pk__in=list(found)).select_related("region")) if found else []


def duplicates_find(*, region: Region) -> int:
    """The nightly search of one region: replace its candidate list; returns the number of pairs."""
    keys = (Person.objects.filter(region=region).exclude(duplicate_key="").values("duplicate_key")
            .annotate(n=Count("id")).filter(n__gt=1).values_list("duplicate_key", flat=True))
    rows = list(Person.objects.filter(region=region, duplicate_key__in=keys).order_by("duplicate_key", "id")
                .values(*_FIELDS))
    relatives = _family_ids([r["id"] for r in rows])
    found = {}
    for _key, group in itertools.groupby(rows, key=lambda r: r["duplicate_key"]):
        for a, b in itertools.combinations(list(group), 2):
            if reason := _is_duplicate(a, b, relatives):
                found[_pair(a["id"], b["id"])] = reason
    dismissed = _dismissed(list(found))
    with transaction.atomic():
        DuplicateCandidate.objects.filter(region=region).delete()
        DuplicateCandidate.objects.bulk_create(
            DuplicateCandidate(region=region, first_id=a, second_id=b, reason=reason)
            for (a, b), reason in found.items() if (a, b) not in dismissed)
    return len(found) - len(dismissed & set(found))


def person_pair_visible(user, a_id: int, b_id: int) -> tuple[Person, Person]:
    """Two different persons, both within the user's scope, else Person.DoesNotExist (never which one exists)."""
    people = scope_for(user, Person.objects.filter(Q(pk=a_id) | Q(pk=b_id)).select_related("region")).in_bulk()
    if a_id == b_id or len(people) != 2:
        raise Person.DoesNotExist
    return people[a_id], people[b_id]


@transaction.atomic
def duplicate_dismiss(*, user, first_id: int, second_id: int, reason: str = "") -> DuplicateDismissal:
    """"Two different people": remembered, so that neither the page nor the nightly search proposes them again."""
    person_pair_visible(user, first_id, second_id)
    a, b = _pair(first_id, second_id)
    dismissal, _created = DuplicateDismissal.objects.get_or_create(
        first_id=a, second_id=b, defaults={"dismissed_by": user, "reason": reason[:500]})
    DuplicateCandidate.objects.filter(first_id=a, second_id=b).delete()
    return dismissal


_FILLED_FROM_MERGED = ("patronymic", "birth_date", "birth_place", "sex", "citizenship", "country_of_exit",
                       "address", "phone", "email", "kandas_status_since", "kandas_status_until", "quota_included_on")


_OWN_MODELS = (DuplicateCandidate, DuplicateDismissal)  # the duplicate's own pairs go with it


def _person_references():
    """Every foreign key to Person except the history tables (history stays as it was written)."""
    for rel in Person._meta.related_objects:
        model = rel.related_model
        if rel.many_to_many or model._meta.model_name.startswith("historical") or model in _OWN_MODELS:
            continue
        yield model, rel.field.name


@transaction.atomic
def person_merge(*, user, kept_id: int, merged_id: int) -> PersonMerge:
    """Merge a duplicate registration into the kept one: every case, family, document, consent and log row
    that named the duplicate names the kept person; blank fields of the kept record are filled from the
    duplicate; the duplicate record is removed, its history kept; the merge is logged with what moved."""
    if not user_has_role(user, *MERGE_ROLES):
        raise PermissionDenied(_("Only an MIO specialist or head may merge registrations."))
    if kept_id == merged_id:
        raise ValidationError(_("A record cannot be merged into itself."))
    person_pair_visible(user, kept_id, merged_id)
    kept, merged = (Person.objects.select_for_update().get(pk=pk) for pk in (kept_id, merged_id))
    if kept.iin and merged.iin and kept.iin != merged.iin:
        raise ValidationError(_("The two records have different IINs: they are two people, not one."))
    moved = {}
    for model, field in _person_references():
        try:
            with transaction.atomic():
                count = model._base_manager.filter(**{field: merged}).update(**{field: kept})
        except IntegrityError:
            raise ValidationError(_("Both records appear in one %(what)s; correct it before merging.")
                                  % {"what": model._meta.verbose_name}) from None
        if count:
            moved[f"{model._meta.label_lower}.{field}"] = count
    log = PersonMerge(kept=kept, merged_person_id=merged.pk, merged_name=merged.full_name,
                      merged_iin=merged.iin or "", merged_by=user, moved=moved)
    iin = merged.iin
    for field in _FILLED_FROM_MERGED:
        if not getattr(kept, field) and getattr(merged, field):
            setattr(kept, field, getattr(merged, field))
    merged._change_reason = f"merged into {kept.pk}"
    merged.delete()
    if iin and not kept.iin:
        kept.iin = iin
    kept._change_reason = f"merged {log.merged_person_id} into this record"
    kept.save()
    log.save()
    return log
