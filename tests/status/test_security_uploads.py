"""Security: status uploads are checked (type, size, content) and served only through the authorised view."""
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kandas.models import Document, DocumentKind, PersonalDataAccess
from kandas.roles import Role
from status.models import StatusApplication
from status.services import application_document_attach
from tests.factories import OrganisationFactory, make_staff

from .helpers import file_application

pytestmark = pytest.mark.django_db


def test_attached_exe_renamed_to_pdf_is_refused_and_nothing_saved(world):
    """STA-1 uploads: a file that is not what its extension says is refused; no document is stored."""
    app = file_application(world)
    before = Document.objects.count()
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        application_document_attach(actor=world.specialist, application_id=app.pk, person_id=app.applicant_id,
                                    kind=DocumentKind.IDENTITY, file=fake)
    assert Document.objects.count() == before


def test_oversized_or_wrong_type_upload_through_the_api_is_a_400(client, world):
    """The API names the limit and registers nothing."""
    client.force_login(world.api)
    exe = SimpleUploadedFile("autobiography.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(reverse("status_api:application_list"), {
        "sub_type": "general", "channel": "portal", "region": world.region.kato,
        "applicant.surname": "Тест", "applicant.given_name": "Тест",
        "documents[0]kind": "autobiography", "documents[0]file": exe}, format="multipart")
    assert response.status_code == 400, response.content
    assert ".exe" in response.content.decode()
    assert not StatusApplication.objects.exists()


def test_case_page_links_documents_through_the_authorised_download_not_media(client, world):
    """Files are never linked from /media/ (not served in production): the case page uses the logged,
    permission-checked download view, which serves the file to the case's region."""
    app = file_application(world)
    document = Document.objects.filter(case_id=app.pk).exclude(file="").first()
    client.force_login(world.specialist)
    html = client.get(app.get_absolute_url()).content.decode()
    assert "/media/" not in html
    url = reverse("kandas:document_download", args=[document.pk])
    assert url in html
    response = client.get(url)
    assert response.status_code == 200
    assert PersonalDataAccess.objects.filter(user=world.specialist, action=PersonalDataAccess.Action.DOCUMENT).exists()


def test_document_of_another_region_is_404(client, world, other):
    app = file_application(world)
    document = Document.objects.filter(case_id=app.pk).exclude(file="").first()
    client.force_login(other.specialist)
    assert client.get(reverse("kandas:document_download", args=[document.pk])).status_code == 404


def test_mission_officer_opens_documents_of_the_case_it_filed(client, world):
    """A foreign mission has no region: it reaches the documents through the case it filed."""
    mission = make_staff(Role.MISSION_OFFICER)
    app = file_application(world, actor=mission, sub_type="mission", settlement_region=world.region)
    document = Document.objects.filter(case_id=app.pk).exclude(file="").first()
    client.force_login(mission)
    assert client.get(app.get_absolute_url()).status_code == 200
    assert client.get(reverse("kandas:document_download", args=[document.pk])).status_code == 200
    client.force_login(make_staff(Role.MISSION_OFFICER,
                                  organisation=OrganisationFactory(kind="MISSION", region=None)))  # another mission
    assert client.get(reverse("kandas:document_download", args=[document.pk])).status_code == 404
