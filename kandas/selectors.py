"""Reads other apps may use (STYLE.md: apps talk through services and selectors)."""
import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .models import ADULT_AGE, Deadline, Family, FamilyMember, Person
from .roles import user_may_see_personal_data
from .scoping import scope_for, user_organisation
from .translit import name_fold, name_fold_words

# Shorter name fragments match too much to be useful and defeat the trigram index.
NAME_QUERY_MIN = 3
FAMILY_MATCH_LIMIT = 1000


def _years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def person_name_filter(query: str, field: str = "search_text") -> Q:
    """Every word of the query, in any spelling (Cyrillic, Latin, Kazakh Latin) and in any order, is a
    substring of the folded name: "Bauyrzhan Kasymov" finds Қасымов Бауыржан. One `LIKE '%word%'` per word
    on the same column, all served by its trigram index (kandas.translit documents the folding)."""
    condition = Q()
    for word in name_fold_words(query):
        condition &= Q(**{f"{field}__contains": word})
    return condition


def _name_query_long_enough(query: str) -> bool:
    return len(name_fold(query).replace(" ", "")) >= NAME_QUERY_MIN


def person_search(*, user, query: str, region=None, sex: str = "", age_group: str = "",
                  kandas_status: str = "") -> QuerySet[Person]:
    """IIN (exact, or the first digits) or name (substring, Cyrillic or Latin spelling) within the user's scope.

    Users who may not see personal data (national analysts) search by name only: an IIN is personal data.
    Empty or too short queries find nothing rather than the whole registry.
    """
    query = " ".join((query or "").split())
    qs = scope_for(user, Person.objects.select_related("region"))
    if query.isdigit():
        if not user_may_see_personal_data(user):
            return qs.none()
        qs = qs.filter(iin=query) if len(query) == 12 else qs.filter(iin__startswith=query)
    elif _name_query_long_enough(query):
        qs = qs.filter(person_name_filter(query))
    else:
        return qs.none()
    if region:
        qs = qs.filter(region=region)
    if sex:
        qs = qs.filter(sex=sex)
    if age_group == "adult":
        qs = qs.filter(birth_date__lte=_years_ago(ADULT_AGE))
    elif age_group == "minor":
        qs = qs.filter(birth_date__gt=_years_ago(ADULT_AGE))
    if kandas_status == "active":
        today = timezone.localdate()
        qs = qs.filter(kandas_status_since__lte=today).filter(
            Q(kandas_status_until__isnull=True) | Q(kandas_status_until__gte=today))
    elif kandas_status == "none":
        qs = qs.filter(kandas_status_since__isnull=True)
    return qs


def case_search_filter(*, user, query: str, applicant: str = "applicant") -> Q | None:
    """The search box of every case list: the case number, the applicant's name in any spelling, or the
    applicant's IIN (its first digits) — the IIN only for users who may see personal data, so that others
    cannot probe the registry with it. None for an empty query."""
    query = " ".join((query or "").split())
    if not query:
        return None
    condition = Q(ref__icontains=query)
    if query.isdigit():
        if user_may_see_personal_data(user):
            condition |= Q(**{f"{applicant}__iin__startswith": query})
    elif _name_query_long_enough(query):
        condition |= person_name_filter(query, field=f"{applicant}__search_text")
    return condition


@dataclass(frozen=True)
class FamilySearch:
    families: QuerySet  # of Family, in scope, not yet ordered
    capped: bool  # the query matched more than FAMILY_MATCH_LIMIT persons or families: only the first are in


def family_search(*, user, query: str, region=None) -> FamilySearch:
    """Families whose applicant or any member matches the query (IIN or name, as person_search).

    The matching persons and then their families are read as id lists first (each capped at
    FAMILY_MATCH_LIMIT): an OR of "applicant matches" and "a member matches", or the same as a subquery,
    lets PostgreSQL scan every family of the region; two indexed lookups over a short list do not.
    """
    person_ids = list(person_search(user=user, query=query).order_by()
                      .values_list("pk", flat=True)[:FAMILY_MATCH_LIMIT + 1])
    family_ids = (Family.objects.filter(applicant_id__in=person_ids).values_list("pk", flat=True)
                  .union(FamilyMember.objects.filter(person_id__in=person_ids).values_list("family_id", flat=True)))
    ids = list(family_ids[:FAMILY_MATCH_LIMIT + 1]) if person_ids else []
    capped = len(person_ids) > FAMILY_MATCH_LIMIT or len(ids) > FAMILY_MATCH_LIMIT
    qs = scope_for(user, Family.objects.select_related("applicant", "region")).filter(pk__in=ids[:FAMILY_MATCH_LIMIT])
    if region:
        qs = qs.filter(region=region)
    return FamilySearch(families=qs, capped=capped)


