"""GEN-3: an uploaded file is reachable only through the authorised, logged download view, never as a
plain /media/ URL (which would skip scoping, consent and the access log), not even under DEBUG."""
import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches, reverse

from kandas.models import Consent, Document, PersonalDataAccess
from kandas.roles import Role
from tests.factories import PersonFactory, RegionFactory, make_staff

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + b"0" * 200


@pytest.fixture
def debug_urls(settings):
    """The URLconf as `make run` builds it: DEBUG on when config.urls is imported."""
    import config.urls
    import tests.urls

    settings.DEBUG = True
    importlib.reload(config.urls)
    importlib.reload(tests.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    importlib.reload(tests.urls)
    clear_url_caches()


@pytest.fixture
def stored_document():
    region = RegionFactory()
    specialist = make_staff(Role.CC_SPECIALIST, region=region)
    person = PersonFactory(region=region)
    Consent.objects.create(person=person, taken_by=specialist, method=Consent.Method.PAPER)
    document = Document.objects.create(person=person, kind="identity", file=SimpleUploadedFile("passport.pdf", PDF),
                                       original_name="passport.pdf", size=len(PDF), uploaded_by=specialist)
    return document, specialist


def test_media_url_of_a_document_is_404_for_anonymous_and_staff(debug_urls, client, stored_document):
    document, specialist = stored_document
    media_url = document.file.url
    assert media_url.startswith("/media/")

    assert client.get(media_url).status_code == 404
    client.force_login(specialist)  # even the uploader, who may download it properly
    assert client.get(media_url).status_code == 404
    assert not PersonalDataAccess.objects.exists()


def test_the_authorised_download_still_serves_the_file_and_logs_it(debug_urls, client, stored_document):
    document, specialist = stored_document
    client.force_login(specialist)

    response = client.get(reverse("kandas:document_download", args=[document.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert PersonalDataAccess.objects.filter(user=specialist, action=PersonalDataAccess.Action.DOCUMENT).count() == 1
