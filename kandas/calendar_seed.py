"""CAL-2: the default calendar for a year, from the `holidays` package (country KZ).

What the package knows and how it lands in the table:
- a public holiday on a weekday → a `holiday` row;
- a public holiday on a weekend → a `holiday` row too (not needed for the arithmetic, but deadline
  explanations then name it: "21.03–25.03 non-working (Наурыз мейрамы, transfers)");
- its transfer to the next working day ("(observed)") and decree swaps ("Day off (substituted from …)")
  → `day_off` rows;
- Saturdays/Sundays a decree made working (`weekend_workdays`) → `working` rows.
Religious holidays (Orthodox Christmas 7 January, Kurban Ait) never move off a weekend (Law on
holidays, art. 5): any transfer of theirs the package might produce is ignored.

The table wins: a date the table has, or that an administrator ever edited or deleted (it has history),
is never touched again, so re-running the seed (after every `migrate`, and yearly by Celery beat) keeps
administrators' edits.
"""
from __future__ import annotations

import datetime

import holidays

from .models import CalendarDay

# The package speaks English and Kazakh (holidays.KZ.supported_languages: en_US, kk, uk); Russian names are ours.
RU_NAMES = {
    "New Year's Day": "Новый год",
    "Orthodox Christmas": "Православное Рождество",
    "International Women's Day": "Международный женский день",
    "Nowruz Holiday": "Наурыз мейрамы",
    "Kazakhstan's People Solidarity Holiday": "Праздник единства народа Казахстана",
    "Defender of the Fatherland Day": "День защитника Отечества",
    "Victory Day": "День Победы",
    "Eid al-Adha": "Курбан айт",
    "Capital Day": "День Столицы",
    "Constitution Day": "День Конституции",
    "Republic Day": "День Республики",
    "Independence Day": "День Независимости",
}
RELIGIOUS = {"Orthodox Christmas", "Eid al-Adha"}
LIBRARY_NOTE = "holidays (KZ)"


def _base(name: str) -> str:
    return name.replace(" (observed)", "").replace(" (estimated)", "")


def _is_transfer(name: str) -> bool:
    return "(observed)" in name or name.startswith("Day off")


def _ru(name: str) -> str:
    if name.startswith("Day off"):
        return "Перенесённый выходной день"
    ru = RU_NAMES.get(_base(name), _base(name))
    return ru + " (перенос)" if "(observed)" in name else ru


def _kk(name_kk: str) -> str:
    return name_kk.replace(" (бағаланған)", "")


def _en(name: str) -> str:
    """The package's English name as a reader reads it: a transfer says so, an estimate is not flagged."""
    if name.startswith("Day off"):
        return "Transferred day off"
    return _base(name) + (" (transferred)" if "(observed)" in name else "")


def calendar_rows_for_year(year: int) -> list[CalendarDay]:
    """The package's calendar for `year` as unsaved rows (the default an administrator starts from)."""
    en = holidays.KZ(years=year, language="en_US")
    kk = holidays.KZ(years=year, language="kk")
    rows = []
    for day, name in sorted(en.items()):
        if day.year != year:
            continue
        if "(observed)" in name and _base(name) in RELIGIOUS:
            continue  # religious holidays do not move off a weekend
        kind = CalendarDay.Kind.DAY_OFF if _is_transfer(name) else CalendarDay.Kind.HOLIDAY
        rows.append(CalendarDay(date=day, kind=kind, name_ru=_ru(name), name_kk=_kk(kk.get(day, name)),
                                name_en=_en(name),
                                decree=LIBRARY_NOTE, from_library=True))
    for day in sorted(getattr(en, "weekend_workdays", ())):
        if day.year == year and day not in en:
            rows.append(CalendarDay(date=day, kind=CalendarDay.Kind.WORKING, name_ru="Рабочий день (перенос)",
                                    name_kk="Жұмыс күні (ауыстырылған)", name_en="Working day (transferred)", decree=LIBRARY_NOTE, from_library=True))
    return rows


def calendar_seed(years) -> list[datetime.date]:
    """Add the package's days for `years` that the table does not have and no administrator touched.

    Returns the dates added (running deadlines over them are recomputed by the caller).
    """
    years = list(years)
    touched = set(CalendarDay.objects.filter(date__year__in=years).values_list("date", flat=True))
    touched |= set(CalendarDay.history.filter(date__year__in=years).values_list("date", flat=True))
    rows = [row for year in years for row in calendar_rows_for_year(year) if row.date not in touched]
    CalendarDay.objects.bulk_create(rows, ignore_conflicts=True)  # bulk: no history rows, no signals
    return [row.date for row in rows]


def calendar_seed_default(today: datetime.date | None = None) -> list[datetime.date]:
    """CAL-2: the current and the next year (and the previous one, for cases still running)."""
    this_year = (today or datetime.date.today()).year
    return calendar_seed([this_year - 1, this_year, this_year + 1])