def person_get(*, user, pk: int) -> Person:
    from .scoping import scoped_get_or_404

    return scoped_get_or_404(user, Person.objects.select_related("region"), pk=pk)


def overdue_condition() -> Q:
    """A step is overdue when breached, or open and past due (paused steps have their clock stopped)."""
    from django.utils import timezone

    return Q(state=Deadline.State.BREACHED) | Q(state=Deadline.State.OPEN, due__lt=timezone.localdate())


def my_work_deadlines(*, user) -> QuerySet[Deadline]:
    """Open steps of every case the user's organisation owns, by due date (the partial index
    deadline_open_org_due_idx); `MyWorkRows` puts the overdue ones first. Each row carries `overdue_rank`
    (0 overdue, 1 not) for the screen."""
    from django.db.models import Case, IntegerField, Value, When

    org = user_organisation(user)
    qs = Deadline.objects.filter(state__in=(Deadline.State.OPEN, Deadline.State.BREACHED, Deadline.State.PAUSED),
                                 closed_at__isnull=True)
    qs = qs.annotate(overdue_rank=Case(When(overdue_condition(), then=Value(0)), default=Value(1),
                                       output_field=IntegerField())).order_by("due", "pk")
    if org is None:
        return qs if user.is_superuser else qs.none()
    return scope_for(user, qs.filter(organisation=org))


