"""Region scoping through real HTTP requests: one user of every role; someone else's region → 404."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kandas.models import Document, PersonalDataAccess
from kandas.roles import PERSONAL_DATA_ROLES, Role
from tests.factories import FamilyFactory, PersonFactory, RegionFactory, add_member, make_staff

pytestmark = pytest.mark.django_db

REGIONAL_ROLES = [r for r in Role if r not in (Role.MINISTRY_ANALYST, Role.CRTR_ANALYST)]
NATIONAL_ROLES = [Role.MINISTRY_ANALYST, Role.CRTR_ANALYST]


@pytest.fixture
def two_regions():
    a, b = RegionFactory(), RegionFactory()
    data = {}
    for key, region in (("a", a), ("b", b)):
        family = FamilyFactory(applicant=PersonFactory(region=region, surname="Сейтқали"))
        add_member(family, surname="Сейтқалиева", sex="F")
        document = Document.objects.create(person=family.applicant, kind="identity", original_name="p.pdf",
                                           file=SimpleUploadedFile("p.pdf", b"%PDF-1.4 test"), size=13)
        data[key] = {"region": region, "person": family.applicant, "family": family, "document": document}
    return data


def _urls(d):
    return [d["person"].get_absolute_url(), d["family"].get_absolute_url(),
            reverse("kandas:document_download", args=[d["document"].pk]),
            reverse("kandas:person_edit", args=[d["person"].pk]),
            reverse("kandas:document_upload", args=[d["person"].pk]),
            reverse("kandas:family_member_add", args=[d["family"].pk])]


@pytest.mark.parametrize("role", REGIONAL_ROLES)
def test_other_regions_records_are_404_and_own_are_visible(client, two_regions, role):
    a, b = two_regions["a"], two_regions["b"]
    user = make_staff(role, region=a["region"])
    client.force_login(user)
    for url in _urls(b):
        assert client.get(url).status_code == 404, url
    found = client.get(reverse("kandas:person_search"), {"q": "Seitkali"}).context["page"]
    families = client.get(reverse("kandas:family_search"), {"q": "Сейтқали"}).context["page"]
    if role == Role.MISSION_OFFICER:  # a foreign mission has no region: it sees no registry persons
        assert list(found) == [] and list(families) == []
        return
    assert {p.region_id for p in found} == {a["region"].pk}
    assert len(found) == 2
    assert list(families) == [a["family"]]
    assert client.get(a["person"].get_absolute_url()).status_code == 200
    assert client.get(a["family"].get_absolute_url()).status_code == 200
    expected_doc = 200 if role in PERSONAL_DATA_ROLES else 403
    assert client.get(reverse("kandas:document_download", args=[a["document"].pk])).status_code == expected_doc


@pytest.mark.parametrize("role", NATIONAL_ROLES)
def test_national_roles_see_every_region_without_personal_data(client, two_regions, role):
    a, b = two_regions["a"], two_regions["b"]
    client.force_login(make_staff(role))
    response = client.get(reverse("kandas:person_search"), {"q": "Сейтқали"})
    assert {p.region_id for p in response.context["page"]} == {a["region"].pk, b["region"].pk}
    body = response.content.decode()
    assert a["person"].iin not in body and b["person"].iin not in body
    for d in (a, b):
        page = client.get(d["person"].get_absolute_url())
        assert page.status_code == 200 and d["person"].iin not in page.content.decode()
        family_page = client.get(d["family"].get_absolute_url())
        assert family_page.status_code == 200 and d["person"].iin not in family_page.content.decode()
        assert client.get(reverse("kandas:document_download", args=[d["document"].pk])).status_code == 403
    # Searching by IIN is a use of personal data: it finds nothing for them.
    assert list(client.get(reverse("kandas:person_search"), {"q": a["person"].iin}).context["page"]) == []
    assert not PersonalDataAccess.objects.exists()


def test_api_iin_check_needs_login(client):
    assert client.get("/api/v1/iin/850412312345/").status_code in (401, 403)


def test_anonymous_is_sent_to_login(client, two_regions):
    response = client.get(two_regions["a"]["person"].get_absolute_url())
    assert response.status_code == 302 and "/login/" in response.url
