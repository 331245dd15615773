"""PDFs in Russian and Kazakh, text extracted with pypdf (STA-2, STA-5, STA-6, STA-7, STA-8)."""
import io

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from status.services import (application_assign, application_recommend, application_send_to_commission,
                             extension_grant, extension_submit)
from status.views.pdfs import case_pdf_bytes

from .helpers import file_application

pytestmark = pytest.mark.django_db


def text_of(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def assigned(w):
    app = file_application(w)
    application_send_to_commission(actor=w.specialist, application_id=app.pk)
    application_recommend(actor=w.secretary, application_id=app.pk, outcome="assign", protocol_number="41",
                          protocol_date=timezone.localdate(), video_reference="video://41")
    return application_assign(actor=w.head, application_id=app.pk)


def test_sta5_decision_pdf_in_russian_and_kazakh_with_signature_block(client, world):
    """STA-5: the decision (app.4) prints in ru and kk with the applicant, the protocol and the signer's
    verifiable digest. Printed forms are for the applicant: where the form comes from (built from the fields
    the rules name) is in the PDF's metadata, not on the page."""
    app = assigned(world)
    client.force_login(world.head)
    url = reverse("status:application_pdf", args=[app.pk, "decision"])
    ru = client.get(url)
    assert ru["Content-Type"] == "application/pdf"
    ru_text = text_of(ru.content)
    signature = app.signatures.get(purpose="decision")
    assert "Решение о присвоении статуса кандаса" in ru_text
    assert app.applicant.surname in ru_text and app.ref in ru_text and "41" in ru_text
    assert signature.digest[:16] in ru_text.replace("\n", "").replace(" ", "")
    assert "Форма составлена по полям" not in ru_text and "полям" not in ru_text
    metadata = PdfReader(io.BytesIO(ru.content)).metadata
    assert "329-Ө-М app.4" in (metadata.get("/Subject") or "") + (metadata.get("/Keywords") or "")
    kk_text = text_of(client.get(url + "?lang=kk").content)
    assert "Қандас мәртебесін беру туралы шешім" in kk_text


def test_sta2_sta7_registration_notice_application_and_certificate_print(world):
    """STA-2: the registration notice (app.3) shows the 30-working-day due date; STA-1: the application
    (app.1) lists the documents; STA-7: the kandas certificate carries its number and the period."""
    app = assigned(world)
    notice = text_of(case_pdf_bytes(app, "registration", "ru"))
    term = app.deadlines.get(rule="STA-5")
    assert app.ref in notice and term.due.strftime("%d.%m.%Y") in notice
    application = text_of(case_pdf_bytes(app, "application", "kk"))
    assert "Қандас мәртебесін беру туралы өтініш" in application and "өмірбаян" in application.lower()
    certificate = text_of(case_pdf_bytes(app, "certificate", "ru"))
    assert "Удостоверение кандаса" in certificate and app.certificate_number in certificate
    assert app.status_until.strftime("%d.%m.%Y") in certificate


def test_sta8_extension_application_and_decision_print(world):
    """STA-8: the extension application (app.6) and the decision (app.4) print with the new expiry."""
    app = assigned(world)
    until = app.status_until + relativedelta(months=6)
    ext = extension_submit(actor=world.operator, application_id=app.pk, channel="govcorp", requested_until=until)
    assert until.strftime("%d.%m.%Y") in text_of(case_pdf_bytes(ext, "application", "ru"))
    ext = extension_grant(actor=world.head, extension_id=ext.pk)
    decision = text_of(case_pdf_bytes(ext, "decision", "kk"))
    assert until.strftime("%d.%m.%Y") in decision and "ұзарту" in decision.lower()


def test_decision_pdf_before_signing_is_a_message_not_an_error(client, world):
    """STA-5: no decision PDF exists before the head signs: the user is told so."""
    app = file_application(world)
    client.force_login(world.specialist)
    response = client.get(reverse("status:application_pdf", args=[app.pk, "decision"]), follow=True)
    assert response.status_code == 200 and response.redirect_chain


def test_sta6_ground_1_cites_sub_paragraph_1_of_article_20(world):
    """STA-6 (app.2 p.9 1)): ground 1 is non-compliance with sub-paragraph 1) of article 20 of the Migration
    Law — the label and the printed refusal say so, in every language."""
    from django.utils import translation

    from status.models import RefusalGround

    with translation.override("en"):
        assert "sub-paragraph 1) of article 20" in str(RefusalGround.NOT_ELIGIBLE.label)
    with translation.override("ru"):
        assert "подпунктом 1) статьи 20" in str(RefusalGround.NOT_ELIGIBLE.label)
    with translation.override("kk"):
        assert "20-бабының 1) тармақшасы" in str(RefusalGround.NOT_ELIGIBLE.label)


def test_sta7_govcorp_keeps_the_documents_one_year_shown_on_the_case_page(client, world):
    """STA-7 (app.2 row 5): the State Corporation keeps the documents for one year: the storage end is
    recorded with the decision and shown on the case page next to the hand-out."""
    app = assigned(world)
    until = app.decided_on + relativedelta(years=1)
    assert app.govcorp_stored_until == until
    client.force_login(world.operator)
    page = client.get(app.get_absolute_url()).content.decode()
    assert f"Хранится в Государственной корпорации 1 год (прил. 2, строка 5), до {until:%d.%m.%Y}" in page