class MyWorkRows:
    """Overdue steps first (by due date), then the rest (by due date), as one sliceable list for Django's
    Paginator: each part is an index-ordered query with LIMIT, so no sort of all open steps by a computed
    rank (7-12x a bare page on 300,000 cases, bench/bench_cases.py)."""

    def __init__(self, qs: QuerySet[Deadline]):
        overdue = overdue_condition()
        self.qs = qs.order_by()
        self.parts = [qs.filter(overdue), qs.exclude(overdue)]
        self._counts = None

    def counts(self) -> list[int]:
        """Both parts' sizes from one scan of the open steps (not one COUNT per part)."""
        if self._counts is None:
            overdue = overdue_condition()
            found = self.qs.aggregate(overdue=Count("pk", filter=overdue), rest=Count("pk", filter=~overdue))
            self._counts = [found["overdue"], found["rest"]]
        return self._counts

    def count(self) -> int:
        return sum(self.counts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        rows, offset = [], 0
        for part, size in zip(self.parts, self.counts()):
            lo, hi = max(start - offset, 0), min(stop - offset, size)
            if hi > lo:
                rows.extend(part[lo:hi])
            offset += size
        return rows

    def iterator(self, chunk_size: int = 2000):
        """Every row in the page's order, read in chunks (an export of the whole tab)."""
        for part in self.parts:
            yield from part.iterator(chunk_size=chunk_size)


def case_applicants(*, user, rows) -> dict:
    """{(case_type_id, case_id): applicant name as the user may see it} for the cases of `rows` (deadlines):
    one query per kind of case on the page, none per row (Decision 18: kandas.filer_view)."""
    from collections import defaultdict

    from django.contrib.contenttypes.models import ContentType
    from django.core.exceptions import FieldDoesNotExist

    from .filer_view import FilerView

    ids = defaultdict(set)
    for row in rows:
        ids[row.case_type_id].add(row.case_id)
    names = {}
    for type_id, case_ids in ids.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        try:
            model._meta.get_field("applicant")
        except (FieldDoesNotExist, AttributeError):
            continue
        related = {"applicant", *(f.rsplit("__", 1)[0] for f in getattr(model, "scope_region_fields", ()) if "__" in f)}
        for case in model._base_manager.filter(pk__in=case_ids).select_related(*related):
            names[(type_id, case.pk)] = FilerView(user, case).person(case.applicant).full_name
    return names


def family_of(*, user, pk: int) -> Family:
    from .scoping import scoped_get_or_404

    return scoped_get_or_404(user, Family.objects.select_related("applicant", "region"), pk=pk)


def organisation_of(*, kind: str, region=None):
    """The organisation of `kind` serving `region` (the first one if a region has several), or None."""
    from .models import Organisation

    return Organisation.objects.filter(kind=kind, region=region).order_by("pk").first()


def person_consent_active(*, person: Person):
    """GEN-3: the latest consent that has not been revoked, or None."""
    return next((c for c in person.consents.all() if c.revoked_at is None), None)


def person_state_checks(*, person: Person) -> list[dict]:
    """GEN-2: what the state systems answer for this person, and which paper to ask for where they do not.

    Each row: source (label), found (bool), summary (text), ask_for (a document label, or "" when nothing
    is asked), why (the reason paper is asked although a record exists, or ""). Civil acts are fetched only
    for registrations in Kazakhstan after the cut-off days (kandas.gateway.CIVIL_REGISTRY_AFTER); a paper
    certificate is asked for the others.
    """
    from django.utils.translation import gettext as _

    from .gateway import CIVIL_REGISTRY_AFTER, paper_needed, state_gateway
    from .models import DocumentKind

    if not person.iin:
        return [{"source": _("persons database (ГБД ФЛ)"), "found": False, "summary": _("no IIN"),
                 "ask_for": DocumentKind.IDENTITY.label, "why": ""}]
    gateway = state_gateway()
    identity = gateway.person(person.iin)
    acts = gateway.civil_acts(person.iin)
    family = gateway.family(person.iin)
    registration = gateway.registration(person.iin)
    guardianship = gateway.guardianship(person.iin)
    adoption = gateway.adoption(person.iin)

    def civil_row(kind: str, source: str, document: str, *, optional: bool) -> dict | None:
        found = [a for a in acts if a.get("kind") == kind]
        if not found and optional is None:
            return None
        # An act registered on or before the cut-off day (or abroad) is not in ИС «ЗАГС»: paper.
        on_paper = [a for a in found if paper_needed(kind, a.get("date"), in_kazakhstan=a.get("country", "KZ") == "KZ")]
        why = ""
        if on_paper:
            why = _("registered on or before %(day)s or abroad: ИС «ЗАГС» answers only for later "
                    "registrations in Kazakhstan") % {"day": CIVIL_REGISTRY_AFTER[kind].strftime("%d.%m.%Y")}
        ask = document if (on_paper or not found) else ""
        if not found and optional:
            ask = _("%(document)s (if any)") % {"document": document}
        return {"source": source, "found": bool(found), "ask_for": ask, "why": why,
                "summary": ", ".join(f"{a.get('number', '')} {a.get('date', '')}".strip() for a in found)}

    rows = [
        {"source": _("persons database (ГБД ФЛ)"), "found": identity is not None,
         "summary": f"{identity.surname} {identity.given_name} {identity.birth_date or ''}" if identity else "",
         "ask_for": "" if identity else DocumentKind.IDENTITY.label, "why": ""},
        civil_row("birth", _("civil registry (ЗАГС): birth"), DocumentKind.BIRTH.label, optional=False),
        civil_row("marriage", _("civil registry (ЗАГС): marriage"), DocumentKind.MARRIAGE.label, optional=True),
        civil_row("death", _("civil registry (ЗАГС): death of a child"), _("death certificate or notice"),
                  optional=None),
        {"source": _("guardianship (Е-Попечительство)"), "found": bool(guardianship),
         "summary": ", ".join(f"{g.decision_number} {g.decided_on} {g.guardian_name}".strip() for g in guardianship),
         "ask_for": "" if guardianship else _("decision on guardianship (if any)"), "why": ""},
        {"source": _("adoption (Supreme Court)"), "found": bool(adoption),
         "summary": ", ".join(f"{a.court} {a.case_number} {a.decided_on}".strip() for a in adoption),
         "ask_for": "" if adoption else _("court decision on adoption (if any)"), "why": ""},
        {"source": _("Digital family map"), "found": family is not None,
         "summary": _("%(n)s members") % {"n": len(family.members)} if family else "",
         "ask_for": "" if family else _("documents confirming kinship"), "why": ""},
        {"source": _("permanent registration and housing"), "found": registration is not None,
         "summary": registration.address if registration else "",
         "ask_for": "" if registration else _("address certificate"), "why": ""},
    ]
    return [row for row in rows if row is not None]
