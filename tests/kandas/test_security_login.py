"""Security: an external system (API client) reads only what it submitted — so it gets no web session,
from which it could browse its whole region's registry; staff log in as before."""
import pytest
from django.urls import reverse

from kandas.roles import Role
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def test_api_client_cannot_log_into_the_screens(client):
    api = make_staff(Role.API_CLIENT)
    response = client.post(reverse("login"), {"username": api.username, "password": "pass12345"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("kandas:person_search")).status_code == 302  # to the login page


def test_api_client_still_uses_the_api_with_its_credentials(client):
    import base64

    api = make_staff(Role.API_CLIENT)
    auth = "Basic " + base64.b64encode(f"{api.username}:pass12345".encode()).decode()
    assert client.get("/api/v1/status/applications/", HTTP_AUTHORIZATION=auth).status_code == 200


def test_caseworker_logs_in(client):
    specialist = make_staff(Role.MIO_SPECIALIST)
    response = client.post(reverse("login"), {"username": specialist.username, "password": "pass12345"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(specialist.pk)
