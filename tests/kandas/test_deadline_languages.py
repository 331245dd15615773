"""Deadlines are stored once but read in the reader's language (Russian, Kazakh, English)."""
import datetime

import pytest
from django.utils import translation

from kandas.deadlines import deadline_open, deadline_pause
from kandas.models import Deadline
from kandas.roles import Role
from tests.example_case.models import ExampleCase
from tests.factories import RegionFactory, make_staff

pytestmark = pytest.mark.django_db


def _deadline():
    region = RegionFactory()
    user = make_staff(Role.MIO_SPECIALIST, region=region)
    org = user.staff.organisation
    case = ExampleCase.objects.create(region=region, organisation=org, filed_on=datetime.date(2026, 3, 18))
    with translation.override("kk"):  # whoever writes, every language is stored
        deadline_open(case=case, step="review", organisation=org, start=datetime.date(2026, 3, 20))
    return case, user


def test_cal1_explanation_reads_in_each_language_with_holiday_names(client):
    """CAL-1: the Nauryz explanation names the holidays in the reader's language."""
    case, user = _deadline()
    deadline = Deadline.objects.get(case_id=case.pk)
    assert deadline.due == datetime.date(2026, 3, 30)
    with translation.override("ru"):
        assert "рабочих дня после 20.03.2026" in deadline.explanation_text
        assert "Наурыз" in deadline.explanation_text
    with translation.override("en"):
        assert deadline.explanation_text.startswith("3 working days after 20.03.2026")
    with translation.override("kk"):
        kk = deadline.explanation_text
        assert "20.03.2026" in kk and "жұмыс" in kk and "working days" not in kk


def test_pause_line_is_added_in_every_language(client):
    case, user = _deadline()
    deadline_pause(case=case, step="review", on=datetime.date(2026, 3, 26), reason="")
    deadline = Deadline.objects.get(case_id=case.pk)
    with translation.override("en"):
        assert "Paused on 26.03.2026" in deadline.explanation_text
    with translation.override("ru"):
        assert "Paused on" not in deadline.explanation_text
        assert "26.03.2026" in deadline.explanation_text.splitlines()[-1]


def test_my_work_shows_the_step_in_kazakh_for_a_kazakh_reader(client):
    case, user = _deadline()
    client.force_login(user)
    client.cookies["django_language"] = "kk"
    page = client.get("/").content.decode()
    deadline = Deadline.objects.get(case_id=case.pk)
    with translation.override("kk"):
        assert deadline.explanation_text.splitlines()[0] in page.replace("&gt;", ">").replace("&#x27;", "'")
