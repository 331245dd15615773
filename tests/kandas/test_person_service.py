"""The registry service that other apps use to add an applicant or a family member (GEN-2)."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from kandas.models import Person, StateRecord
from kandas.services import person_get_or_create
from tests.factories import PersonFactory, RegionFactory, valid_iin

pytestmark = pytest.mark.django_db


def test_gen2_known_iin_returns_the_existing_person():
    """GEN-2: a known IIN gives the person already in the registry; nothing is added or overwritten."""
    person = PersonFactory()
    found = person_get_or_create(iin=person.iin, surname="Другой", given_name="Человек", region=RegionFactory())
    assert found.pk == person.pk
    assert Person.objects.get(pk=person.pk).surname == person.surname
    assert Person.objects.filter(iin=person.iin).count() == 1


def test_gen2_new_iin_is_prefilled_from_the_state_persons_database():
    """GEN-2: where the state has a record, its names, birth date, sex and citizenship fill the empty fields."""
    region = RegionFactory()
    iin = valid_iin(datetime.date(1990, 3, 5), "F")
    StateRecord.objects.create(iin=iin, kind="identity", payload={
        "surname": "Серикова", "given_name": "Айгерим", "patronymic": "Болатовна", "birth_date": "1990-03-05",
        "sex": "F", "citizenship": "Монголия"})
    person = person_get_or_create(iin=iin, region=region)
    assert (person.surname, person.given_name, person.patronymic) == ("Серикова", "Айгерим", "Болатовна")
    assert person.birth_date == datetime.date(1990, 3, 5) and person.sex == "F"
    assert person.citizenship == "Монголия" and person.region == region


def test_gen2_what_the_form_gives_wins_over_the_state_record():
    region = RegionFactory()
    iin = valid_iin()
    StateRecord.objects.create(iin=iin, kind="identity", payload={"surname": "Старое", "given_name": "Имя"})
    person = person_get_or_create(iin=iin, surname="Новое", given_name="", phone="+77010000000", region=region)
    assert (person.surname, person.given_name, person.phone) == ("Новое", "Имя", "+77010000000")


def test_gen2_invalid_iin_is_refused_and_nothing_is_saved():
    before = Person.objects.count()
    with pytest.raises(ValidationError) as exc:
        person_get_or_create(iin="123456789012", surname="Абаев", given_name="Ерлан", region=RegionFactory())
    assert "iin" in exc.value.message_dict
    assert Person.objects.count() == before


def test_gen2_no_iin_adds_a_person_by_name_and_birth_date():
    """A foreign applicant without an IIN yet is added by name and date of birth."""
    person = person_get_or_create(iin="", surname="Батбаяр", given_name="Нурлан", birth_date=datetime.date(1980, 1, 2),
                                  region=RegionFactory())
    assert person.pk and person.iin is None and person.birth_date == datetime.date(1980, 1, 2)


def test_gen2_status_intake_goes_through_the_registry_service():
    """STA-1 / GEN-2: the status application's applicant is prefilled from the state record via the service."""
    from kandas.models import Organisation
    from status.models import Channel, SubType
    from status.services import application_submit
    from tests.factories import OrganisationFactory, make_staff

    region = RegionFactory()
    OrganisationFactory(kind=Organisation.Kind.MIO, region=region)
    actor = make_staff("govcorp_operator", region=region)
    iin = valid_iin(datetime.date(1975, 7, 7), "M")
    StateRecord.objects.create(iin=iin, kind="identity", payload={"surname": "Жумабаев", "given_name": "Талгат",
                                                                   "birth_date": "1975-07-07", "sex": "M"})
    app = application_submit(actor=actor, sub_type=SubType.GENERAL, channel=Channel.GOVCORP, region=region,
                             applicant={"iin": iin, "surname": "", "given_name": ""})
    assert app.applicant.surname == "Жумабаев" and app.applicant.iin == iin
