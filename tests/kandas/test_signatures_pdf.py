"""Signatures (verification page and API detect a record tampered with in the database) and PDF
printing (Kazakh letters as text, an embedded font that has them, signer/date/digest/QR on the page)."""
import io
import re

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from kandas.pdf import pdf_render, signature_print_context
from kandas.roles import Role
from kandas.transitions import case_transition
from tests.example_case.models import ExampleCase
from tests.factories import RegionFactory, make_staff

pytestmark = pytest.mark.django_db
KAZAKH = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"


@pytest.fixture
def signed_case():
    region = RegionFactory()
    specialist = make_staff(Role.MIO_SPECIALIST, region=region)
    org = specialist.staff.organisation
    head = make_staff(Role.MIO_HEAD, region=region, organisation=org)
    head.first_name, head.last_name = "Әйгерім", "Құрманғали"
    head.save()
    case = ExampleCase.objects.create(region=region, organisation=org, filed_on="2026-03-18")
    case = case_transition(case=case, transition="review", actor=specialist, kwargs={"remarks": "толық"})
    case = case_transition(case=case, transition="approve", actor=head, sign="decision")
    return case, specialist, head


def test_tampered_record_is_reported_changed_on_the_page_and_the_api(client, signed_case):
    """A signed record changed in the database afterwards: the page and the API both say so."""
    case, _specialist, _head = signed_case
    signature = case.signatures.get()
    page = client.get(f"/signatures/{signature.token}/verify/")
    assert page.status_code == 200 and "has not changed since signing" in page.content.decode()
    api = client.get(f"/api/v1/signatures/{signature.token}/verify").json()
    assert api["valid"] and api["record_unchanged"] and api["digest"] == api["current_digest"]
    assert api["signer"] == "Әйгерім Құрманғали" and api["signed_at"]

    ExampleCase.objects.filter(pk=case.pk).update(remarks="forged afterwards")

    page = client.get(f"/signatures/{signature.token}/verify/").content.decode()
    assert "The record has changed since it was signed" in page
    api = client.get(f"/api/v1/signatures/{signature.token}/verify").json()
    assert api["valid"] is True and api["record_unchanged"] is False
    assert api["current_digest"] != api["digest"] == signature.digest


def test_forged_signature_value_is_invalid(client, signed_case):
    case, _s, _h = signed_case
    signature = case.signatures.get()
    type(signature).objects.filter(pk=signature.pk).update(digest="0" * 64)
    api = client.get(f"/api/v1/signatures/{signature.token}/verify").json()
    assert api["valid"] is False and api["record_unchanged"] is False
    assert client.get("/api/v1/signatures/00000000-0000-0000-0000-000000000000/verify").status_code == 404


def _fonts(reader: PdfReader):
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None:
                    yield str(font["/BaseFont"]), descriptor.get_object()


def test_pdf_in_kazakh_has_kazakh_text_and_embeds_a_font_that_has_the_letters(signed_case):
    """A decision printed in Kazakh: Kazakh letters and ₸ are text (pypdf extracts them); the embedded
    font (DejaVu/Noto, a subset) maps every one of them; signer, date, digest and the QR link are printed."""
    case, _s, head = signed_case
    signature = case.signatures.get()
    pdf = pdf_render("example_case/pdf/decision.html", {"case": case, **signature_print_context(signature)},
                     language="kk")
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Өтінішті қарау туралы шешім" in text and "₸" in text
    assert all(letter in text for letter in "ӘҒҚҢӨҰҮҺІ")
    assert "Әйгерім Құрманғали" in text and signature.digest[:16] in text.replace("\n", "")
    assert f"/signatures/{signature.token}/verify/" in text.replace("\n", "")

    embedded = []
    for name, descriptor in _fonts(reader):
        file = descriptor.get("/FontFile2") or descriptor.get("/FontFile3") or descriptor.get("/FontFile")
        assert file is not None, f"{name} is not embedded"
        font = TTFont(io.BytesIO(file.get_object().get_data()))
        embedded.append((name, {chr(c) for c in font.getBestCmap() or {}}, font))
    assert any(re.search("DejaVu|Noto", name) for name, *_ in embedded)
    glyph_names = set()
    for _name, chars, font in embedded:
        glyph_names |= chars
    # subsets keep the cmap of what they carry: every Kazakh letter printed is in an embedded font
    assert set(KAZAKH[:9]) <= glyph_names, set(KAZAKH[:9]) - glyph_names


def test_printing_is_a_get_returning_a_pdf_with_a_sensible_filename(client, signed_case):
    case, _s, head = signed_case
    client.force_login(head)
    response = client.get(f"/example/{case.pk}/print/?lang=kk")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f'filename="{case.ref}-decision-kk.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    assert "Қандас" in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()


def test_verification_address_is_not_guessable_from_the_sequential_id(client):
    """Printed decisions carry an unguessable token: walking ids finds nothing."""
    assert client.get("/signatures/1/verify/").status_code == 404
    assert client.get("/api/v1/signatures/1/verify").status_code == 404
