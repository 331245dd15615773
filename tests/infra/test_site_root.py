"""What browsers and tools ask of the site's root: a favicon, and Django's default login address."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_favicon_is_served_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_pages_name_the_favicon(client):
    assert '<link rel="icon" href="/favicon.ico"' in client.get(reverse("login")).content.decode()


def test_accounts_login_redirects_to_the_login_page_keeping_next(client):
    response = client.get("/accounts/login/?next=/persons/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/persons/"
