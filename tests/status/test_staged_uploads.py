"""A status intake sent with an error keeps the chosen scans (kandas.staging): the corrected form files them; a scan
that failed its check must be chosen again; a kept file is its uploader's alone."""
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kandas.models import Document, StagedUpload
from status.models import StatusApplication
from tests.html import field_error_shown

from .helpers import pdf_file

pytestmark = pytest.mark.django_db

BASE = {"surname": "Тұрсынов", "birth_date": "06.05.1980", "sex": "M", "sub_type": "general",
        "channel": "govcorp", "consent": "paper"}


def _token(html: str, field: str) -> str:
    return re.search(rf'name="staged_{field}" value="([0-9a-f-]+)"', html).group(1)


def test_intake_with_an_error_keeps_the_scan_and_the_corrected_form_files_it(client, world,
                                                                            django_capture_on_commit_callbacks):
    """Given a form without the given name and with an autobiography scan, the page says the file is kept;
    sent again corrected without choosing the file, the application has the scan; the kept copy is gone."""
    client.force_login(world.operator)
    first = client.post(reverse("status:application_new"), {**BASE, "autobiography": pdf_file("моя-биография.pdf")})
    html = first.content.decode()
    assert first.status_code == 400 and field_error_shown(html, "given_name")
    assert "моя-биография.pdf" in html and 'data-testid="staged-autobiography"' in html
    token = _token(html, "autobiography")
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(reverse("status:application_new"), {**BASE, "given_name": "Ерлан",
                                                                  "staged_autobiography": token})
    assert second.status_code == 302, second.content.decode()[:1500]
    app = StatusApplication.objects.get(applicant__surname="Тұрсынов")
    doc = Document.objects.get(person=app.applicant, kind="autobiography")
    assert doc.original_name == "моя-биография.pdf" and doc.file.read().startswith(b"%PDF")
    assert not StagedUpload.objects.exists()


def test_a_removed_kept_file_is_not_filed(client, world):
    client.force_login(world.operator)
    html = client.post(reverse("status:application_new"), {**BASE, "autobiography": pdf_file()}).content.decode()
    response = client.post(reverse("status:application_new"), {
        **BASE, "given_name": "Ерлан", "staged_autobiography": _token(html, "autobiography"),
        "staged_autobiography_remove": "1"})
    assert response.status_code == 302
    app = StatusApplication.objects.get(applicant__surname="Тұрсынов")
    assert not Document.objects.filter(person=app.applicant, kind="autobiography").exists()
    assert not StagedUpload.objects.exists()


def test_a_file_of_the_wrong_type_is_not_kept_and_must_be_chosen_again(client, world):
    client.force_login(world.operator)
    bad = SimpleUploadedFile("bio.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(reverse("status:application_new"), {**BASE, "autobiography": bad,
                                                                "identity": pdf_file("passport.pdf")})
    html = response.content.decode()
    assert response.status_code == 400 and field_error_shown(html, "autobiography")
    assert "choose it again" in html or "выберите его снова" in html
    assert 'data-testid="staged-autobiography"' not in html and 'data-testid="staged-identity"' in html
    assert list(StagedUpload.objects.values_list("field", flat=True)) == ["identity"]


def test_another_users_token_does_not_give_their_file(client, world):
    """A kept file is scoped to its uploader and session: another user sending the token gets nothing."""
    client.force_login(world.operator)
    html = client.post(reverse("status:application_new"), {**BASE, "autobiography": pdf_file()}).content.decode()
    other = Client()
    other.force_login(world.specialist)
    response = other.post(reverse("status:application_new"), {
        **BASE, "surname": "Чужой", "given_name": "Ерлан", "staged_autobiography": _token(html, "autobiography")})
    if response.status_code == 302:
        app = StatusApplication.objects.get(applicant__surname="Чужой")
        assert not Document.objects.filter(person=app.applicant, kind="autobiography").exists()
    assert StagedUpload.objects.count() == 1


def test_intake_page_has_unique_ids_across_its_family_rows(client, world):
    from tests.html import duplicate_ids

    client.force_login(world.operator)
    html = client.get(reverse("status:application_new")).content.decode()
    assert 'name="members-2-kinship"' in html and duplicate_ids(html) == []
