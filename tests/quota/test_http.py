"""Both chains through HTTP: filing, actions with seen_version, messages, 403 / 404, printouts in ru and kk."""
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kandas.models import PersonalDataAccess
from quota.models import AppState, QuotaApplication, QuotaPlan

from .helpers import FILED, file_kandas, rows_post
from tests.html import field_error_shown

pytestmark = pytest.mark.django_db


def _act(client, app, action, data=None):
    app = QuotaApplication.objects.get(pk=app.pk)
    return client.post(reverse("quota:application_act", args=[app.pk, action]),
                       {"seen_version": app.version, **(data or {})})


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_kandas_chain_over_http_to_inclusion_and_printed_decision(client, world, kandas_family, plans):
    """QUO-2…QUO-5, QUO-8: operator files app.1 and accepts; MIO sends; commission recommends; head includes and
    signs; the decision app.4 prints in Russian and Kazakh with the signature block."""
    applicant, spouse, son = kandas_family
    client.force_login(world.operator)
    r = client.post(reverse("quota:application_new", args=["kandas"]), {
        "region": world.region.pk, "channel": "govcorp", "applicant_iin": applicant.iin, "consent": "on", "status_9_1": "on",
        **rows_post("members", [{"iin": spouse.iin, "kinship": "spouse"}, {"iin": son.iin, "kinship": "son"}]),
        **rows_post("documents", [{"kind": "identity", "title": "Паспорт", "valid_until": "2030-01-01"}])})
    app = QuotaApplication.objects.get()
    assert r.status_code == 302 and r["Location"] == app.get_absolute_url()
    assert client.get(app.get_absolute_url()).status_code == 200
    assert PersonalDataAccess.objects.filter(user=world.operator, person=applicant).exists()  # GEN-3
    assert _act(client, app, "check").status_code == 302
    assert QuotaApplication.objects.get(pk=app.pk).state == AppState.REGISTERED
    client.force_login(world.specialist)
    _act(client, app, "send_to_commission")
    client.force_login(world.secretary)
    _act(client, app, "recommend", {"include": "1"})
    client.force_login(world.head)
    page = client.get(app.get_absolute_url()).content.decode()
    # QUO-7: after a positive recommendation the head includes, or starts a refusal with a preliminary decision
    assert 'data-action="include"' in page and 'data-action="preliminary_refusal"' in page
    assert 'data-action="refuse"' not in page
    assert 'data-testid="sign-preview-include"' in page  # the head sees what will be signed
    assert _act(client, app, "include").status_code == 302  # without the "I sign" confirmation: nothing signed
    assert QuotaApplication.objects.get(pk=app.pk).state == AppState.RECOMMENDED
    _act(client, app, "include", {"sign_confirmed": "1"})
    app = QuotaApplication.objects.get(pk=app.pk)
    assert app.state == AppState.INCLUDED and QuotaPlan.objects.get(pk=plans["kandas"].pk).used == 3
    text = _pdf_text(client.get(reverse("quota:application_print", args=[app.pk, "app4"])))
    assert "РЕШЕНИЕ" in text and "Сейтқали" in text and app.decision_number in text
    assert app.signatures.get(purpose="decision").digest[:16] in text.replace("\n", "")
    text_kk = _pdf_text(client.get(reverse("quota:application_print", args=[app.pk, "app4"]) + "?lang=kk"))
    assert "ШЕШІМ" in text_kk and "қандастарды қабылдаудың өңірлік квотасына" in text_kk.replace("\n", " ")


def test_application_form_errors_stay_next_to_the_field(client, world, kandas_family):
    """Bad input → a form error next to the field, nothing saved (consent missing, unknown IIN)."""
    client.force_login(world.operator)
    r = client.post(reverse("quota:application_new", args=["kandas"]), {
        "region": world.region.pk, "channel": "govcorp", "applicant_iin": kandas_family[0].iin})
    assert r.status_code == 400 and field_error_shown(r.content.decode(), 'consent')
    r = client.post(reverse("quota:application_new", args=["kandas"]), {
        "region": world.region.pk, "channel": "govcorp", "applicant_iin": "000000000000", "consent": "on"})
    assert field_error_shown(r.content.decode(), 'applicant_iin')
    assert not QuotaApplication.objects.exists()


