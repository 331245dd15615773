"""Periodic obligations as data: the kinds, their cadences and due dates.

An app registers its kinds in `<app>/obligations.py` as `OBLIGATION_KINDS = [ObligationKind(...), ...]`;
the generator (kandas.obligation_services.obligations_generate, daily by Celery beat) loads them all,
like the beat schedule (kandas.schedule). A kind says who owes it (`organisations`), how often
(`cadence`), when it falls due for a period (`due`, a fixed calendar date: CAL-3) and when the
obligation for a period appears (`opens`). The helpers below give the dates the rules use:

- monthly "not later than the 5th of the following month" (ADA-18): `day_of_month_after(5)`;
- quarterly "not later than the 5th" / "the 25th" of the month after the quarter (ADA-20, ADA-21):
  `day_of_month_after(5)`, `day_of_month_after(25)`;
- yearly "before 15 December" = 14 December (QUO-12, Decisions 12): `day_before(12, 15)`.
"""
from __future__ import annotations

import calendar as _gregorian
import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.db import models
from django.utils.translation import gettext_lazy as _

ONE_DAY = datetime.timedelta(days=1)

# kandas itself owes nothing periodically; the services' apps register their kinds.
OBLIGATION_KINDS: list[ObligationKind] = []


class Cadence(models.TextChoices):
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    YEARLY = "yearly", _("yearly")


MONTHLY, QUARTERLY, YEARLY = Cadence.MONTHLY, Cadence.QUARTERLY, Cadence.YEARLY


@dataclass(frozen=True)
class Period:
    """One period of a cadence: code "2026-11", "2026-Q3" or "2026", first and last day."""

    cadence: str
    code: str
    start: datetime.date
    end: datetime.date

    @property
    def year(self) -> int:
        return self.start.year

    def next(self) -> Period:
        return period_of(self.cadence, self.end + ONE_DAY)

    def previous(self) -> Period:
        return period_of(self.cadence, self.start - ONE_DAY)


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, _gregorian.monthrange(year, month)[1])


def period_of(cadence: str, day: datetime.date) -> Period:
    """The period of `cadence` that contains `day`."""
    if cadence == Cadence.MONTHLY:
        return Period(cadence, f"{day.year}-{day.month:02d}", day.replace(day=1), _month_end(day.year, day.month))
    if cadence == Cadence.QUARTERLY:
        q = (day.month - 1) // 3 + 1
        return Period(cadence, f"{day.year}-Q{q}", datetime.date(day.year, 3 * q - 2, 1), _month_end(day.year, 3 * q))
    if cadence == Cadence.YEARLY:
        return Period(cadence, str(day.year), datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31))
    raise ValueError(f"unknown cadence {cadence!r}")


def period_from_code(cadence: str, code: str) -> Period:
    """The period "2026-11" (monthly), "2026-Q3" (quarterly) or "2026" (yearly)."""
    if cadence == Cadence.MONTHLY:
        year, month = code.split("-")
        day = datetime.date(int(year), int(month), 1)
    elif cadence == Cadence.QUARTERLY:
        year, q = code.split("-Q")
        day = datetime.date(int(year), 3 * int(q) - 2, 1)
    else:
        day = datetime.date(int(code), 1, 1)
    period = period_of(cadence, day)
    if period.code != code:
        raise ValueError(f"{code!r} is not a {cadence} period")
    return period


# Due dates: callables period → date.

def day_of_month_after(day: int) -> Callable[[Period], datetime.date]:
    """'Not later than the `day`-th of the month following the period' (the 5th: ADA-18 monthly, ADA-20
    quarterly; the 25th: ADA-21)."""

    def due(period: Period) -> datetime.date:
        following = period.end + ONE_DAY
        return following.replace(day=min(day, _month_end(following.year, following.month).day))

    return due


def day_before(month: int, day: int, *, years_before: int = 0) -> Callable[[Period], datetime.date]:
    """'Before `day`.`month`' of the period's year (minus `years_before`): the day before, since the
    named day is already late (Decisions 12: "до 15 декабря" ends on 14 December)."""

    def due(period: Period) -> datetime.date:
        return datetime.date(period.year - years_before, month, day) - ONE_DAY

    return due


# When the obligation for a period appears: callables period → date.

def opens_at_start(period: Period) -> datetime.date:
    return period.start


def opens_after_end(period: Period) -> datetime.date:
    """The day after the period (a report on the period can only be made then)."""
    return period.end + ONE_DAY


def opens_on(month: int, day: int, *, years_before: int = 0) -> Callable[[Period], datetime.date]:
    """A fixed day of the period's year (minus `years_before`), e.g. 1 November of the year before."""

    def opens(period: Period) -> datetime.date:
        return datetime.date(period.year - years_before, month, day)

    return opens


@dataclass(frozen=True)
class ObligationKind:
    """A kind of periodic obligation. `organisations()` returns the queryset of organisations that owe it;
    `due(period)` its fixed date; `opens(period)` the day its obligation is created. `manual`: fulfilled
    by hand on the obligation's page (else by the app's own service, e.g. publishing a list);
    `work_url`: where the work is done (a URL path), shown on the obligation's page; `fulfilled_by`: the
    organisation kinds whose staff fulfil it for the owing organisation."""

    code: str
    label: str
    rule: str
    cadence: str
    due: Callable[[Period], datetime.date]
    organisations: Callable[[], object]
    opens: Callable[[Period], datetime.date] = opens_after_end
    manual: bool = True
    work_url: Callable[[], str] | None = None
    # Organisation kinds that fulfil it on the owing organisation's behalf (the CRTR for ADA-20).
    fulfilled_by: tuple[str, ...] = ()

    def period_of(self, day: datetime.date) -> Period:
        return period_of(self.cadence, day)

    def period(self, code: str) -> Period:
        return period_from_code(self.cadence, code)

    def periods_open_on(self, today: datetime.date, *, catch_up_days: int) -> list[Period]:
        """The periods whose obligation exists on `today`: opened already, and due not more than
        `catch_up_days` ago (a generator that was down for a while still creates them, overdue)."""
        earliest = today - datetime.timedelta(days=catch_up_days + 400)
        period, found = period_of(self.cadence, earliest), []
        while period.start <= today + datetime.timedelta(days=800):
            if self.opens(period) <= today and self.due(period) >= today - datetime.timedelta(days=catch_up_days):
                found.append(period)
            period = period.next()
        return found


@functools.lru_cache(maxsize=1)
def obligation_kinds_all() -> dict[str, ObligationKind]:
    """Every registered kind by code, from each installed app's `obligations.py` (read once per process)."""
    from django.apps import apps

    kinds: dict[str, ObligationKind] = {}
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.obligations")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.obligations":
                raise
            continue
        for kind in getattr(module, "OBLIGATION_KINDS", ()):
            kinds[kind.code] = kind
    return kinds


def obligation_kind(code: str) -> ObligationKind | None:
    return obligation_kinds_all().get(code)
