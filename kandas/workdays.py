"""CAL-1: working-day arithmetic on Kazakhstan's calendar.

Monday–Friday are working days unless the calendar table (kandas.CalendarDay, editable by
administrators, seeded from the `holidays` package) says otherwise; a weekend day the table marks as
working is a working day. One `WorkCalendar` reads the table once, so computing thousands of due
dates costs one query.
"""
from __future__ import annotations

import calendar as _gregorian
import datetime
import functools
from dataclasses import dataclass

from django.utils.translation import get_language, gettext as _, ngettext

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Exception_:
    kind: str
    name_ru: str = ""
    name_kk: str = ""
    name_en: str = ""

    def name_for(self, language: str | None = None) -> str:
        """The day's name for a reader of `language` (default: the active one); Russian where it has none."""
        language = (language or get_language() or "ru").lower()
        own = self.name_kk if language.startswith("kk") else self.name_en if language.startswith("en") else ""
        return own or self.name_ru or self.name_kk

    @property
    def name(self) -> str:
        return self.name_for()


class WorkCalendar:
    def __init__(self, exceptions: dict[datetime.date, Exception_] | None = None):
        self.exceptions = exceptions or {}

    @classmethod
    def load(cls) -> "WorkCalendar":
        from .models import CalendarDay

        rows = CalendarDay.objects.values_list("date", "kind", "name_ru", "name_kk", "name_en")
        return cls({d: Exception_(kind, nr, nk, ne) for d, kind, nr, nk, ne in rows})

    def is_working(self, day: datetime.date) -> bool:
        exc = self.exceptions.get(day)
        if exc is not None:
            return exc.kind == "working"
        return day.weekday() < 5

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """The end of the n-th working day after `start` (n=0: `start` itself)."""
        day = start
        while n > 0:
            day += ONE_DAY
            if self.is_working(day):
                n -= 1
        return day

    def count_working_days(self, first: datetime.date, last: datetime.date) -> int:
        """Working days from `first` to `last`, both included (0 when last < first)."""
        count, day = 0, first
        while day <= last:
            count += self.is_working(day)
            day += ONE_DAY
        return count

    @staticmethod
    def add_calendar_days(start: datetime.date, n: int) -> datetime.date:
        return start + datetime.timedelta(days=n)

    @staticmethod
    def add_months(start: datetime.date, n: int) -> datetime.date:
        """The same day of the month `n` months later (n may be negative); a day the target month lacks
        becomes its last day: 31.08.2026 + 6 months = 28.02.2027, 31.08.2027 + 6 months = 29.02.2028."""
        months = start.year * 12 + (start.month - 1) + n
        year, month = divmod(months, 12)
        last = _gregorian.monthrange(year, month + 1)[1]
        return datetime.date(year, month + 1, min(start.day, last))

    @classmethod
    def add_years(cls, start: datetime.date, n: int) -> datetime.date:
        """The same date `n` years later; 29 February becomes 28 February in a common year."""
        return cls.add_months(start, 12 * n)

    def next_working_day(self, day: datetime.date) -> datetime.date:
        while not self.is_working(day):
            day += ONE_DAY
        return day

    def non_working_between(self, first: datetime.date, last: datetime.date) -> list[tuple[datetime.date, str]]:
        """Non-working days from `first` to `last` with the holiday's name ("" for a plain weekend)."""
        return [(day, name) for day, name, _kind in self._non_working(first, last)]

    def _non_working(self, first: datetime.date, last: datetime.date, language: str | None = None):
        day = first
        while day <= last:
            if not self.is_working(day):
                exc = self.exceptions.get(day)
                if exc is None:
                    yield day, "", "weekend"
                else:
                    yield day, exc.name_for(language), exc.kind
            day += ONE_DAY

    def working_weekends_between(self, first: datetime.date, last: datetime.date) -> list[datetime.date]:
        return sorted(d for d, e in self.exceptions.items() if e.kind == "working" and first <= d <= last
                      and d.weekday() >= 5)

    def explain_working(self, start: datetime.date, n: int, due: datetime.date) -> str:
        """A caseworker-readable account: '3 working days after 20.03.2026: 21.03–25.03 non-working
        (Nauryz…) → due 30.03.2026'."""
        language = get_language() or "ru"
        words = _words(language)
        head = ngettext(
            "%(n)d working day after %(start)s", "%(n)d working days after %(start)s", n
        ) % {"n": n, "start": _fmt(start)}
        parts = []
        runs = _group_runs(self._non_working(start + ONE_DAY, due, language=language), words)
        for first, last, names in runs:
            span = _fmt_short(first) if first == last else f"{_fmt_short(first)}–{_fmt_short(last)}"
            parts.append(words["run"] % {"span": span, "names": ", ".join(names)})
        if self._has_working_weekend:
            for day in self.working_weekends_between(start + ONE_DAY, due):
                parts.append(_("%(day)s a working day (%(name)s)") % {
                    "day": _fmt_short(day), "name": self.exceptions[day].name or _("moved by decree")})
        middle = f": {'; '.join(parts)}" if parts else ""
        return f"{head}{middle} → " + words["due"] % {"due": _fmt(due)}

    @property
    def _has_working_weekend(self) -> bool:
        if not hasattr(self, "_working_weekend"):
            self._working_weekend = any(e.kind == "working" for e in self.exceptions.values())
        return self._working_weekend


