"""Long terms (months, years) on the calendar and admin-edited term tables with effective dates (GEN-1)."""
import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from kandas.calendar_seed import calendar_seed
from kandas.deadlines import deadline_compute, deadline_open
from kandas.models import TermRow, Unit
from kandas.rules import Step
from kandas.terms import TermNotFound, term_in_force, term_step
from kandas.workdays import WorkCalendar, term_due
from tests.example_case.models import ExampleCase
from tests.factories import RegionFactory, make_staff
from kandas.roles import Role

D = datetime.date
add_months, add_years = WorkCalendar.add_months, WorkCalendar.add_years


def test_months_keep_the_day_and_clamp_to_the_end_of_the_month():
    """CAL-1 (long terms, e.g. RES-10's 6 months): the same day n months later; a day the month lacks
    becomes its last day (31.08 + 6 months = 28.02, or 29.02 in a leap year)."""
    assert add_months(D(2026, 3, 1), 6) == D(2026, 9, 1)
    assert add_months(D(2026, 8, 31), 6) == D(2027, 2, 28)
    assert add_months(D(2027, 8, 31), 6) == D(2028, 2, 29)
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 10, 31), 1) == D(2026, 11, 30)
    assert add_months(D(2026, 11, 15), 2) == D(2027, 1, 15)
    assert add_months(D(2026, 1, 15), -2) == D(2025, 11, 15)
    assert add_months(D(2026, 5, 31), 0) == D(2026, 5, 31)


def test_years_keep_the_date_and_29_february_becomes_28():
    """CAL-1 (ADA-13's 1 year, ADA-19's 5 years): the same date n years later."""
    assert add_years(D(2026, 6, 15), 5) == D(2031, 6, 15)
    assert add_years(D(2028, 2, 29), 1) == D(2029, 2, 28)
    assert add_years(D(2028, 2, 29), 4) == D(2032, 2, 29)


@pytest.mark.parametrize("language, text", [
    ("en", "6 months after 01.03.2026 → due 01.09.2026"),
    ("ru", "6 месяцев после 01.03.2026 → срок 01.09.2026"),
    ("kk", "01.03.2026 кейін 6 ай → мерзімі 01.09.2026"),
])
def test_term_due_explains_months_in_the_readers_language(language, text):
    """CAL-1: a long term's explanation in the user's language, dd.mm.yyyy dates."""
    with translation.override(language):
        assert term_due(Unit.MONTHS, D(2026, 3, 1), 6, WorkCalendar()) == (D(2026, 9, 1), text)


def test_term_due_years_and_one_month_singular():
    """CAL-1 (ADA-19's 5 years): years and the singular month, in English and Russian plural forms."""
    with translation.override("en"):
        assert term_due(Unit.YEARS, D(2026, 6, 15), 1, WorkCalendar()) == (
            D(2027, 6, 15), "1 year after 15.06.2026 → due 15.06.2027")
        assert term_due(Unit.MONTHS, D(2026, 8, 31), 1, WorkCalendar())[1] == "1 month after 31.08.2026 → due 30.09.2026"
    with translation.override("ru"):
        assert term_due(Unit.YEARS, D(2026, 6, 15), 5, WorkCalendar())[1] == "5 лет после 15.06.2026 → срок 15.06.2031"


@pytest.mark.django_db
@pytest.mark.parametrize("step", [
    Step("a", "CAL-1", 3), Step("b", "CAL-1", 0), Step("c", "CAL-1", 3, unit=Unit.CALENDAR_DAYS),
])
def test_term_due_counts_days_exactly_as_the_deadlines_do(step):
    """CAL-1: term_due gives the same date and words as deadline_compute for the day units (so the
    machinery can delegate to it)."""
    calendar_seed([2026])
    calendar = WorkCalendar.load()
    with translation.override("ru"):
        assert term_due(step.unit, D(2026, 3, 20), step.length, calendar) == deadline_compute(
            step, D(2026, 3, 20), calendar)


def test_term_due_keeps_a_calendar_date_on_a_sunday():
    """CAL-3: a calendar date is the date itself, also on a Sunday (05.04.2026)."""
    due, note = term_due(Unit.CALENDAR_DATE, D(2026, 3, 1), 0, WorkCalendar(), fixed_date=D(2026, 4, 5))
    assert due == D(2026, 4, 5)
    with pytest.raises(ValueError):
        term_due(Unit.CALENDAR_DATE, D(2026, 3, 1), 0, WorkCalendar())


def test_month_and_year_units_have_translated_labels():
    """CAL-1: the new units are named in Kazakh and Russian."""
    with translation.override("kk"):
        assert (str(Unit.MONTHS.label), str(Unit.YEARS.label)) == ("ай", "жыл")
    with translation.override("ru"):
        assert (str(Unit.MONTHS.label), str(Unit.YEARS.label)) == ("месяцев", "лет")


@pytest.fixture
def service_terms(db):
    """ADA-14 (Decisions 10): the term of plan service 7 (registration at the place of residence) was 10
    working days from 11.06.2024 and 5 from 01.01.2026."""
    TermRow.objects.create(table="ADA-14", key="service_07", label_ru="Регистрация по месту жительства",
                           label_kk="Тұрғылықты жері бойынша тіркеу", label_en="Registration at the place of residence",
                           length=10, unit=Unit.WORKING_DAYS, effective_from=D(2024, 6, 11), source="Приказ 170")
    TermRow.objects.create(table="ADA-14", key="service_07", label_ru="Регистрация по месту жительства",
                           label_kk="Тұрғылықты жері бойынша тіркеу", label_en="Registration at the place of residence",
                           length=5, unit=Unit.WORKING_DAYS, effective_from=D(2026, 1, 1), source="Стандарт услуги")


