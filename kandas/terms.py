"""Term tables (GEN-1): the term in force on a date, and a rule-table Step made from it so a deadline
can be opened with it."""
from __future__ import annotations

import datetime

from django.utils.translation import get_language, gettext as _

from .models import TermRow
from .rules import Step


class TermNotFound(LookupError):
    """No row of the table is in force on the date (GEN-1: never silently the earliest one)."""


def term_in_force(*, table: str, key: str, on: datetime.date) -> TermRow:
    """The row of `table`/`key` with the latest `effective_from` on or before `on`.

    A row that comes into force later never changes the answer for an earlier date."""
    row = TermRow.objects.filter(table=table, key=key, effective_from__lte=on).order_by("-effective_from").first()
    if row is not None:
        return row
    first = TermRow.objects.filter(table=table, key=key).order_by("effective_from").first()
    if first is None:
        raise TermNotFound(_("The term table %(table)s has no term %(key)s. Add it in the administration.") % {
            "table": table, "key": key})
    raise TermNotFound(_("The term table %(table)s has no term %(key)s in force on %(on)s (the earliest is in "
                         "force from %(first)s).") % {"table": table, "key": key, "on": on.strftime("%d.%m.%Y"),
                                                      "first": first.effective_from.strftime("%d.%m.%Y")})


class _RowLabel:
    """A row's name that renders in the active language (deadline_open stores every language)."""

    def __init__(self, row: TermRow):
        self.names = {"ru": row.label_ru, "kk": row.label_kk, "en": row.label_en}

    def __str__(self):
        code = (get_language() or "ru").split("-")[0]
        return self.names.get(code) or self.names["ru"]

    def __bool__(self):
        return bool(self.names["ru"])


def term_step(row: TermRow, *, rule: str, key: str = "", service_term: bool = False) -> Step:
    """The row as a rule-table step with the caller's rule ID (e.g. "ADA-14"): the length and unit are
    copied, so a deadline opened from it keeps them whatever the table says later."""
    return Step(key=key or f"{row.table}:{row.key}", rule=rule, length=row.length, unit=row.unit,
                label=_RowLabel(row), service_term=service_term)


def term_step_in_force(*, table: str, key: str, on: datetime.date, rule: str) -> Step:
    return term_step(term_in_force(table=table, key=key, on=on), rule=rule)