@functools.lru_cache(maxsize=8)
def _words(language: str) -> dict[str, str]:
    """The fixed words of an explanation in `language` (looked up once, not once per due date)."""
    return {"weekend": str(_("weekend")), "transfers": str(_("transfers")),
            "run": str(_("%(span)s non-working (%(names)s)")), "due": str(_("due %(due)s"))}


def _group_runs(days, words):
    """Consecutive non-working days as (first, last, labels): holiday names once each, then
    'transfers' if a transferred day off is among them, else 'weekend' for a plain weekend."""
    runs: list[list] = []
    for day, name, kind in days:
        if runs and runs[-1][1] + ONE_DAY == day:
            runs[-1][1] = day
        else:
            runs.append([day, day, [], set()])
        run = runs[-1]
        base = name.split(" (")[0]
        if name and kind != "day_off" and base not in run[2]:
            run[2].append(base)
        run[3].add(kind)
    out = []
    for first, last, names, kinds in runs:
        labels = list(names)
        if "day_off" in kinds:
            labels.append(words["transfers"])
        if not labels:
            labels.append(words["weekend"])
        out.append((first, last, labels))
    return out


def term_due(unit: str, start: datetime.date, length: int, calendar: WorkCalendar,
             fixed_date: datetime.date | None = None) -> tuple[datetime.date, str]:
    """The due date of a term of `length` `unit`s counted from `start`, and how it was counted, in the
    active language (dd.mm.yyyy dates). Every unit of kandas.models.Unit:

    - working days (CAL-1): the end of the length-th working day after `start`;
    - calendar days: every day counts;
    - months / years: the same day of the month later, clamped to the month's end (31.08 + 6 months →
      28.02 or 29.02); like calendar days, the end does not move off a non-working day;
    - a calendar date (CAL-3): `fixed_date` itself, kept even on a non-working day.
    """
    from .models.casework import Unit

    if unit == Unit.CALENDAR_DATE:
        if fixed_date is None:
            raise ValueError("a calendar-date term needs fixed_date")
        note = _("fixed calendar date %(due)s") % {"due": _fmt(fixed_date)}
        if not calendar.is_working(fixed_date):
            note += " — " + _("a non-working day: the date still holds, act before it")
        return fixed_date, note
    if unit == Unit.CALENDAR_DAYS:
        due = calendar.add_calendar_days(start, length)
        return due, ngettext("%(n)d calendar day after %(start)s → due %(due)s",
                             "%(n)d calendar days after %(start)s → due %(due)s", length) % {
            "n": length, "start": _fmt(start), "due": _fmt(due)}
    if unit == Unit.MONTHS:
        due = calendar.add_months(start, length)
        return due, ngettext("%(n)d month after %(start)s → due %(due)s",
                             "%(n)d months after %(start)s → due %(due)s", length) % {
            "n": length, "start": _fmt(start), "due": _fmt(due)}
    if unit == Unit.YEARS:
        due = calendar.add_years(start, length)
        return due, ngettext("%(n)d year after %(start)s → due %(due)s",
                             "%(n)d years after %(start)s → due %(due)s", length) % {
            "n": length, "start": _fmt(start), "due": _fmt(due)}
    if unit != Unit.WORKING_DAYS:
        raise ValueError(f"unknown term unit {unit!r}")
    due = calendar.add_working_days(start, length)
    if length == 0:
        return due, _("the same day: %(due)s") % {"due": _fmt(due)}
    return due, calendar.explain_working(start, length, due)


def _fmt(day: datetime.date) -> str:
    # dd.mm.yyyy in every language (the regulations' own notation); strftime is far cheaper than
    # date_format, which matters when thousands of due dates are explained at once
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def _fmt_short(day: datetime.date) -> str:
    return f"{day.day:02d}.{day.month:02d}"


def working_days_add(start: datetime.date, n: int) -> datetime.date:
    return WorkCalendar.load().add_working_days(start, n)


def working_days_count(first: datetime.date, last: datetime.date) -> int:
    return WorkCalendar.load().count_working_days(first, last)
