"""The status list shows only the links the user can follow; the language switch names each language in itself."""
import pytest

from kandas.roles import Role
from tests.factories import make_staff
from tests.status.helpers import build_region

pytestmark = pytest.mark.django_db


def test_sta1_list_offers_new_application_and_agenda_only_to_roles_that_may_open_them(client):
    world = build_region()
    client.force_login(world.head)  # may see the agenda, may not file
    page = client.get("/status/").content.decode()
    assert 'href="/status/commission/"' in page and 'href="/status/applications/new/"' not in page
    assert client.get("/status/applications/new/").status_code == 403
    client.force_login(world.operator)  # files on paper, has no agenda
    page = client.get("/status/").content.decode()
    assert 'href="/status/applications/new/"' in page and 'href="/status/commission/"' not in page
    client.force_login(make_staff(Role.MINISTRY_ANALYST))
    page = client.get("/status/").content.decode()
    assert "/status/applications/new/" not in page and "/status/commission/" not in page


def test_language_switch_names_each_language_in_itself(client):
    world = build_region()
    client.force_login(world.specialist)
    page = client.get("/status/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert ">English<" in page and ">Русский<" in page and "Английский" not in page
