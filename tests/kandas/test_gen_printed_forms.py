"""Printed forms are for the applicant: a form's source (printed in the regulation / built from the rules'
fields) lives in the forms catalogue (README, kandas.pdf.PRINTED_FORMS) and in the PDF metadata; the QR and
the verification link carry the configured public address (PUBLIC_BASE_URL)."""
import io
import pathlib

import pytest
from django.conf import settings
from pypdf import PdfReader

from kandas import pdf as printing
from kandas.pdf import PRINTED_FORMS, PrintedForm, pdf_render, qr_data_uri, signature_print_context
from kandas.roles import Role
from kandas.transitions import case_transition
from tests.example_case.models import ExampleCase
from tests.factories import RegionFactory, make_staff

pytestmark = pytest.mark.django_db
ROOT = pathlib.Path(settings.BASE_DIR)
PDF_DIRS = ["templates/pdf", "status/templates/status/pdf", "quota/templates/quota/pdf",
            "adaptation/templates/adaptation/pdf"]


@pytest.fixture
def signed_case():
    region = RegionFactory()
    specialist = make_staff(Role.MIO_SPECIALIST, region=region)
    head = make_staff(Role.MIO_HEAD, region=region, organisation=specialist.staff.organisation)
    case = ExampleCase.objects.create(region=region, organisation=specialist.staff.organisation, filed_on="2026-03-18")
    case = case_transition(case=case, transition="review", actor=specialist, kwargs={"remarks": "толық"})
    return case_transition(case=case, transition="approve", actor=head, sign="decision")


def _printed_forms_on_disk():
    for folder in PDF_DIRS:
        for path in sorted((ROOT / folder).glob("*.html")):
            if not path.name.startswith("_") and folder != "templates/pdf":
                yield str(path.relative_to(ROOT / folder.split("/templates/")[0] / "templates")
                          if "/templates/" in folder else path.relative_to(ROOT / "templates"))


def test_gen_printed_forms_every_form_is_in_the_catalogue_and_the_readme():
    """Printed forms: each PDF template has its source in PRINTED_FORMS, and the README lists it."""
    readme = (ROOT / "README.md").read_text()
    forms = list(_printed_forms_on_disk())
    assert len(forms) >= 18
    for template in forms:
        assert template in PRINTED_FORMS, template
        assert f"`{template}`" in readme, template
    assert "Forms catalogue" in readme and "built from the rules' fields" in readme


def test_gen_printed_forms_the_source_goes_into_the_pdf_metadata(signed_case, monkeypatch):
    """Printed forms: a built form says so in the file's description and keywords, not on the page."""
    monkeypatch.setitem(PRINTED_FORMS, "example_case/pdf/decision.html",
                        PrintedForm("Решение (пример)", "example p.1", False))
    case = signed_case
    pdf = pdf_render("example_case/pdf/decision.html",
                     {"case": case, **signature_print_context(case.signatures.get())}, language="ru")
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert reader.metadata.title == "Решение (пример)"
    assert "example p.1" in reader.metadata.subject and "утвержд" in reader.metadata.subject.lower()
    assert "form-source:built" in reader.metadata["/Keywords"]
    assert "example p.1" not in text


def test_gen_printed_forms_qr_and_link_carry_the_configured_public_address(signed_case, settings):
    """Printed forms: the verification link printed under a decision and its QR use PUBLIC_BASE_URL."""
    settings.PUBLIC_BASE_URL = "https://kandas.enbek.kz/"
    signature = signed_case.signatures.get()
    context = signature_print_context(signature)
    expected = f"https://kandas.enbek.kz/signatures/{signature.token}/verify/"
    assert context["verify_url"] == expected and context["verify_qr"] == qr_data_uri(expected)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(
        pdf_render("example_case/pdf/decision.html", {"case": signed_case, **context}))).pages).replace("\n", "")
    assert expected in text and "127.0.0.1" not in text and "testserver" not in text


def test_gen_printed_forms_public_address_has_a_zero_setup_default(settings):
    """Printed forms: with no PUBLIC_BASE_URL configured the link still builds (the development default)."""
    del settings.PUBLIC_BASE_URL
    assert printing.public_url("/signatures/x/verify/") == "http://127.0.0.1:8000/signatures/x/verify/"


def test_gen_printed_forms_pdf_code_names_no_development_host():
    """Printed forms: no printing module builds a link from the request host or a hard-coded address."""
    for path in [ROOT / "kandas/pdf.py", *(ROOT / "templates/pdf").glob("*.html")]:
        body = path.read_text()
        assert "build_absolute_uri" not in body and "testserver" not in body and "localhost" not in body, path
