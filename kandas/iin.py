"""Kazakhstan IIN (ИИН/ЖСН): 12 digits, YYMMDD birth date, century-and-sex digit, mod-11 check digit.

No library covers it (python-stdnum has no KZ IIN), so the check is written here.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

WEIGHTS_FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

# Digit 7: century of birth and sex (odd = male, even = female).
CENTURY_SEX = {
    "1": (1800, "M"),
    "2": (1800, "F"),
    "3": (1900, "M"),
    "4": (1900, "F"),
    "5": (2000, "M"),
    "6": (2000, "F"),
}


class IinError(ValueError):
    """The IIN failed one named check; str() is the user-facing message."""

    def __init__(self, code: str, message):
        super().__init__(str(message))
        self.code = code
        self.message = message


@dataclass(frozen=True)
class IinInfo:
    iin: str
    birth_date: datetime.date
    sex: str  # "M" / "F"


def iin_check_digit(first_eleven: str) -> int | None:
    """The 12th digit for these 11 digits, or None when both weight sets give 10 (never issued)."""
    digits = [int(c) for c in first_eleven]
    total = sum(d * w for d, w in zip(digits, WEIGHTS_FIRST)) % 11
    if total == 10:
        total = sum(d * w for d, w in zip(digits, WEIGHTS_SECOND)) % 11
        if total == 10:
            return None
    return total


def iin_parse(value: str) -> IinInfo:
    """Validate an IIN and return its birth date and sex; raise IinError naming the failed check."""
    iin = (value or "").strip()
    if len(iin) != 12 or not iin.isdigit():
        raise IinError("format", _("An IIN has exactly 12 digits."))
    if iin[6] not in CENTURY_SEX:
        raise IinError("century", _("Digit 7 of the IIN must be 1–6 (century of birth and sex)."))
    century, sex = CENTURY_SEX[iin[6]]
    try:
        birth_date = datetime.date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        raise IinError("birth_date", _("Digits 1–6 of the IIN are not a real birth date (YYMMDD).")) from None
    if birth_date > datetime.date.today():
        raise IinError("birth_date", _("The IIN gives a birth date in the future: check digits 1–7."))
    expected = iin_check_digit(iin[:11])
    if expected is None or expected != int(iin[11]):
        raise IinError("checksum", _("The check digit of the IIN is wrong: please re-check the number."))
    return IinInfo(iin=iin, birth_date=birth_date, sex=sex)


def iin_build(birth_date: datetime.date, sex: str, serial: int) -> str | None:
    """Compose a valid IIN (demo data, tests, benchmarks); None if this serial gives no check digit."""
    century = birth_date.year // 100 * 100
    digit7 = next(k for k, (c, s) in CENTURY_SEX.items() if c == century and s == sex)
    head = f"{birth_date:%y%m%d}{digit7}{serial % 10000:04d}"
    check = iin_check_digit(head)
    return None if check is None else f"{head}{check}"
