"""GEN-3: consent given after registration is recorded on the case; every "no action now" says why."""
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kandas.models import Consent, Signature
from status.models import ApplicationState, StatusApplication
from status.services import application_recommend, application_send_to_commission

from .helpers import file_application

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    client.force_login(user)
    return client


def recommended_without_consent(world):
    app = file_application(world, consent=False)
    application_send_to_commission(actor=world.specialist, application_id=app.pk)
    return application_recommend(actor=world.secretary, application_id=app.pk, outcome="assign",
                                 protocol_number="5", protocol_date=timezone.localdate(), video_reference="v")


def test_gen3_consent_recorded_on_the_case_later_makes_the_assignment_possible(world):
    """GEN-3: registered without consent → the head is told why there is nothing to sign; the specialist
    records the consent on the case (who, when, how: on the timeline); the head can then assign."""
    app = recommended_without_consent(world)
    head = client_for(world.head)
    page = head.get(app.get_absolute_url()).content.decode()
    assert 'data-testid="action-waiting"' in page and "согласие на обработку персональных данных" in page
    specialist = client_for(world.specialist)
    assert 'data-action="record_consent"' in specialist.get(app.get_absolute_url()).content.decode()
    url = reverse("status:application_act", args=[app.pk, "record_consent"])
    assert specialist.post(url, {"seen_version": app.version, "method": "nonsense"}).status_code == 400
    assert StatusApplication.objects.get(pk=app.pk).consent_id is None
    assert specialist.post(url, {"seen_version": app.version, "method": "paper"}).status_code == 302
    app = StatusApplication.objects.get(pk=app.pk)
    assert app.consent.taken_by == world.specialist and app.consent.method == "paper"
    page = head.get(app.get_absolute_url()).content.decode()
    assert "согласие на обработку персональных данных зафиксировано" in page.lower()
    assert (world.specialist.get_full_name() or world.specialist.username) in page
    assert 'data-action="assign"' in page
    response = head.post(reverse("status:application_act", args=[app.pk, "assign"]),
                         {"seen_version": app.version, "sign_confirmed": "1"})
    assert response.status_code == 302
    assert StatusApplication.objects.get(pk=app.pk).state == ApplicationState.ASSIGNED
    assert Signature.objects.filter(case_id=app.pk, purpose="decision").exists()


def test_gen3_consent_from_the_person_page_reaches_the_application(world):
    """GEN-3: a consent recorded on the person's page after registration is offered on the case and attached."""
    app = recommended_without_consent(world)
    consent = Consent.objects.create(person=app.applicant, method="otp", taken_by=world.operator)
    specialist = client_for(world.specialist)
    page = specialist.get(app.get_absolute_url()).content.decode()
    assert consent.given_at.strftime("%d.%m.%Y") in page
    url = reverse("status:application_act", args=[app.pk, "record_consent"])
    assert specialist.post(url, {"seen_version": app.version, "method": "person"}).status_code == 302
    assert StatusApplication.objects.get(pk=app.pk).consent_id == consent.pk

