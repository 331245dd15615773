"""Admin: read-only inspection of status cases with history and the closed lists as filters."""
import pytest
from django.contrib.auth.models import User

from status.services import application_send_to_commission

from .helpers import file_application

pytestmark = pytest.mark.django_db


def test_sta6_admin_inspects_cases_read_only_with_transition_log_and_grounds(client, world):
    """STA-6: the refusal grounds and sub-types are the closed lists of app.2 (filters in admin); cases are
    read-only there, their history and transition log visible."""
    app = application_send_to_commission(actor=world.specialist, application_id=file_application(world).pk)
    admin_user = User.objects.create_superuser("root", "root@example.kz", "pass12345")
    client.force_login(admin_user)
    listing = client.get("/admin/status/statusapplication/?sub_type__exact=general")
    assert listing.status_code == 200 and app.ref in listing.content.decode()
    page = client.get(f"/admin/status/statusapplication/{app.pk}/change/").content.decode()
    assert "registered" in page and "at_commission" in page  # the transition log
    assert client.get(f"/admin/status/statusapplication/{app.pk}/history/").status_code == 200
    assert client.get("/admin/status/statusapplication/add/").status_code == 403
