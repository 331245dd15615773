"""What a case shows of its persons to whom (DOMAIN.md Decision 18): the filer sees its filing, the provider
sees the persons.

A *filer* (the State Corporation, a career centre, a portal API client, a foreign mission) may file naming a
person registered in another region; it then sees its own filing (receipt, state, result) but never that
person's registry data: the IIN as filed, no name, birth date or documents. The *provider's* staff (every
role of a region that holds the case, other than a filer role of the service) see the persons named in the
cases they hold. A person of the user's own part of the registry (their region, or national bodies) is always
seen. This is THE one rule: case pages, printouts and API answers of status, quota and residence all ask
`FilerView(user, case)` (or `person_visible_to`).

`FilerView.case()` and `.rows()` give shallow copies whose person is a `FiledPerson` where the user may not
see it, so templates and serializers need no rule of their own (`{{ case.applicant.full_name }}` reads the
IIN as filed); the original objects are untouched (logging, signing use the real person).
"""
from __future__ import annotations

import copy

from .filing import FILER_ROLES, FilingService
from .roles import user_roles
from .scoping import user_is_national, user_organisation

# Which service a case model belongs to (by app label), for "is this user a filer of the service?".
SERVICE_OF_APP = {"status": FilingService.STATUS, "quota": FilingService.QUOTA,
                  "adaptation": FilingService.RESIDENCE}


class FiledPerson:
    """A person as the filer filed it: the IIN only. Every other attribute reads empty (templates print
    nothing, `|date` prints nothing), there is no link to the registry."""

    hidden = True

    def __init__(self, person):
        self.pk = self.id = None
        self.iin = person.iin or ""
        self.full_name = self.iin

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return ""

    def __str__(self):
        return self.iin

    def get_absolute_url(self) -> str:
        return ""

    def age_on(self, day=None):
        return None


def _region_ids(case) -> set:
    """The regions the case reaches through its `scope_region_fields` (no query beyond loaded relations)."""
    ids = set()
    for path in getattr(type(case), "scope_region_fields", ()):
        obj, *parts = [case, *path.split("__")]
        for part in parts[:-1]:
            obj = getattr(obj, part, None)
            if obj is None:
                break
        else:
            ids.add(getattr(obj, f"{parts[-1]}_id", None))
    ids.discard(None)
    return ids


class FilerView:
    """The persons of one case as one user may see them (computed once per page)."""

    def __init__(self, user, case):
        self.user, self.case_obj = user, case
        self.national = bool(user is not None and user_is_national(user))
        org = user_organisation(user) if user is not None and user.is_authenticated else None
        self.region_id = org.region_id if org else None
        self.provider = self.national or self._is_provider(case)

    def _is_provider(self, case) -> bool:
        if case is None or self.region_id is None:
            return False
        if self.region_id not in _region_ids(case):
            return False  # reached only through the filing organisation: a filer
        service = SERVICE_OF_APP.get(case._meta.app_label)
        filer_roles = {str(r) for r in FILER_ROLES.get(service, ())}
        return bool(user_roles(self.user) - filer_roles)  # some role of the region other than filing

    def sees(self, person) -> bool:
        if person is None:
            return False
        return self.provider or (self.region_id is not None and person.region_id == self.region_id)

    def person(self, person):
        """The person itself, or the IIN as filed."""
        if person is None or isinstance(person, FiledPerson) or self.sees(person):
            return person
        return FiledPerson(person)

    def _with(self, obj, field: str):
        related = getattr(obj, field)
        shown = self.person(related)
        if shown is related:
            return obj
        twin = copy.copy(obj)  # Model.__getstate__ copies _state and its fields cache
        twin._state.fields_cache[field] = shown
        return twin

    def case(self, case=None):
        """The case with its applicant as the user may see it."""
        return self._with(case if case is not None else self.case_obj, "applicant")

    def rows(self, rows, field: str = "person") -> list:
        """Member / person rows (each with a `person`) as the user may see them."""
        return [self._with(r, field) for r in rows]

    def named_rows(self, rows: list[dict], people: dict) -> list[dict]:
        """Rows of a case's JSON field ({"person_id", "person": name}) with each name as the user may see it."""
        out = []
        for row in rows or ():
            person = people.get(row.get("person_id"))
            out.append({**row, "person": self.person(person).full_name} if person is not None else row)
        return out

    def choices(self, choices, people: dict) -> list:
        """A form's (person pk, name) choices with each name as the user may see it."""
        return [(pk, self.person(people[pk]).full_name if pk in people else label) for pk, label in choices]

    def documents(self, documents) -> list:
        """Documents of the persons the user may see (another region's person's documents are left out)."""
        return [d for d in documents if getattr(d, "person_id", None) is None or self.sees(d.person)]


def person_visible_to(user, person, case=None) -> bool:
    """May `user` see the registry data of `person` (named in `case`, if given)? Decision 18."""
    return FilerView(user, case).sees(person)
