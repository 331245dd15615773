"""CAL-2: the default calendar for a year, from the `holidays` package (country KZ).

Only dates the table does not have yet are added: an administrator's edit always wins.
"""
import datetime

import holidays

from .models import CalendarDay

# The package speaks English and Kazakh; Russian names are ours.
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


def _ru(name: str) -> str:
    base = name.replace(" (observed)", "").replace(" (estimated)", "")
    if base.startswith("Day off"):
        return "Перенесённый выходной день"
    ru = RU_NAMES.get(base, base)
    if "(observed)" in name:
        ru += " (перенос)"
    return ru


def calendar_seed(years) -> int:
    existing = set(CalendarDay.objects.filter(date__year__in=list(years)).values_list("date", flat=True))
    rows = []
    for year in years:
        en = holidays.KZ(years=year)
        kk = holidays.KZ(years=year, language="kk")
        for day, name in sorted(en.items()):
            if day in existing or day.year != year:
                continue
            if day.weekday() >= 5 and "(observed)" not in name and not name.startswith("Day off"):
                continue  # a holiday on a weekend is already a day off; its transfer is the '(observed)' entry
            kind = CalendarDay.Kind.HOLIDAY if "(observed)" not in name and not name.startswith("Day off") \
                else CalendarDay.Kind.DAY_OFF
            rows.append(CalendarDay(date=day, kind=kind, name_ru=_ru(name), name_kk=kk.get(day, name),
                                    from_library=True))
        for day in sorted(getattr(en, "weekend_workdays", ())):
            if day.year == year and day not in existing:
                rows.append(CalendarDay(date=day, kind=CalendarDay.Kind.WORKING, name_ru="Рабочий выходной (перенос)",
                                        name_kk="Жұмыс күні (ауыстыру)", from_library=True))
    CalendarDay.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def calendar_seed_default() -> int:
    this_year = datetime.date.today().year
    return calendar_seed([this_year - 1, this_year, this_year + 1])
