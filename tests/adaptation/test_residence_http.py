"""Residence through HTTP: screens, actions, refusals as messages, 403/404, printouts (ru/kk)."""
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from adaptation.models import ResidenceApplication, ResidenceState
from kandas.roles import Role
from tests.factories import make_staff

from .factories import make_kandas_family
from .helpers import member_rows_post, referred, register, talons_all

pytestmark = pytest.mark.django_db


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_res2_mio_registers_through_the_form_and_res1_refusal_is_a_field_error(client, staff):
    """RES-2 via the form; RES-1: a person without kandas status gets the reason next to the field."""
    applicant, _members = make_kandas_family(staff.region, adults=1, children=1)
    client.force_login(staff.specialist)
    url = reverse("adaptation:residence_register")
    assert client.get(url).status_code == 200
    response = client.post(url, {"applicant_iin": applicant.iin, "centre": staff.centre.pk, "whole_family": "on",
                                 **member_rows_post([{"iin": ""}])})
    app = ResidenceApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == app.get_absolute_url()
    assert app.persons_count == 3 and app.journal_no == 1
    stranger = make_kandas_family(staff.region)[0]
    stranger.kandas_status_since = None
    stranger.save()
    response = client.post(url, {"applicant_iin": stranger.iin, "centre": staff.centre.pk,
                                 **member_rows_post([{"iin": ""}, {"iin": ""}])})
    assert response.status_code == 200
    assert "RES-1" in " ".join(response.context["form"].errors["applicant_iin"])
    assert ResidenceApplication.objects.count() == 1


def test_res3_referral_without_talon_is_a_clear_message_over_http(client, staff):
    """RES-3: the referral waits for the talons — the attempt says so, the case page names exactly whose
    talon is missing; nothing changes."""
    app = register(staff, adults=1)
    spouse = app.persons.get(kinship="spouse")
    client.force_login(staff.specialist)
    response = client.post(reverse("adaptation:residence_act", args=[app.pk, "referral_prepare"]),
                           {"seen_version": app.version}, follow=True)
    text = _messages(response)
    assert "талон органов внутренних дел" in text and "RES-3" in text
    page = response.content.decode()
    warning = page[page.index("alert-warning"):]
    assert spouse.person.full_name in warning[:warning.index("</div>")] and "RES-3" in warning
    waiting = page[page.index('data-testid="action-waiting"'):]
    assert "Подготовить направление" in waiting[:400]
    assert ResidenceApplication.objects.get(pk=app.pk).state == ResidenceState.REGISTERED


def test_res3_talon_upload_then_referral_and_pdf_in_russian_and_kazakh(client, staff):
    """RES-3: a scanned talon (Document of kind police_talon) counts; the referral prints (form app.1)
    with members, kinship and the signature block."""
    app = register(staff, adults=1)
    client.force_login(staff.specialist)
    talon_url = reverse("adaptation:residence_act", args=[app.pk, "talon_record"])
    for row in app.persons.all():
        scan = io.BytesIO(b"%PDF-1.4 talon")
        scan.name = "talon.pdf"
        response = client.post(talon_url, {"resident": row.pk, "file": scan, "seen_version": app.version})
        assert response.status_code == 302
    assert app.persons.filter(talon_document__kind="police_talon").count() == 2
    bad = io.BytesIO(b"MZ")
    bad.name = "talon.exe"
    response = client.post(talon_url, {"resident": app.persons.first().pk, "file": bad})
    assert response.status_code == 400 and ".pdf" in response.content.decode()
    client.post(reverse("adaptation:residence_act", args=[app.pk, "referral_prepare"]), {"seen_version": app.version})
    app = ResidenceApplication.objects.get(pk=app.pk)
    client.force_login(staff.head)  # RES-3: the head whose name the referral prints signs it
    page = client.get(app.get_absolute_url()).content.decode()
    preview = page[page.index('data-testid="sign-preview-referral_issue"'):]
    assert app.applicant.full_name in preview and "супруг" in preview.lower()  # what the referral signs, in words
    unconfirmed = client.post(reverse("adaptation:residence_act", args=[app.pk, "referral_issue"]),
                              {"handed_over_on": timezone.localdate().isoformat(), "seen_version": app.version})
    assert unconfirmed.status_code == 400 and "ЭЦП" in unconfirmed.content.decode()
    client.post(reverse("adaptation:residence_act", args=[app.pk, "referral_issue"]),
                {"handed_over_on": timezone.localdate().isoformat(), "seen_version": app.version,
                 "sign_confirmed": "1"})
    app = ResidenceApplication.objects.get(pk=app.pk)
    assert app.state == ResidenceState.REFERRED
    ru = _pdf_text(client.get(reverse("adaptation:residence_referral_pdf", args=[app.pk])))
    assert "НАПРАВЛЕНИЕ" in ru and app.applicant.surname in ru and "супруг" in ru.lower()
    assert app.signatures.get(purpose="referral").digest[:16] in ru.replace("\n", "")
    kk = _pdf_text(client.get(reverse("adaptation:residence_referral_pdf", args=[app.pk]) + "?lang=kk"))
    assert "ЖОЛДАМА" in kk
    app2 = _pdf_text(client.get(reverse("adaptation:residence_application_pdf", args=[app.pk])))
    assert "Заявление" in app2 and "2" in app2


