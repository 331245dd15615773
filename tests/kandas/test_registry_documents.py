"""Documents: upload limits name the limit and save nothing; consent first (GEN-3); download logged (GEN-3)."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kandas.models import Consent, Document, PersonalDataAccess
from kandas.models.documents import MB
from kandas.roles import Role
from tests.factories import PersonFactory, RegionFactory, make_staff

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"0" * 200


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def specialist(region):
    return make_staff(Role.CC_SPECIALIST, region=region)


@pytest.fixture
def person(region, specialist):
    person = PersonFactory(region=region)
    Consent.objects.create(person=person, taken_by=specialist, method=Consent.Method.PAPER)
    return person


@pytest.fixture
def client_en(client, specialist):
    client.force_login(specialist)
    client.cookies["django_language"] = "en"
    return client


def _upload(client, person, name, content, kind="identity"):
    return client.post(reverse("kandas:document_upload", args=[person.pk]),
                       {"kind": kind, "file": SimpleUploadedFile(name, content), "number": "N123"})


def test_upload_within_limits_is_stored(client_en, person, specialist):
    response = _upload(client_en, person, "passport.pdf", PDF)
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.kind, document.size, document.original_name, document.uploaded_by) == (
        "identity", len(PDF), "passport.pdf", specialist)


def test_oversized_upload_names_the_limit_and_saves_nothing(client_en, person):
    response = _upload(client_en, person, "photo.jpg", b"\xff\xd8\xff" + b"0" * (5 * MB + 1), kind="photo")
    assert response.status_code == 400
    assert response.context["form"].has_error("file", "size")
    assert "the limit for “photo” (.jpg) is 5 MB" in response.content.decode()
    assert not Document.objects.exists()


def test_wrong_type_names_the_accepted_types_and_saves_nothing(client_en, person):
    response = _upload(client_en, person, "setup.exe", b"MZ" + b"0" * 100)
    assert response.context["form"].has_error("file", "type")
    assert ".pdf, .jpg, .jpeg, .png up to 10 MB" in response.content.decode()
    assert not Document.objects.exists()


def test_renamed_file_is_refused(client_en, person):
    response = _upload(client_en, person, "scan.pdf", b"MZ" + b"0" * 100)
    assert response.context["form"].has_error("file", "type")
    assert not Document.objects.exists()


def test_video_only_for_the_video_kind(client_en, person):
    response = _upload(client_en, person, "interview.mp4", b"\x00\x00\x00\x18ftypmp42" + b"0" * 100, kind="photo")
    assert response.context["form"].has_error("file", "type")
    response = _upload(client_en, person, "interview.mp4", b"\x00\x00\x00\x18ftypmp42" + b"0" * 100, kind="video")
    assert response.status_code == 302


def test_gen3_upload_needs_consent(client_en, region):
    """GEN-3: processing personal data (storing their documents) requires the person's consent."""
    person = PersonFactory(region=region)
    response = _upload(client_en, person, "passport.pdf", PDF)
    assert response.status_code == 400
    assert "consent" in response.content.decode()
    assert not Document.objects.exists()


def test_gen3_download_is_logged(client_en, person, specialist):
    """GEN-3: opening a document is an access to personal data and is logged."""
    _upload(client_en, person, "passport.pdf", PDF)
    document = Document.objects.get()
    response = client_en.get(reverse("kandas:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    entry = PersonalDataAccess.objects.get(action=PersonalDataAccess.Action.DOCUMENT)
    assert (entry.user, entry.person) == (specialist, person)


def test_analyst_cannot_download(client, person, specialist):
    document = Document.objects.create(person=person, kind="identity", file=SimpleUploadedFile("a.pdf", PDF),
                                       original_name="a.pdf", size=len(PDF), uploaded_by=specialist)
    client.force_login(make_staff(Role.MINISTRY_ANALYST))
    assert client.get(reverse("kandas:document_download", args=[document.pk])).status_code == 403
    assert not PersonalDataAccess.objects.exists()