def test_gen1_term_in_force_is_the_latest_row_on_or_before_the_date(service_terms):
    """GEN-1: the row with the latest effective date on or before the date; the day it comes into force
    counts."""
    assert term_in_force(table="ADA-14", key="service_07", on=D(2025, 12, 31)).length == 10
    assert term_in_force(table="ADA-14", key="service_07", on=D(2026, 1, 1)).length == 5
    assert term_in_force(table="ADA-14", key="service_07", on=D(2024, 6, 11)).length == 10


def test_gen1_a_later_row_does_not_change_a_term_looked_up_for_an_earlier_date(service_terms):
    """GEN-1: adding a row in force from 01.07.2026 changes nothing for 01.02.2026, and a deadline opened
    from the earlier lookup keeps its term."""
    region = RegionFactory()
    org = make_staff(Role.MIO_SPECIALIST, region=region).staff.organisation
    case = ExampleCase.objects.create(region=region, organisation=org, filed_on=D(2026, 2, 2))
    calendar_seed([2026])
    row = term_in_force(table="ADA-14", key="service_07", on=D(2026, 2, 2))
    deadline = deadline_open(case=case, step=term_step(row, rule="ADA-14"), organisation=org, start=D(2026, 2, 2))
    TermRow.objects.create(table="ADA-14", key="service_07", label_ru="Регистрация", label_kk="Тіркеу",
                           length=2, unit=Unit.WORKING_DAYS, effective_from=D(2026, 7, 1))
    assert term_in_force(table="ADA-14", key="service_07", on=D(2026, 2, 2)) == row
    assert term_in_force(table="ADA-14", key="service_07", on=D(2026, 7, 1)).length == 2
    deadline.refresh_from_db()
    assert (deadline.rule, deadline.length, deadline.due) == ("ADA-14", 5, D(2026, 2, 9))
    assert deadline.step == "Регистрация по месту жительства"
    assert deadline.texts["kk"]["step"] == "Тұрғылықты жері бойынша тіркеу"
    assert deadline.texts["en"]["step"] == "Registration at the place of residence"


def test_gen1_a_date_before_the_first_row_is_refused_with_a_clear_error(service_terms):
    """GEN-1: before the earliest row there is no term — refused, never silently the earliest one."""
    with translation.override("en"), pytest.raises(TermNotFound, match="in force on 01.01.2024.*11.06.2024"):
        term_in_force(table="ADA-14", key="service_07", on=D(2024, 1, 1))
    with translation.override("en"), pytest.raises(TermNotFound, match="has no term service_99"):
        term_in_force(table="ADA-14", key="service_99", on=D(2026, 1, 1))


def test_term_step_carries_the_callers_rule_id_and_the_rows_unit(service_terms):
    """GEN-1 / ADA-13: a term row becomes a step with the caller's rule ID, its length and unit (1 year)."""
    row = TermRow.objects.create(table="ADA-13", key="temporary_registration", label_ru="Временная регистрация",
                                 label_kk="Уақытша тіркеу", length=1, unit=Unit.YEARS, effective_from=D(2024, 6, 11))
    step = term_step(row, rule="ADA-13")
    assert (step.rule, step.length, step.unit, step.key) == ("ADA-13", 1, "years", "ADA-13:temporary_registration")
    with translation.override("kk"):
        assert str(step.label) == "Уақытша тіркеу"


def test_gen1_term_tables_in_admin_with_filters_search_and_history(service_terms, client):
    """GEN-1: administrators edit term tables; a row already in force keeps its term (read-only fields:
    a change is a new row), a future row may still be corrected; every change is in the history."""
    root = User.objects.create_superuser("root", "root@example.kz", "pass12345")
    client.force_login(root)
    page = client.get("/admin/kandas/termrow/?table=ADA-14&q=service_07")
    assert page.status_code == 200 and "service_07" in page.content.decode()
    in_force = TermRow.objects.get(effective_from=D(2024, 6, 11))
    page = client.get(f"/admin/kandas/termrow/{in_force.pk}/change/").content.decode()
    assert 'name="length"' not in page and 'name="label_ru"' in page
    future = TermRow.objects.create(table="ADA-14", key="service_07", label_ru="Р", label_kk="Т", length=4,
                                    effective_from=D(2099, 1, 1))
    assert 'name="length"' in client.get(f"/admin/kandas/termrow/{future.pk}/change/").content.decode()
    assert in_force.history.count() == 1
    assert client.get(f"/admin/kandas/termrow/{in_force.pk}/history/").status_code == 200


@pytest.mark.django_db
def test_a_deadline_opened_from_a_months_term_counts_months():
    """CAL-1 / RES-10: a 6-month term opened on 31.08.2026 is due 28.02.2027."""
    region = RegionFactory()
    org = make_staff(Role.MIO_SPECIALIST, region=region).staff.organisation
    case = ExampleCase.objects.create(region=region, organisation=org, filed_on=D(2026, 8, 31))
    deadline = deadline_open(case=case, step=Step("stay", "RES-10", 6, unit=Unit.MONTHS), organisation=org,
                             start=D(2026, 8, 31))
    assert deadline.due == D(2027, 2, 28)
