import datetime

import pytest

from kandas.iin import IinError, iin_build, iin_check_digit, iin_parse


def test_valid_iin_gives_birth_date_and_sex():
    iin = iin_build(datetime.date(1985, 4, 12), "F", 1)
    info = iin_parse(iin)
    assert info.birth_date == datetime.date(1985, 4, 12)
    assert info.sex == "F"


def test_wrong_check_digit_is_named():
    iin = iin_build(datetime.date(1990, 1, 31), "M", 7)
    broken = iin[:11] + str((int(iin[11]) + 1) % 10)
    with pytest.raises(IinError) as exc:
        iin_parse(broken)
    assert exc.value.code == "checksum"


def test_second_weight_set_used_when_first_gives_ten():
    """Find an 11-digit head whose first weighted sum is 10 mod 11: the second weights decide."""
    for serial in range(10000):
        head = f"8504123{serial:04d}"
        first = sum(int(d) * w for d, w in zip(head, range(1, 12))) % 11
        if first == 10:
            second = sum(int(d) * w for d, w in zip(head, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2))) % 11
            if second != 10:
                break
    assert iin_check_digit(head) == second
    assert iin_parse(head + str(second)).birth_date == datetime.date(1985, 4, 12)


@pytest.mark.parametrize("value,code", [
    ("12345", "format"),
    ("85041a123456", "format"),
    ("850412712345", "century"),
    ("850231312345", "birth_date"),
    ("851312312345", "birth_date"),
    ("850412512345", "birth_date"),  # digit 7 = 5 puts the birth in 2085: not born yet
])
def test_invalid_iins_say_which_check_failed(value, code):
    with pytest.raises(IinError) as exc:
        iin_parse(value)
    assert exc.value.code == code


def test_century_digit_gives_century_and_sex():
    iin = iin_build(datetime.date(2005, 6, 1), "M", 3)
    assert iin[6] == "5"
    info = iin_parse(iin)
    assert (info.birth_date.year, info.sex) == (2005, "M")
