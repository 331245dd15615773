"""Issue 15, the applicant's own view: the public page /t/<token>/ and its JSON /api/v1/track/<token>/ show the
case's state, deadlines, what is missing, the next step and the result PDF — and nothing personal beyond the
initials. Wrong and revoked tokens are the same 404; requests are counted per address (429); views are logged."""
import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from kandas.models import CaseTracking, TrackingAccess, TransitionLog
from kandas.tracking import tracking_current
from tests.status.helpers import build_region, file_application
from tests.status.test_printouts import assigned

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counter():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world():
    return build_region()


@pytest.fixture
def anon():
    return Client(HTTP_ACCEPT_LANGUAGE="en", HTTP_USER_AGENT="Phone browser 1.0")


def _page(client, token):
    return client.get(f"/t/{token}/")


def _refusal(response):
    html = response.content.decode()
    return html[html.index('data-testid="track-refused"'):html.index("</main>")]


def _personal(app):
    person = app.applicant
    return [person.iin, person.full_name, person.surname, person.given_name, person.birth_date.strftime("%d.%m.%Y"),
            person.birth_date.isoformat()]


def test_filing_issues_an_unguessable_token(world):
    app = file_application(world)
    tracking = CaseTracking.objects.get(case_id=app.pk)
    assert len(tracking.token) >= 22 and tracking.revoked_at is None  # ≥ 128 bits of secrets.token_urlsafe
    other = file_application(world)
    assert tracking_current(other).token != tracking.token


def test_anonymous_visitor_sees_state_and_deadlines_and_nothing_personal(anon, world):
    app = file_application(world)
    token = tracking_current(app).token
    response = _page(anon, token)
    assert response.status_code == 200 and response["Referrer-Policy"] == "same-origin"
    html = response.content.decode()
    assert app.ref in html and app.get_state_display() in html.lower() or "registered" in html
    term = app.deadlines.get(is_service_term=True)
    assert term.due.strftime("%d.%m.%Y") in html and escape(term.explanation_text.splitlines()[0]) in html
    person = app.applicant
    assert f"{person.surname[0]}. {person.given_name[0]}." in html
    assert world.mio.name_ru in html or str(world.mio) in html  # who holds the next step: the organisation
    for secret in _personal(app):
        assert secret not in html, secret
    assert world.specialist.last_name not in html  # no official's name

    data = anon.get(f"/api/v1/track/{token}/").json()
    assert data["number"] == app.ref and data["state"] == app.state
    assert data["applicant_initials"] == f"{person.surname[0]}. {person.given_name[0]}."
    assert any(d["is_service_term"] and d["due"] == term.due.strftime("%d.%m.%Y") and d["explanation"]
               for d in data["deadlines"])
    assert data["decided"] is False and data["result_pdf"] is None
    body = str(data)
    for secret in _personal(app):
        assert secret not in body, secret


def test_page_in_kazakh_and_russian_by_browser_language(world):
    app = file_application(world)
    token = tracking_current(app).token
    kk = Client(HTTP_ACCEPT_LANGUAGE="kk").get(f"/t/{token}/").content.decode()
    ru = Client(HTTP_ACCEPT_LANGUAGE="ru").get(f"/t/{token}/").content.decode()
    assert "Мерзімдер" in kk or "мерзім" in kk.lower()
    assert "Сроки" in ru or "срок" in ru.lower()
    term = app.deadlines.get(is_service_term=True)
    assert (term.texts.get("kk", {}).get("explanation") or term.explanation).splitlines()[0] in kk


def test_missing_documents_are_listed_without_names(anon, world):
    app = file_application(world, documents=False)
    assert app.missing_documents
    html = _page(anon, tracking_current(app).token).content.decode()
    assert "autobiography" in html.lower()
    for secret in _personal(app):
        assert secret not in html


