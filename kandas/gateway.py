"""GEN-2: one gateway to the state information systems.

Forms ask these questions instead of demanding paper; they ask for a document only where the answer is
empty. `LocalRegistryGateway` answers from kandas.StateRecord (seeded by the demo data and by tests); a
real e-government adapter implements the same methods and is named in settings (KANDAS_STATE_GATEWAY).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class IdentityRecord:
    iin: str
    surname: str
    given_name: str
    patronymic: str = ""
    birth_date: str | None = None
    sex: str | None = None
    citizenship: str = ""


@dataclass(frozen=True)
class RegistrationRecord:
    iin: str
    address: str
    kato: str  # locality or region KATO of permanent registration
    registered_since: str  # ISO date
    owns_housing_in_locality: bool = False


@dataclass(frozen=True)
class FamilyRecord:
    iin: str
    members: list[dict] = field(default_factory=list)  # {"iin", "kinship", "name", "birth_date"}


class StateGateway(Protocol):
    def person(self, iin: str) -> IdentityRecord | None: ...
    def civil_acts(self, iin: str) -> list[dict]: ...
    def family(self, iin: str) -> FamilyRecord | None: ...
    def registration(self, iin: str) -> RegistrationRecord | None: ...


class LocalRegistryGateway:
    """Development and tests: answers from the local StateRecord table."""

    def _payloads(self, iin: str, kind: str) -> list[dict]:
        from .models import StateRecord

        return list(StateRecord.objects.filter(iin=iin, kind=kind).values_list("payload", flat=True))

    def person(self, iin: str) -> IdentityRecord | None:
        rows = self._payloads(iin, "identity")
        if not rows:
            return None
        p = rows[0]
        return IdentityRecord(iin=iin, surname=p.get("surname", ""), given_name=p.get("given_name", ""),
                              patronymic=p.get("patronymic", ""), birth_date=p.get("birth_date"), sex=p.get("sex"),
                              citizenship=p.get("citizenship", ""))

    def civil_acts(self, iin: str) -> list[dict]:
        return self._payloads(iin, "civil_act")

    def family(self, iin: str) -> FamilyRecord | None:
        rows = self._payloads(iin, "family")
        return FamilyRecord(iin=iin, members=rows[0].get("members", [])) if rows else None

    def registration(self, iin: str) -> RegistrationRecord | None:
        rows = self._payloads(iin, "registration")
        if not rows:
            return None
        p = rows[0]
        return RegistrationRecord(iin=iin, address=p.get("address", ""), kato=p.get("kato", ""),
                                  registered_since=p.get("registered_since", ""),
                                  owns_housing_in_locality=bool(p.get("owns_housing_in_locality")))


def state_gateway() -> StateGateway:
    return import_string(getattr(settings, "KANDAS_STATE_GATEWAY", "kandas.gateway.LocalRegistryGateway"))()