def test_refusal_to_accept_receipt_app3_lists_missing_documents_in_two_copies(client, world, kandas_family):
    """QUO-3: the receipt (app.3) names the missing documents and is made in 2 copies."""
    app = file_kandas(world, kandas_family)
    client.force_login(world.operator)
    _act(client, app, "check", {"other_missing": "Свидетельство о браке"})
    app = QuotaApplication.objects.get(pk=app.pk)
    assert app.state == AppState.REFUSED_TO_ACCEPT
    r = client.get(reverse("quota:application_print", args=[app.pk, "app3"]))
    text = _pdf_text(r)
    assert text.count("Свидетельство о браке") == 2 and "2 экземплярах" in text.replace("\n", " ")
    assert len(PdfReader(io.BytesIO(r.content)).pages) == 2
    kk = _pdf_text(client.get(reverse("quota:application_print", args=[app.pk, "app3"]) + "?lang=kk"))
    assert "Құжаттарды қабылдаудан бас тарту туралы қолхат" in kk.replace("\n", " ")


def test_wrong_role_403_other_region_404_and_not_allowed_message(client, world, kandas_family):
    """A commission secretary may not accept (403); another region sees nothing (404); a step that is not
    possible now gives a clear message, never a 500."""
    app = file_kandas(world, kandas_family)
    client.force_login(world.secretary)
    assert _act(client, app, "check").status_code == 403
    client.force_login(world.other_specialist)
    assert client.get(app.get_absolute_url()).status_code == 404
    assert _act(client, app, "check").status_code == 404
    client.force_login(world.head)
    r = _act(client, app, "include")
    assert r.status_code == 302
    page = client.get(app.get_absolute_url()).content.decode()
    assert "is not possible while the case is" in page or "невозможно" in page
    client.force_login(world.secretary)
    assert client.get(reverse("quota:application_new", args=["kandas"])).status_code == 403


def test_stale_seen_version_is_refused_with_reload_message(client, world, kandas_family):
    app = file_kandas(world, kandas_family)
    client.force_login(world.operator)
    r = client.post(reverse("quota:application_act", args=[app.pk, "check"]), {"seen_version": 99})
    assert r.status_code == 302
    assert QuotaApplication.objects.get(pk=app.pk).state == AppState.SUBMITTED


def test_list_filters_search_and_constant_queries(client, world, kandas_family, settler,
                                                  django_assert_max_num_queries):
    from .helpers import file_settler
    file_kandas(world, kandas_family)
    file_settler(world, settler)
    client.force_login(world.specialist)
    with django_assert_max_num_queries(12):
        r = client.get(reverse("quota:application_list"))
    assert r.content.decode().count("QUO-2026-") == 2
    assert client.get(reverse("quota:application_list"), {"kind": "settlers"}).content.decode().count(
        "QUO-2026-") == 1
    assert "Жұмабаев" in client.get(reverse("quota:application_list"), {"q": "жұмаб"}).content.decode()
    client.force_login(world.other_specialist)
    assert "QUO-2026-" not in client.get(reverse("quota:application_list")).content.decode()


def test_settler_printouts_app6_app7_app8(client, world, settler, another_settler):
    """QUO-6 / QUO-3: app.6 with the 9 employment categories, app.7 acceptance notice with its tear-off slip,
    app.8 refusal-to-accept receipt."""
    from .helpers import file_settler
    from quota.services import application_check_completeness
    app = file_settler(world, settler)
    client.force_login(world.operator)
    text = _pdf_text(client.get(reverse("quota:application_print", args=[app.pk, "app6"]))).replace("\n", " ")
    assert "Категория занятости" in text and "9) безработный" in text and "☒" in text
    kk = _pdf_text(client.get(reverse("quota:application_print", args=[app.pk, "app6"]) + "?lang=kk"))
    assert "Жұмыспен қамту санаты" in kk.replace("\n", " ")
    application_check_completeness(application_id=app.pk, actor=world.operator, on=FILED)
    text = _pdf_text(client.get(reverse("quota:application_print", args=[app.pk, "app7"]))).replace("\n", " ")
    assert app.ref in text and "линия отреза" in text
    other = file_settler(world, another_settler, documents=[])
    application_check_completeness(application_id=other.pk, actor=world.operator,
                                   missing=["Справка о регистрации безработным"], on=FILED)
    text = _pdf_text(client.get(reverse("quota:application_print", args=[other.pk, "app8"])))
    assert "Справка о регистрации безработным" in text
    assert client.get(reverse("quota:application_print", args=[other.pk, "app9"])).status_code == 404