def test_res4_journal_pdf_for_a_period_with_started_and_finished(client, staff):
    """RES-4 (form app.3): the journal PDF lists the rows of the period with the form's columns and
    'started'/'finished' dates; Kazakh too."""
    app = referred(staff, register(staff, adults=0))
    client.force_login(staff.specialist)
    today = timezone.localdate()
    url = reverse("adaptation:journal_pdf", args=[staff.centre.pk]) + f"?first={today:%Y-%m-%d}&last={today:%Y-%m-%d}"
    text = _pdf_text(client.get(url))
    assert "ЖУРНАЛ" in text and app.applicant.surname in text and app.ref in text
    assert f"Начато: {today:%d.%m.%Y}" in text and f"Окончено: {today:%d.%m.%Y}" in text
    assert f"№ {app.referral_no}" in text
    kk = _pdf_text(client.get(url + "&lang=kk"))
    assert "Басталды" in kk and "Аяқталды" in kk
    html = client.get(reverse("adaptation:journal", args=[staff.centre.pk]))
    assert app.ref in html.content.decode()


def test_res9_decision_pdf_is_signed(client, staff):
    """RES-9: the MIO head's eviction decision prints with the signature block."""
    from adaptation.services.residence import check_in
    from adaptation.services.stay import termination_propose

    app = referred(staff, register(staff, adults=1))
    check_in(application_id=app.pk, actor=staff.centre_staff, house_rules_acknowledged=True)
    proposal = termination_propose(application_id=app.pk, actor=staff.centre_staff, violation="Нарушение распорядка")
    client.force_login(staff.head)
    app = ResidenceApplication.objects.get(pk=app.pk)
    response = client.post(reverse("adaptation:residence_act", args=[app.pk, "termination_decide"]),
                           {"decision": "evict", "reason": "подтверждено", "seen_version": app.version,
                            "sign_confirmed": "1"})
    assert response.status_code == 302
    assert ResidenceApplication.objects.get(pk=app.pk).state == ResidenceState.EVICTED
    text = _pdf_text(client.get(reverse("adaptation:residence_decision_pdf", args=[app.pk, proposal.pk])))
    assert "РЕШЕНИЕ" in text and "Нарушение распорядка" in text and "выселить" in text.lower()
    assert "SHA-256" in text


def test_wrong_role_403_other_region_404_and_not_allowed_is_a_message(client, staff):
    """RES-7: the centre's staff check in; an MIO specialist posting check-in gets a clear message,
    a centre employee cannot register (403), another region sees nothing (404)."""
    app = register(staff, adults=0)
    client.force_login(staff.centre_staff)
    assert client.get(reverse("adaptation:residence_register")).status_code == 403
    response = client.post(reverse("adaptation:residence_act", args=[app.pk, "check_in"]),
                           {"house_rules_acknowledged": "on"}, follow=True)
    assert "«Заселить» невозможно" in _messages(response)
    client.force_login(make_staff(Role.MIO_SPECIALIST))
    assert client.get(app.get_absolute_url()).status_code == 404
    assert client.get(reverse("adaptation:journal", args=[staff.centre.pk])).status_code == 404
    client.force_login(staff.centre_staff)
    talons_all(staff, app)
    response = client.post(reverse("adaptation:residence_act", args=[app.pk, "referral_issue"]),
                           {"handed_over_on": timezone.localdate().isoformat()})
    assert response.status_code == 403


