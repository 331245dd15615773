"""Browser: a status intake sent with an error keeps the chosen scans; the corrected form files the application
with them (kandas.staging)."""
import pytest

from kandas.models import Document, StagedUpload
from status.models import StatusApplication
from tests.status.helpers import build_region

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_intake_with_a_validation_error_keeps_the_chosen_files(page, login, tmp_path):
    """Given the operator chose two scans but left the given name empty, the page says both files are kept;
    filling the name and sending again files the application with both scans, without choosing them again."""
    w = build_region()
    autobiography, identity = tmp_path / "биография.pdf", tmp_path / "паспорт.pdf"
    autobiography.write_bytes(b"%PDF-1.4 autobiography")
    identity.write_bytes(b"%PDF-1.4 identity")

    login(w.operator)
    page.goto("/status/applications/new/")
    page.fill("#id_surname", "Қасымов")
    page.fill("#id_birth_date", "1980-05-06")
    page.select_option("#id_consent", "paper")
    page.set_input_files("#id_autobiography", str(autobiography))
    page.set_input_files("#id_identity", str(identity))
    page.click("[data-testid=status-intake] button[type=submit]")

    page.wait_for_selector("[data-testid=staged-uploads]")
    assert page.locator("#id_given_name_error").is_visible()
    kept = page.locator("[data-testid=staged-uploads]").inner_text()
    assert "биография.pdf" in kept and "паспорт.pdf" in kept
    assert page.input_value("#id_surname") == "Қасымов"

    page.fill("#id_given_name", "Бауыржан")
    page.click("[data-testid=status-intake] button[type=submit]")
    page.wait_for_url("**/status/applications/*/")
    app = StatusApplication.objects.get(applicant__surname="Қасымов")
    names = set(Document.objects.filter(person=app.applicant).values_list("original_name", flat=True))
    assert {"биография.pdf", "паспорт.pdf"} <= names
    assert not StagedUpload.objects.exists()
