"""Duplicates across spellings (issue 15): one person registered twice is shown, merged or dismissed."""
import datetime

import pytest
from django.urls import reverse

from kandas.duplicate_services import duplicate_dismiss, duplicates_find, duplicates_of, person_merge
from kandas.duplicates import duplicate_key
from kandas.models import (Document, DocumentKind, DuplicateCandidate, Family, FamilyMember, Kinship, Person,
                           PersonMerge)
from tests.factories import PersonFactory, staffed_region, valid_iin
from tests.status.helpers import file_application

BORN = datetime.date(1979, 3, 8)

# One person as the papers of Kazakhstan, Russia, a passport, the 2021 alphabet, China and Mongolia write them.
SAME_PERSON = [
    [("Қасымов", "Нұрлан"), ("Касымов", "Нурлан"), ("Kassymov", "Nurlan"), ("Qasymov", "Nurlan"),
     ("Hasimu", "Nuerlan"), ("Хасым", "Нурлан"), ("Nurlan", "Kasymov")],
    [("Серіков", "Бақыт"), ("Сериков", "Бахыт"), ("Sailike", "Bahete"), ("Серик", "Бахыт")],
    [("Жұмабаев", "Ерлан"), ("Jumabayev", "Yerlan"), ("Zhumabai", "Erlan"), ("Жумабай", "Ерлан"),
     ("Djumabaev", "Erlan")],
    [("Төлеуов", "Айгүл"), ("Tuleuov", "Aigul"), ("Töleuov", "Aigül"), ("Тулеуов", "Айгуль")],
]
DIFFERENT_PEOPLE = [(("Асанов", "Болат"), ("Есенов", "Болат")), (("Омаров", "Ерлан"), ("Омаров", "Ержан")),
                    (("Сейткали", "Дина"), ("Сейткали", "Мадина")), (("Ахметов", "Арман"), ("Ахметов", "Марат"))]


@pytest.mark.parametrize("spellings", SAME_PERSON, ids=lambda s: s[0][0])
def test_one_name_in_every_spelling_has_one_key(spellings):
    keys = {duplicate_key(surname=s, given_name=g) for s, g in spellings}
    assert len(keys) == 1 and keys != {""}


@pytest.mark.parametrize("first,second", DIFFERENT_PEOPLE, ids=lambda p: p[1] if isinstance(p, tuple) else p)
def test_different_names_keep_different_keys(first, second):
    assert duplicate_key(surname=first[0], given_name=first[1]) != duplicate_key(surname=second[0], given_name=second[1])


def _person(world, surname, given, *, born=BORN, iin=True, **fields):
    return PersonFactory(region=world.region, surname=surname, given_name=given, birth_date=born,
                         iin=valid_iin(born) if iin else None, **fields)


@pytest.fixture
def world(db):
    return staffed_region()


def test_a_second_registration_in_a_pinyin_spelling_is_shown_on_the_person_page(world, client):
    first = _person(world, "Қасымов", "Нұрлан")
    second = _person(world, "Hasimu", "Nuerlan", iin=False)
    _person(world, "Hasimu", "Nuerlan", born=datetime.date(1980, 1, 1), iin=False)  # another birth date
    client.force_login(world.specialist)
    html = client.get(reverse("kandas:person_detail", args=[second.pk])).content.decode()
    assert 'data-testid="likely-duplicates"' in html and "Қасымов Нұрлан" in html
    assert html.count(reverse("kandas:duplicate_compare", args=[second.pk, first.pk])) == 1
    assert [p for p, _ in duplicates_of(user=world.specialist, person=second)] == [first]


def test_another_regions_registration_is_never_proposed(world, client):
    mine = _person(world, "Жұмабаев", "Ерлан")
    other = staffed_region()
    PersonFactory(region=other.region, surname="Jumabayev", given_name="Yerlan", birth_date=BORN, iin=None)
    assert duplicates_of(user=world.specialist, person=mine) == []
    client.force_login(world.specialist)
    assert 'data-testid="likely-duplicates"' not in client.get(mine.get_absolute_url()).content.decode()


def test_a_family_member_in_common_makes_a_pair_without_a_birth_date(world):
    head = _person(world, "Серіков", "Бақыт")
    wife = _person(world, "Омарова", "Гүлнар", born=datetime.date(1982, 5, 1))
    family = Family.objects.create(applicant=head, region=world.region)
    FamilyMember.objects.create(family=family, person=wife, kinship=Kinship.SPOUSE)
    again = _person(world, "Sailike", "Bahete", born=None, iin=False)
    family2 = Family.objects.create(applicant=again, region=world.region)
    FamilyMember.objects.create(family=family2, person=wife, kinship=Kinship.SPOUSE)
    lonely = _person(world, "Серик", "Бахыт", born=None, iin=False)
    found = dict(duplicates_of(user=world.specialist, person=again))
    assert head in found and lonely not in found
    assert "family member in common" in str(found[head]) or "член семьи" in str(found[head])