def test_wrong_and_revoked_tokens_are_the_same_404_and_reissue_works(client, anon, world):
    app = file_application(world)
    old = tracking_current(app).token
    wrong = _page(anon, "x" * 32)
    assert wrong.status_code == 404 and 'data-testid="track-refused"' in wrong.content.decode()
    assert anon.get("/api/v1/track/nonsense/").status_code == 404

    client.force_login(world.specialist)
    response = client.post(reverse("kandas:track_manage", args=[CaseTracking.objects.get(token=old).case_type_id,
                                                                 app.pk, "reissue"]))
    assert response.status_code == 302
    new = tracking_current(app).token
    assert new != old
    revoked = _page(anon, old)
    assert revoked.status_code == 404 and _refusal(revoked) == _refusal(wrong)  # the same page (CSRF token aside)
    assert anon.get(f"/api/v1/track/{old}/").status_code == 404
    assert _page(anon, new).status_code == 200
    log = TransitionLog.objects.get(case_id=app.pk, transition="tracking_reissue")
    assert log.actor == world.specialist
    page = client.get(app.get_absolute_url()).content.decode()
    assert new in page and "tracking link re-issued" in page  # the panel and the timeline
    assert CaseTracking.objects.filter(case_id=app.pk).count() == 2  # history kept

    client.post(reverse("kandas:track_manage", args=[log.case_type_id, app.pk, "revoke"]))
    assert _page(anon, new).status_code == 404 and tracking_current(app) is None


def test_caseworker_of_another_region_cannot_revoke(client, anon, world):
    app = file_application(world)
    token = tracking_current(app).token
    other = build_region()
    client.force_login(other.specialist)
    ct = CaseTracking.objects.get(token=token).case_type_id
    response = client.post(reverse("kandas:track_manage", args=[ct, app.pk, "revoke"]))
    assert response.status_code == 404  # another region's case looks like nothing
    client.force_login(world.secretary)  # the region's commission: sees the case, hands out no receipts
    assert client.post(reverse("kandas:track_manage", args=[ct, app.pk, "revoke"])).status_code in (403, 404)
    assert _page(anon, token).status_code == 200
    assert not TransitionLog.objects.filter(case_id=app.pk, transition__startswith="tracking").exists()


def test_rate_limit_answers_429_after_the_limit_and_a_wrong_token_counts_more(anon, world, settings):
    settings.KANDAS_TRACKING_RATE_LIMIT = 6
    app = file_application(world)
    token = tracking_current(app).token
    for _ in range(6):
        assert _page(anon, token).status_code == 200
    assert _page(anon, token).status_code == 429
    assert anon.get(f"/api/v1/track/{token}/").status_code == 429
    assert Client(REMOTE_ADDR="10.9.9.9").get(f"/t/{token}/").status_code == 200  # another address is not held

    cache.clear()
    assert _page(anon, "wrong-token").status_code == 404  # costs 5 of 6
    assert _page(anon, token).status_code == 200
    assert _page(anon, token).status_code == 429


def test_every_view_of_a_valid_token_is_logged(anon, world):
    app = file_application(world)
    tracking = tracking_current(app)
    _page(anon, tracking.token)
    anon.get(f"/api/v1/track/{tracking.token}/")
    _page(anon, "wrong")
    rows = list(TrackingAccess.objects.filter(tracking=tracking).order_by("at", "pk"))
    assert [r.what for r in rows] == ["page", "json"]
    assert rows[0].address == "127.0.0.1" and rows[0].user_agent == "Phone browser 1.0"
    assert TrackingAccess.objects.count() == 2


def test_result_pdf_is_served_once_decided_and_404_before(anon, world):
    app = file_application(world)
    token = tracking_current(app).token
    assert anon.get(f"/t/{token}/result.pdf").status_code == 404
    app = assigned(world)  # a second application, decided and signed
    token = tracking_current(app).token
    data = anon.get(f"/api/v1/track/{token}/").json()
    assert data["decided"] and data["result_pdf"] == f"/t/{token}/result.pdf"
    assert f"/t/{token}/result.pdf" in _page(anon, token).content.decode()
    response = anon.get(f"/t/{token}/result.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert app.ref in text and "/media/" not in response.get("Location", "")
    assert TrackingAccess.objects.filter(what="pdf", tracking__token=token).count() == 1


def test_openapi_schema_documents_the_tracking_endpoint(client, world):
    client.force_login(world.api)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/track/{token}/"]["get"]
    assert {"200", "404", "429"} <= set(operation["responses"]) and operation.get("security") in (None, [], [{}])


def test_a_cache_server_down_does_not_take_the_tracking_page_down(anon, world, settings):
    """The rate limit's cache unreachable (Redis stopped): the page still answers, unlimited, never a 500."""
    settings.CACHES = {**settings.CACHES, "down": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                                  "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on port 9
                                                  "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}}
    settings.KANDAS_TRACKING_RATE_CACHE = "down"
    settings.KANDAS_TRACKING_RATE_LIMIT = 1
    token = tracking_current(file_application(world)).token
    assert [_page(anon, token).status_code for _ in range(3)] == [200, 200, 200]
    assert _page(anon, "wrong-token").status_code == 404
