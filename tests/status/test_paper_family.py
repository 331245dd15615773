"""STA-1 on paper: the State Corporation operator registers the applicant's family with the application."""
import datetime

import pytest
from django.urls import reverse

from kandas.models import Person, StateRecord
from status.models import StatusApplication
from tests.factories import valid_iin

from .helpers import pdf_file

pytestmark = pytest.mark.django_db


def _post(client, members, surname="Тұрсынов"):
    data = {"surname": surname, "given_name": "Ерлан", "birth_date": "1980-05-06", "sex": "M",
            "sub_type": "general", "channel": "govcorp", "consent": "paper",
            "autobiography": pdf_file("autobiography.pdf"),
            "members-TOTAL_FORMS": "3", "members-INITIAL_FORMS": "0", "members-MIN_NUM_FORMS": "0",
            "members-MAX_NUM_FORMS": "20"}
    for i, row in enumerate(members):
        data.update({f"members-{i}-{k}": v for k, v in row.items()})
    return client.post(reverse("status:application_new"), data)


def test_sta1_paper_intake_registers_the_family_members(client, world):
    """STA-1: the paper form (State Corporation) names the family: one member by IIN read from the persons
    database (GEN-2), one without an IIN by name and birth date; both are members of the application."""
    wife_iin = valid_iin(datetime.date(1984, 9, 1), "F")
    StateRecord.objects.create(iin=wife_iin, kind="identity", payload={
        "surname": "Тұрсынова", "given_name": "Гүлнар", "birth_date": "1984-09-01", "sex": "F"})
    client.force_login(world.operator)
    page = client.get(reverse("status:application_new")).content.decode()
    assert 'name="members-0-kinship"' in page
    response = _post(client, [
        {"iin": wife_iin, "kinship": "spouse"},
        {"surname": "Тұрсынов", "given_name": "Арман", "birth_date": "2010-02-03", "kinship": "son"},
    ])
    assert response.status_code == 302, response.content.decode()[:2000]
    app = StatusApplication.objects.get(applicant__surname="Тұрсынов", applicant__given_name="Ерлан")
    members = {m.person.given_name: (m.kinship, m.person.iin) for m in app.members.select_related("person")}
    assert members == {"Гүлнар": ("spouse", wife_iin), "Арман": ("son", None)}
    assert Person.objects.get(iin=wife_iin).surname == "Тұрсынова"


def test_sta1_invalid_member_iin_is_shown_next_to_the_field_and_nothing_is_saved(client, world):
    """STA-1: a member IIN with a wrong check digit → the error next to that field, status 400, no
    application and no person saved."""
    bad = valid_iin(datetime.date(1984, 9, 1), "F")
    bad = bad[:11] + str((int(bad[11]) + 1) % 10)
    client.force_login(world.operator)
    persons, apps = Person.objects.count(), StatusApplication.objects.count()
    response = _post(client, [{"iin": bad, "surname": "Ошибка", "given_name": "Ива", "kinship": "spouse"}],
                     surname="Сапаров")
    assert response.status_code == 400
    family = response.context["family"]
    assert list(family.forms[0].errors) == ["iin"]
    assert "members-0-iin" in response.content.decode()
    assert (Person.objects.count(), StatusApplication.objects.count()) == (persons, apps)


def test_sta1_member_row_needs_a_kinship_and_names_without_a_state_record(client, world):
    client.force_login(world.operator)
    response = _post(client, [{"iin": valid_iin(datetime.date(2001, 1, 1), "M")}], surname="Абенов")
    assert response.status_code == 400
    errors = response.context["family"].forms[0].errors
    assert {"kinship", "surname"} <= set(errors)
    assert not StatusApplication.objects.filter(applicant__surname="Абенов").exists()