def test_stale_seen_version_is_a_conflict_message(client, staff):
    app = register(staff, adults=0)
    talons_all(staff, app)
    client.force_login(staff.specialist)
    response = client.post(reverse("adaptation:residence_act", args=[app.pk, "referral_issue"]),
                           {"handed_over_on": timezone.localdate().isoformat(), "seen_version": app.version + 5,
                            "sign_confirmed": "1"}, follow=True)
    assert "обновите страницу" in _messages(response)
    assert ResidenceApplication.objects.get(pk=app.pk).state == ResidenceState.REGISTERED


def test_screens_list_filters_detail_reserve_occupancy(client, staff):
    """RES-6: the occupancy view shows beds by state and the reserve; the list filters and searches
    with a constant number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff.specialist)
    url = reverse("adaptation:residence_list")
    apps = [register(staff, adults=0)]
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    apps += [register(staff, adults=0) for _ in range(2)]
    referred(staff, apps[0])
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert len(more) == len(few)  # a constant number of queries, whatever the number of rows
    assert all(a.ref in response.content.decode() for a in apps)
    response = client.get(url, {"state": "referred"})
    assert apps[0].ref in response.content.decode() and apps[1].ref not in response.content.decode()
    response = client.get(url, {"q": apps[2].applicant.iin})
    assert apps[2].ref in response.content.decode() and apps[1].ref not in response.content.decode()
    assert 'data-testid="nav-residence"' in response.content.decode()
    detail = client.get(apps[1].get_absolute_url()).content.decode()
    assert 'name="seen_version"' in detail and "case-deadlines" in detail
    occ = client.get(reverse("adaptation:occupancy", args=[staff.centre.pk])).content.decode()
    assert "chart.umd.min.js" in occ and 'data-testid="beds-held">1<' in occ
    assert client.get(reverse("adaptation:reserve", args=[staff.centre.pk])).status_code == 200
    assert client.get(reverse("adaptation:centres")).status_code == 200


def test_res8_res9_res11_centre_actions_over_http(client, staff):
    """RES-8 records, RES-9 proposal for one member, RES-11 member leaves and the family checks out — by
    the centre's staff through the case page's forms."""
    from adaptation.services.residence import check_in
    from adaptation.services.stay import residence_end

    app = referred(staff, register(staff, adults=1))
    app = check_in(application_id=app.pk, actor=staff.centre_staff, house_rules_acknowledged=True)
    client.force_login(staff.centre_staff)
    page = client.get(app.get_absolute_url()).content.decode()
    assert "Предложить досрочное прекращение" in page and 'name="kind"' in page
    response = client.post(reverse("adaptation:residence_act", args=[app.pk, "residence_record"]),
                           {"kind": "bedding_changed", "note": "еженедельно"}, follow=True)
    assert "Записано." in _messages(response)
    assert app.events.filter(kind="bedding_changed", note="еженедельно").exists()
    spouse = app.persons.get(kinship="spouse")
    client.post(reverse("adaptation:residence_act", args=[app.pk, "termination_propose"]),
                {"violation": "курение в комнате", "member": spouse.pk, "seen_version": app.version})
    assert ResidenceApplication.objects.get(pk=app.pk).state == ResidenceState.TERMINATION_PROPOSED
    client.force_login(staff.head)
    app = ResidenceApplication.objects.get(pk=app.pk)
    client.post(reverse("adaptation:residence_act", args=[app.pk, "termination_decide"]),
                {"decision": "evict", "reason": "повторно", "seen_version": app.version, "sign_confirmed": "1"})
    client.force_login(staff.centre_staff)
    response = client.post(reverse("adaptation:residence_act", args=[app.pk, "member_vacated"]),
                           {"resident": spouse.pk}, follow=True)
    assert "Записано." in _messages(response)
    residence_end(application_id=app.pk, on=timezone.localdate(), reason="test")
    app = ResidenceApplication.objects.get(pk=app.pk)
    response = client.post(reverse("adaptation:residence_act", args=[app.pk, "check_out"]),
                           {"seen_version": app.version}, follow=True)
    assert "Помещение освобождено." in _messages(response)
    assert ResidenceApplication.objects.get(pk=app.pk).state == ResidenceState.CHECKED_OUT
