"""Rule tables as data (GEN-1): each app's steps with their rule ID, length and unit, versioned by the
date an amendment came into force. A case keeps the version in force on its filing date."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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


class NoRuleVersion(ValidationError):
    """GEN-1: the filing date is before the earliest rule version this system knows.

    Giving such a case the earliest version would apply terms that were not yet in force; the filer must
    correct the date (or the missing version must be added to the app's rules module)."""

    code = "gen1_no_rule_version"

    def __init__(self, day: datetime.date, earliest: RuleVersion):
        self.day, self.earliest = day, earliest
        super().__init__(
            _("GEN-1: no rule version is known for the filing date %(day)s: the earliest known version, "
              "%(code)s, is in force from %(earliest)s."),
            code=self.code,
            params={"day": day.strftime("%d.%m.%Y"), "code": earliest.code,
                    "earliest": earliest.effective_from.strftime("%d.%m.%Y")})


class RuleBook:
    """All versions of one app's rule table, newest effective date wins for a filing date."""

    def __init__(self, versions: list[RuleVersion]):
        self.versions = sorted(versions, key=lambda v: v.effective_from)
        self._by_code = {v.code: v for v in self.versions}

    @property
    def earliest(self) -> RuleVersion:
        return self.versions[0]

    def version_on(self, day: datetime.date) -> RuleVersion:
        """GEN-1: the version in force on `day`; a day before the earliest known version is refused
        (NoRuleVersion, a ValidationError), never silently given the earliest one."""
        applicable = [v for v in self.versions if v.effective_from <= day]
        if not applicable:
            raise NoRuleVersion(day, self.earliest)
        return applicable[-1]

    def version(self, code: str) -> RuleVersion:
        return self._by_code[code]


def steps(*items: Step) -> dict[str, Step]:
    return {s.key: s for s in items}
