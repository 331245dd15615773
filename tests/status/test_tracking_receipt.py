"""Issue 15: the registration notice (329-Ө-М app.3) carries the tracking QR code and short link."""
import pytest
from django.urls import reverse

from status.views.pdfs import case_pdf_bytes
from tests.tracking_pdf import assert_tracking_block

from .helpers import file_application

pytestmark = pytest.mark.django_db


def test_registration_notice_carries_the_tracking_link_and_qr(client, world, settings):
    settings.PUBLIC_BASE_URL = "https://kandas.enbek.kz"
    app = file_application(world)
    client.force_login(world.specialist)
    response = client.get(reverse("status:application_pdf", args=[app.pk, "registration"]))
    url = assert_tracking_block(response.content, app)
    assert url.startswith("https://kandas.enbek.kz/t/")
    assert_tracking_block(case_pdf_bytes(app, "registration", "kk"), app)
