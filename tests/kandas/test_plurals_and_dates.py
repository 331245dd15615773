"""Counts shown to a user take their plural form in Russian (3 forms) and Kazakh; dates read dd.mm.yyyy in every
language: typed by hand, in the IIN hint and in error messages."""
import datetime

import pytest
from django.utils import translation

from adaptation.services.residence import beds_label, persons_label
from kandas.iin import iin_parse
from kandas.models import Person, Unit
from kandas.workdays import WorkCalendar, term_due
from status.forms import FamilyMemberForm
from tests.factories import valid_iin

START = datetime.date(2026, 3, 2)


def _calendar_days(n: int, lang: str) -> str:
    with translation.override(lang):
        return term_due(Unit.CALENDAR_DAYS, START, n, WorkCalendar())[1]


def test_calendar_day_terms_take_the_plural_form_in_russian():
    assert _calendar_days(1, "ru").startswith("1 календарный день после 02.03.2026")
    assert _calendar_days(2, "ru").startswith("2 календарных дня после")
    assert _calendar_days(5, "ru").startswith("5 календарных дней после")
    assert _calendar_days(21, "ru").startswith("21 календарный день")


def test_calendar_day_terms_in_kazakh_and_english():
    assert "1 күнтізбелік күн" in _calendar_days(1, "kk") and "2 күнтізбелік күн" in _calendar_days(2, "kk")
    assert _calendar_days(1, "en").startswith("1 calendar day after") and "2 calendar days" in _calendar_days(2, "en")


@pytest.mark.parametrize(("lang", "n", "persons", "beds"), [
    ("ru", 1, "1 человек", "1 место"), ("ru", 2, "2 человека", "2 места"), ("ru", 5, "5 человек", "5 мест"),
    ("kk", 1, "1 адам", "1 орын"), ("kk", 2, "2 адам", "2 орын"), ("en", 1, "1 person", "1 bed"),
    ("en", 2, "2 persons", "2 beds")])
def test_residence_counts_of_persons_and_beds(lang, n, persons, beds):
    """The centre's capacity message ("The family (5 человек) is larger than the centre (2 места).")."""
    with translation.override(lang):
        assert (persons_label(n), beds_label(n)) == (persons, beds)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_date_typed_by_hand_as_dd_mm_yyyy_is_accepted_and_the_iin_mismatch_names_dd_mm_yyyy(lang):
    iin = valid_iin(datetime.date(1984, 9, 1), "F")
    with translation.override(lang):
        typed = FamilyMemberForm({"surname": "Тұрсынова", "given_name": "Гүлнар", "birth_date": "01.09.1984",
                                  "kinship": "spouse"})
        assert typed.is_valid(), typed.errors
        assert typed.cleaned_data["birth_date"] == datetime.date(1984, 9, 1)
        wrong = FamilyMemberForm({"iin": iin, "birth_date": "02.09.1984", "kinship": "spouse",
                                  "surname": "Т", "given_name": "Г"})
        assert not wrong.is_valid()
        assert "01.09.1984" in wrong.errors["birth_date"][0] and "1984-09-01" not in wrong.errors["birth_date"][0]


@pytest.mark.django_db
def test_person_model_error_names_the_iin_birth_date_dd_mm_yyyy():
    iin = valid_iin(datetime.date(1984, 9, 1), "F")
    person = Person(iin=iin, surname="Т", given_name="Г", birth_date=datetime.date(1984, 9, 2), sex="F")
    with pytest.raises(Exception) as exc:
        person.clean()
    assert "01.09.1984" in str(exc.value) and "1984-09-01" not in str(exc.value)


@pytest.mark.django_db
def test_iin_hint_gives_the_birth_date_dd_mm_yyyy_and_the_sex_in_words(client, django_user_model):
    iin = valid_iin(datetime.date(1984, 9, 1), "F")
    assert iin_parse(iin).birth_date == datetime.date(1984, 9, 1)
    client.force_login(django_user_model.objects.create_user("hint", password="x"))
    data = client.get(f"/api/v1/iin/{iin}/", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert data["birth_date"] == "1984-09-01"  # the API stays ISO
    assert data["birth_date_display"] == "01.09.1984" and data["sex_display"] == "женский"
