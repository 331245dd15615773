"""Login throttling (django-axes): repeated wrong passwords lock out the account and the address, on the
login page and the API's HTTP Basic auth alike; an administrator can lift the lockout."""
import base64

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.urls import reverse

from kandas.auth import client_ip
from kandas.roles import Role
from tests.factories import UserFactory, make_staff

pytestmark = pytest.mark.django_db

PASSWORD = "pass12345"  # tests.factories.UserFactory's
LIMIT = 10  # settings.AXES_FAILURE_LIMIT


def _login(client, username, password, address="203.0.113.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def _basic(username, password):
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


@pytest.mark.parametrize(("language", "text"), [
    ("ru", "Вход заблокирован: слишком много неверных паролей"),
    ("kk", "Кіру бұғатталды: осы есептік жазба үшін немесе осы мекенжайдан"),
    ("en", "Log-in blocked: too many wrong passwords for this account or from this address"),
])
def test_ten_wrong_passwords_then_the_right_one_is_refused_with_a_reason(language, text):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    specialist = make_staff(Role.MIO_SPECIALIST)
    for attempt in range(LIMIT - 1):
        assert _login(client, specialist.username, f"wrong-{attempt}").status_code == 200  # the form again
    assert _login(client, specialist.username, "wrong-last").status_code == 429

    response = _login(client, specialist.username, PASSWORD)

    assert response.status_code == 429
    assert text in response.content.decode()
    assert "15" in response.content.decode()  # minutes of the cool-off
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_a_few_wrong_passwords_do_not_lock_out():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    specialist = make_staff(Role.MIO_SPECIALIST)
    for attempt in range(LIMIT - 1):
        _login(client, specialist.username, f"wrong-{attempt}")
    assert _login(client, specialist.username, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(specialist.pk)


def test_api_basic_auth_failure_is_a_401_challenge_and_repeated_failures_lock_out(client):
    api = make_staff(Role.API_CLIENT)
    url = "/api/v1/status/applications/"

    wrong = client.get(url, HTTP_AUTHORIZATION=_basic(api.username, "wrong"), REMOTE_ADDR="203.0.113.9")

    assert wrong.status_code == 401
    assert wrong["WWW-Authenticate"].startswith("Basic")
    for attempt in range(LIMIT - 1):
        client.get(url, HTTP_AUTHORIZATION=_basic(api.username, f"wrong-{attempt}"), REMOTE_ADDR="203.0.113.9")
    locked = client.get(url, HTTP_AUTHORIZATION=_basic(api.username, PASSWORD), REMOTE_ADDR="203.0.113.9")
    assert locked.status_code == 429
    assert "Вход заблокирован" in locked.json()["detail"]  # Russian: the client asked for no language
    # The same account from another address: the account itself is locked.
    assert client.get(url, HTTP_AUTHORIZATION=_basic(api.username, PASSWORD),
                      REMOTE_ADDR="203.0.113.10").status_code == 429


def test_anonymous_api_request_is_challenged_for_basic_auth(client):
    response = client.get("/api/v1/status/applications/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic")


def test_lockout_is_per_account_whatever_the_address():
    """Failures spread over many addresses still lock the account; other accounts there are unaffected."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    target = make_staff(Role.MIO_SPECIALIST)
    colleague = make_staff(Role.MIO_SPECIALIST)
    for attempt in range(LIMIT):
        _login(client, target.username, "wrong", address=f"203.0.113.{attempt + 1}")

    assert _login(client, target.username, PASSWORD, address="198.51.100.7").status_code == 429
    assert _login(client, colleague.username, PASSWORD, address="203.0.113.1").status_code == 302


def test_lockout_is_per_address_whatever_the_account():
    """Guessing over many account names from one address locks that address for every account."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    specialist = make_staff(Role.MIO_SPECIALIST)
    for attempt in range(LIMIT):
        _login(client, f"guess{attempt}", "wrong", address="203.0.113.50")

    assert _login(client, specialist.username, PASSWORD, address="203.0.113.50").status_code == 429
    assert _login(client, specialist.username, PASSWORD, address="203.0.113.51").status_code == 302


def test_administrator_lifts_the_lockout_in_the_axes_admin():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    specialist = make_staff(Role.MIO_SPECIALIST)
    for attempt in range(LIMIT):
        _login(client, specialist.username, "wrong")
    assert _login(client, specialist.username, PASSWORD).status_code == 429
    admin = Client(HTTP_ACCEPT_LANGUAGE="en")
    admin.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert specialist.username in admin.get(changelist).content.decode()

    response = admin.post(changelist, {"action": "delete_selected", "post": "yes",
                                       "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True))})

    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert _login(client, specialist.username, PASSWORD).status_code == 302


def test_client_address_behind_trusted_proxies(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    settings.KANDAS_TRUSTED_PROXIES = 0
    assert client_ip(request) == "127.0.0.1"  # no proxy trusted: the forwarded header may be forged
    settings.KANDAS_TRUSTED_PROXIES = 1
    assert client_ip(request) == "203.0.113.5"  # what our one proxy saw; "1.2.3.4" the client wrote itself
