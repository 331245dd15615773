"""Issue 15: the residence application's registration (form app.2, "registered in the journal") and the
referral, and the adaptation-services registration (form app.2, «Заявление принял»), carry the tracking QR
code and short link; the applicant's page opens from it."""
import pytest
from django.test import Client
from django.urls import reverse

from tests.tracking_pdf import assert_tracking_block

from .helpers import referred, register as residence_register
from .support_world import client_for, family, register, world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_residence_application_and_referral_carry_the_tracking_link(client, staff):
    app = residence_register(staff)
    client.force_login(staff.specialist)
    url = assert_tracking_block(client.get(reverse("adaptation:residence_application_pdf", args=[app.pk])).content,
                                app)
    app = referred(staff, app)
    assert_tracking_block(client.get(reverse("adaptation:residence_referral_pdf", args=[app.pk])).content, app)
    page = Client().get(url.split("://", 1)[1].split("/", 1)[1].join(["/", ""]))
    assert page.status_code == 200 and app.ref in page.content.decode()
    assert app.applicant.iin not in page.content.decode()


def test_support_registration_notice_carries_the_tracking_link(world, family):  # noqa: F811
    app = register(world, family)
    response = client_for(world.exit.cc_specialist).get(f"/adaptation/support/{app.pk}/app2.pdf?lang=ru")
    assert_tracking_block(response.content, app)
