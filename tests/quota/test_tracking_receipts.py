"""Issue 15: the quota receipts (order 20 app.3 / app.8 refusal to accept, app.7 acceptance notice, p.6
acceptance receipt) carry the tracking QR code and short link. App.3 and app.8 print from one template
(quota/pdf/refusal_to_accept.html): the app.8 test covers both."""
import pytest
from django.urls import reverse

from quota.services import application_check_completeness
from tests.tracking_pdf import assert_tracking_block

from .helpers import FILED, file_kandas, file_settler

pytestmark = pytest.mark.django_db


def _pdf(client, app, form):
    response = client.get(reverse("quota:application_print", args=[app.pk, form]))
    assert response.status_code == 200, form
    return response.content


def test_kandas_acceptance_receipt_and_refusal_app3(client, world, kandas_family):
    client.force_login(world.operator)
    app = application_check_completeness(application_id=file_kandas(world, kandas_family).pk,
                                         actor=world.operator, on=FILED)
    assert_tracking_block(_pdf(client, app, "receipt"), app)


def test_settler_acceptance_app7_and_refusal_app8(client, world, settler, another_settler):
    client.force_login(world.operator)
    app = file_settler(world, settler)
    application_check_completeness(application_id=app.pk, actor=world.operator, on=FILED)
    assert_tracking_block(_pdf(client, app, "app7"), app)
    other = file_settler(world, another_settler, documents=[])
    application_check_completeness(application_id=other.pk, actor=world.operator,
                                   missing=["Справка о регистрации безработным"], on=FILED)
    assert_tracking_block(_pdf(client, other, "app8"), other)
