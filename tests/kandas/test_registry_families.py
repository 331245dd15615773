"""Families: creation, members by IIN, kinship list per service, adult/minor from the birth date."""
import datetime

import pytest
from django.urls import reverse

from kandas.models import Family, FamilyMember, Kinship
from kandas.roles import Role
from tests.factories import FamilyFactory, PersonFactory, RegionFactory, add_member, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def client_specialist(client, region):
    client.force_login(make_staff(Role.CC_SPECIALIST, region=region))
    return client


def test_family_page_shows_kinship_and_adult_or_minor(client_specialist, region):
    family = FamilyFactory(applicant=PersonFactory(region=region, birth_date=datetime.date(1980, 1, 1)))
    today = datetime.date.today()
    add_member(family, Kinship.SPOUSE, birth_date=datetime.date(1982, 5, 5), sex="F")
    seventeen = today.replace(year=today.year - 17)
    add_member(family, Kinship.SON, birth_date=seventeen, sex="M")
    response = client_specialist.get(family.get_absolute_url())
    body = response.content.decode()
    members = response.context["members"]
    assert [m.person.is_adult for m in members] == [True, False]
    assert body.count('badge bg-primary') == 2 and body.count('badge bg-info') == 1  # applicant+spouse, son


def test_adult_from_the_day_of_the_eighteenth_birthday():
    today = datetime.date.today()
    person = PersonFactory.build(birth_date=today.replace(year=today.year - 18))
    assert person.is_adult is True
    person.birth_date = today.replace(year=today.year - 18) + datetime.timedelta(days=1)
    assert person.is_adult is False


def test_kinship_lists_differ_by_service():
    """Quota (002 app.1) has no parents of the spouse; adaptation (000 app.2) excludes married siblings."""
    family = FamilyFactory()
    in_law = add_member(family, Kinship.SPOUSE_MOTHER, sex="F")
    married_sister = add_member(family, Kinship.SISTER, sex="F")
    married_sister.is_married = True
    assert in_law.allowed_for("adaptation") and not in_law.allowed_for("quota")
    assert not married_sister.allowed_for("adaptation") and married_sister.allowed_for("quota")


def test_create_family_and_add_member_by_iin(client_specialist, region):
    applicant = PersonFactory(region=region)
    spouse = PersonFactory(region=region, sex="F")
    response = client_specialist.post(reverse("kandas:family_create", args=[applicant.pk]))
    family = Family.objects.get(applicant=applicant)
    assert response.url == reverse("kandas:family_member_add", args=[family.pk])
    response = client_specialist.post(reverse("kandas:family_member_add", args=[family.pk]),
                                      {"iin": spouse.iin, "kinship": Kinship.SPOUSE, "lives_with_applicant": "on"})
    assert response.status_code == 302
    assert family.members.get().person == spouse


def test_member_unknown_iin_links_to_registration(client_specialist, region):
    family = FamilyFactory(applicant=PersonFactory(region=region))
    from tests.factories import valid_iin
    iin = valid_iin()
    response = client_specialist.post(reverse("kandas:family_member_add", args=[family.pk]),
                                      {"iin": iin, "kinship": Kinship.SON})
    assert response.context["form"].has_error("iin", "unknown")
    assert f"/persons/new/?iin={iin}" in response.content.decode()
    assert not FamilyMember.objects.exists()


def test_applicant_cannot_be_own_member(client_specialist, region):
    family = FamilyFactory(applicant=PersonFactory(region=region))
    response = client_specialist.post(reverse("kandas:family_member_add", args=[family.pk]),
                                      {"iin": family.applicant.iin, "kinship": Kinship.SON})
    assert response.context["form"].has_error("iin", "applicant")


def test_family_search_finds_by_member_name(client_specialist, region):
    family = FamilyFactory(applicant=PersonFactory(region=region, surname="Оразбеков"))
    add_member(family, Kinship.DAUGHTER, surname="Төлеуова", sex="F")
    response = client_specialist.get(reverse("kandas:family_search"), {"q": "Toleuova"})
    assert list(response.context["page"]) == [family]


def test_family_search_caps_very_common_names_and_says_so(client_specialist, region, monkeypatch):
    monkeypatch.setattr("kandas.selectors.FAMILY_MATCH_LIMIT", 2)
    monkeypatch.setattr("kandas.views.families.FAMILY_MATCH_LIMIT", 2)
    for _ in range(3):
        FamilyFactory(applicant=PersonFactory(region=region, surname="Оразбеков"))
    response = client_specialist.get(reverse("kandas:family_search"), {"q": "Orazbek"})
    assert response.context["page"].paginator.count <= 2
    assert b'data-testid="family-capped"' in response.content


def test_gen3_family_page_logs_access_to_every_member_shown(client_specialist, region):
    """GEN-3: the family page shows members' IINs, so each of them gets an access-log row."""
    from kandas.models import PersonalDataAccess
    family = FamilyFactory(applicant=PersonFactory(region=region))
    spouse = add_member(family, Kinship.SPOUSE, sex="F").person
    client_specialist.get(family.get_absolute_url())
    logged = set(PersonalDataAccess.objects.values_list("person_id", flat=True))
    assert logged == {family.applicant_id, spouse.pk}
