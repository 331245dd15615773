"""GEN-2: the status intake checks a typed name against the state persons database (ГБД ФЛ) for the IIN."""
import pytest
from django.urls import reverse

from kandas.models import Consent, StateRecord, TransitionLog
from status.models import StatusApplication
from status.services import application_submit
from tests.factories import valid_iin

from .helpers import pdf_file

pytestmark = pytest.mark.django_db


def registry_person(iin):
    StateRecord.objects.create(iin=iin, kind=StateRecord.Kind.IDENTITY, payload={
        "surname": "Серікбаев", "given_name": "Арман", "patronymic": "Болатұлы", "birth_date": "1985-04-12",
        "sex": "M"})


def test_gen2_api_submit_with_a_name_contradicting_the_registry_uses_the_registry_name_and_logs_it(world):
    """GEN-2: a portal/API application whose typed name contradicts ГБД ФЛ gets the registry's name (and
    is then rightly "confirmed from state systems"); the replacement is on the timeline."""
    iin = valid_iin()
    registry_person(iin)
    app = application_submit(actor=world.api, sub_type="general", channel="portal", region=world.region,
                             applicant={"iin": iin, "surname": "Иванов", "given_name": "Пётр"},
                             consent_method=Consent.Method.OTP)
    assert (app.applicant.surname, app.applicant.given_name) == ("Серікбаев", "Арман")
    assert any(r["person_id"] == app.applicant_id for r in app.registry_confirmed)
    log = TransitionLog.objects.get(case_id=app.pk, transition="name_from_registry")
    assert "Иванов" in str(log.message) and "Серікбаев" in str(log.message)


def test_gen2_paper_intake_shows_the_mismatch_and_needs_an_explicit_logged_decision(client, world):
    """GEN-2 on paper: the form is prefilled from ГБД ФЛ; a contradicting name is refused with the registry's
    name shown; keeping the document's name needs the tick and a reason, is logged on the timeline, and the
    identity is then not labelled "confirmed from state systems" (the identity document is asked for)."""
    iin = valid_iin()
    registry_person(iin)
    client.force_login(world.operator)
    url = reverse("status:application_new")
    assert 'value="Серікбаев"' in client.get(url, {"iin": iin}).content.decode()
    data = {"iin": iin, "surname": "Серикбаев", "given_name": "Арман", "sub_type": "general",
            "channel": "govcorp", "consent": "paper", "autobiography": pdf_file("autobiography.pdf")}
    refused = client.post(url, data)
    assert refused.status_code == 400 and "Серікбаев Арман Болатұлы" in refused.content.decode()
    assert not StatusApplication.objects.exists()
    data["autobiography"] = pdf_file("autobiography.pdf")
    no_reason = client.post(url, {**data, "keep_document_name": "on"})
    assert no_reason.status_code == 400 and not StatusApplication.objects.exists()
    data["autobiography"] = pdf_file("autobiography.pdf")
    response = client.post(url, {**data, "keep_document_name": "on", "name_reason": "Так в паспорте Монголии"})
    assert response.status_code == 302
    app = StatusApplication.objects.get()
    assert app.applicant.surname == "Серикбаев"
    assert not any(r["person_id"] == app.applicant_id for r in app.registry_confirmed)
    assert {"kind": "identity", "person_id": app.applicant_id, "person": app.applicant.full_name} \
        in app.missing_documents
    page = client.get(app.get_absolute_url()).content.decode()
    assert "Так в паспорте Монголии" in page
    assert TransitionLog.objects.filter(case_id=app.pk, transition="name_kept", actor=world.operator).exists()
