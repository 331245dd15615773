"""Rule tables as data (GEN-1): each app's steps with their rule ID, length and unit, versioned by the
date an amendment came into force. A case keeps the version in force on its filing date."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .models.casework import Unit

WORKING_DAYS = Unit.WORKING_DAYS
CALENDAR_DAYS = Unit.CALENDAR_DAYS
CALENDAR_DATE = Unit.CALENDAR_DATE


@dataclass(frozen=True)
class Step:
    key: str  # the step's name in code, e.g. "commission"
    rule: str  # the rule ID, e.g. "STA-3"
    length: int
    unit: str = WORKING_DAYS
    label: str = ""  # shown to caseworkers; wrap in gettext_lazy in the app's rules module
    signer: str | None = None  # the role that signs this step, if the rules require an EDS
    service_term: bool = False  # the case's total term rather than one step


@dataclass(frozen=True)
class RuleVersion:
    code: str
    effective_from: datetime.date
    steps: dict[str, Step] = field(default_factory=dict)
    title: str = ""

    def step(self, key: str) -> Step:
        return self.steps[key]


class RuleBook:
    """All versions of one app's rule table, newest effective date wins for a filing date."""

    def __init__(self, versions: list[RuleVersion]):
        self.versions = sorted(versions, key=lambda v: v.effective_from)
        self._by_code = {v.code: v for v in self.versions}

    def version_on(self, day: datetime.date) -> RuleVersion:
        applicable = [v for v in self.versions if v.effective_from <= day]
        return applicable[-1] if applicable else self.versions[0]

    def version(self, code: str) -> RuleVersion:
        return self._by_code[code]


def steps(*items: Step) -> dict[str, Step]:
    return {s.key: s for s in items}