def test_the_nightly_search_lists_the_regions_pairs_and_remembers_a_dismissal(world, client):
    a = _person(world, "Төлеуов", "Айгүл")
    b = _person(world, "Tuleuov", "Aigul", iin=False)
    c = _person(world, "Ахметов", "Арман")
    d = _person(world, "Akhmetov", "Arman", iin=False)
    other = staffed_region()
    PersonFactory(region=other.region, surname="Töleuov", given_name="Aigül", birth_date=BORN, iin=None)
    assert duplicates_find(region=world.region) == 2
    client.force_login(world.specialist)
    html = client.get(reverse("kandas:duplicate_list")).content.decode()
    assert "Tuleuov Aigul" in html and "Akhmetov Arman" in html and "Töleuov" not in html
    duplicate_dismiss(user=world.specialist, first_id=c.pk, second_id=d.pk, reason="twins")
    assert duplicates_find(region=world.region) == 1
    assert list(DuplicateCandidate.objects.values_list("first_id", "second_id")) == [(a.pk, b.pk)]
    assert duplicates_of(user=world.specialist, person=d) == []
    other_html = client.get(reverse("kandas:duplicate_compare", args=[a.pk, b.pk]))
    assert other_html.status_code == 200
    client.force_login(other.specialist)
    assert client.get(reverse("kandas:duplicate_compare", args=[a.pk, b.pk])).status_code == 404
    assert "Tuleuov" not in client.get(reverse("kandas:duplicate_list")).content.decode()


def test_a_merge_repoints_every_case_and_keeps_both_histories(world, client):
    kept = _person(world, "Қасымов", "Нұрлан", iin=False, phone="")
    case = file_application(world)
    dup = case.applicant
    Person.objects.filter(pk=dup.pk).update(surname="Kassymov", given_name="Nurlan")
    dup = Person.objects.get(pk=dup.pk)
    dup.save()  # a change in the history table under the duplicate's id
    Document.objects.filter(person=dup).exists()
    dup_iin, docs = dup.iin, Document.objects.filter(person=dup).count()
    family = Family.objects.create(applicant=dup, region=world.region)
    client.force_login(world.specialist)
    response = client.post(reverse("kandas:duplicate_resolve", args=[kept.pk, dup.pk]), {"action": "keep_first"})
    assert response.status_code == 302 and response["Location"] == kept.get_absolute_url()
    assert not Person.objects.filter(pk=dup.pk).exists()
    case.refresh_from_db()
    assert case.applicant_id == kept.pk
    assert Family.objects.get(pk=family.pk).applicant_id == kept.pk
    assert Document.objects.filter(person=kept).count() == docs > 0
    kept = Person.objects.get(pk=kept.pk)
    assert kept.iin == dup_iin  # the IIN the duplicate carried now belongs to the kept record
    assert Person.history.filter(id=dup.pk).count() >= 3  # created, changed, removed
    assert Person.history.filter(id=kept.pk).count() >= 2
    merge = PersonMerge.objects.get()
    assert merge.merged_person_id == dup.pk and merge.merged_by == world.specialist and merge.merged_iin == dup_iin
    assert merge.moved["status.statusapplication.applicant"] == 1
    html = client.get(case.get_absolute_url()).content.decode()
    assert "Қасымов Нұрлан" in html


def test_a_merge_is_refused_with_a_reason_where_it_cannot_be_right(world, client):
    a = _person(world, "Қасымов", "Нұрлан")
    b = _person(world, "Kassymov", "Nurlan", iin=True, sex="F")  # another IIN (another sex digit)
    assert a.iin != b.iin
    client.force_login(world.specialist)
    response = client.post(reverse("kandas:duplicate_resolve", args=[a.pk, b.pk]), {"action": "keep_first"},
                           follow=True)
    assert "different IINs" in response.content.decode() or "разные ИИН" in response.content.decode()
    assert Person.objects.filter(pk__in=[a.pk, b.pk]).count() == 2
    c = _person(world, "Qasymov", "Nurlan", iin=False)
    client.force_login(world.operator)  # the State Corporation registers, it does not merge
    client.post(reverse("kandas:duplicate_resolve", args=[a.pk, c.pk]), {"action": "keep_first"})
    assert Person.objects.filter(pk=c.pk).exists()
    with pytest.raises(Person.DoesNotExist):
        person_merge(user=staffed_region().specialist, kept_id=a.pk, merged_id=c.pk)
    assert Person.objects.filter(pk=c.pk).exists()


def test_analysts_have_no_duplicate_screens(client, db):
    from kandas.roles import Role
    from tests.factories import make_staff

    analyst = make_staff(Role.MINISTRY_ANALYST)
    client.force_login(analyst)
    assert client.get(reverse("kandas:duplicate_list")).status_code == 404
