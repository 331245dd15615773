"""Issue 12, residence (000 app.1): who signs the referral (RES-3), the reserve's service level (RES-6*),
where the early-termination proposal goes (RES-9 p.13), residents' petitions (p.10(2)) and the reading of
p.17 after an eviction (RES-11)."""
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from adaptation.models import Bed, BedState, ResidenceApplication, ResidenceEvent, ResidenceState
from adaptation.services.residence import (
    application_register, check_in, referral_issue, referral_prepare, reserve_enter, talon_record,
)
from adaptation.services.stay import check_out, residence_record, termination_decide, termination_propose
from kandas.deadlines import step_deadlines
from kandas.models import Deadline, Notification, Organisation
from kandas.roles import Role
from tests.factories import OrganisationFactory, make_staff

from .factories import make_kandas_family
from .helpers import referred, register, talons_all

pytestmark = pytest.mark.django_db


def _get(app):
    return ResidenceApplication.objects.get(pk=app.pk)


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def _living(staff, app):
    app = referred(staff, app)
    return check_in(application_id=app.pk, actor=staff.centre_staff, house_rules_acknowledged=True)


# --- RES-3: the specialist prepares, the head printed on the referral signs it ------------------------
def test_res3_a_specialist_cannot_sign_the_referral_that_prints_the_head(staff, django_capture_on_commit_callbacks):
    """RES-3: given talons complete, when the MIO specialist tries to issue the referral, then it is refused
    with the reason; the specialist prepares it instead (beds held, the head is told), and only the head's
    signature issues it."""
    app = register(staff, adults=1)
    talons_all(staff, app)
    with pytest.raises(PermissionDenied, match="руководител"):
        referral_issue(application_id=app.pk, actor=staff.specialist)
    assert _get(app).state == ResidenceState.REGISTERED and not app.signatures.exists()

    with django_capture_on_commit_callbacks(execute=True):
        prepared = referral_prepare(application_id=app.pk, actor=staff.specialist)
    assert prepared.state == ResidenceState.PREPARED and prepared.referral_prepared_by == staff.specialist
    assert Bed.objects.filter(application=app, state=BedState.HELD).count() == 2
    assert Notification.objects.filter(user=staff.head, key__startswith=f"res-prepared:{app.pk}").exists()
    assert not Notification.objects.filter(user=staff.specialist, key__startswith=f"res-prepared:{app.pk}").exists()
    # The consideration step (RES-5) is still the MIO's until the head signs.
    assert step_deadlines(app, "consider").get().state == Deadline.State.OPEN

    issued = referral_issue(application_id=app.pk, actor=staff.head)
    signature = issued.signatures.get(purpose="referral")
    assert issued.state == ResidenceState.REFERRED
    assert signature.signer == staff.head and signature.role == Role.MIO_HEAD
    assert step_deadlines(app, "consider").get().state == Deadline.State.MET


def test_res3_the_referral_pdf_prints_the_head_who_signed_it(client, staff):
    """RES-3: given an MIO with two heads (the head and the one acting for them), when the acting head signs
    the referral, then form app.1 prints the signer as the head, not the other head."""
    acting = make_staff(Role.MIO_HEAD, organisation=staff.mio, is_head=True)
    acting.first_name, acting.last_name = "Айгерим", "Исполняющая"
    acting.save()
    staff.head.first_name, staff.head.last_name = "Болат", "Основной"
    staff.head.save()
    app = register(staff, adults=0)
    talons_all(staff, app)
    referral_prepare(application_id=app.pk, actor=staff.specialist)
    referral_issue(application_id=app.pk, actor=acting)
    client.force_login(staff.specialist)
    text = _pdf_text(client.get(reverse("adaptation:residence_referral_pdf", args=[app.pk])))
    head_line = text[text.index("Руководитель"):]
    assert "Исполняющая" in head_line
    assert "Основной" not in text


def test_res3_case_page_offers_prepare_to_the_specialist_and_signing_to_the_head(client, staff):
    """RES-3 over HTTP: the specialist sees "prepare", not "issue"; posting "issue" is 403; after preparing,
    the page says the referral awaits the head's signature; the head sees what is signed and signs."""
    app = register(staff, adults=0)
    talons_all(staff, app)
    client.force_login(staff.specialist)
    page = client.get(app.get_absolute_url()).content.decode()
    assert 'data-action="referral_prepare"' in page and 'data-action="referral_issue"' not in page
    act = reverse("adaptation:residence_act", args=[app.pk, "referral_issue"])
    response = client.post(act, {"handed_over_on": timezone.localdate().isoformat(), "seen_version": app.version,
                                 "sign_confirmed": "1"})
    assert response.status_code == 403
    client.post(reverse("adaptation:residence_act", args=[app.pk, "referral_prepare"]), {"seen_version": app.version})
    app = _get(app)
    page = client.get(app.get_absolute_url()).content.decode()
    assert "ожидает подписи руководителя МИО" in page
    client.force_login(staff.head)
    page = client.get(app.get_absolute_url()).content.decode()
    assert 'data-testid="sign-preview-referral_issue"' in page
    client.post(act, {"handed_over_on": timezone.localdate().isoformat(), "seen_version": app.version,
                      "sign_confirmed": "1"})
    assert _get(app).state == ResidenceState.REFERRED


# --- RES-6*: the offer step is this system's service level -----------------------------------------
def test_res6_offer_step_is_marked_as_this_systems_service_level_not_a_statutory_term(client, staff):
    """RES-6*: p.8 sets no term for giving the referral to the reserve. Given beds free up for the head of
    the reserve, then its 1-working-day step carries the rule ID "RES-6*", says "service level, not a
    statutory term" on the case page and in "My work", and its "How counted" names p.8."""
    full = _living(staff, register(staff, adults=1, children=2))  # all 4 beds
    waiting = register(staff, adults=0)
    talons_all(staff, waiting)
    reserve_enter(application_id=waiting.pk, actor=staff.specialist)
    termination_propose(application_id=full.pk, actor=staff.centre_staff, violation="fight")
    termination_decide(application_id=full.pk, actor=staff.head, decision="evict", reason="violence")
    assert _get(waiting).state == ResidenceState.OFFERED
    offer = step_deadlines(waiting, "offer").get()
    assert offer.rule == "RES-6*"
    assert "п.8" in offer.explanation_text and "не срок по Правилам" in offer.explanation_text

    client.force_login(staff.specialist)
    page = client.get(waiting.get_absolute_url()).content.decode()
    deadlines = page[page.index('data-testid="case-deadlines"'):]
    assert "RES-6*" in deadlines and "уровень обслуживания этой системы, не срок по Правилам" in deadlines
    work = client.get(reverse("kandas:my_work")).content.decode()
    row = work[work.index('data-rule="RES-6*"'):]
    assert "не срок по Правилам" in row[:row.index("</tr>")]


# --- RES-9 p.13: the proposal goes to the MIO that issued the referral -------------------------------
def test_res9_proposal_goes_to_the_mio_that_issued_the_referral_with_two_mios(
        client, staff, django_capture_on_commit_callbacks):
    """RES-9 p.13: given two MIOs in the centre's region, when MIO B (not the region's first MIO) issues
    the referral, then it is recorded as the issuer; the centre's proposal is B's "decide" step and B is
    told, A is neither told nor may decide; the case page and the decision name B."""
    mio_b = OrganisationFactory(kind=Organisation.Kind.MIO, region=staff.region)
    specialist_b = make_staff(Role.MIO_SPECIALIST, organisation=mio_b)
    head_b = make_staff(Role.MIO_HEAD, organisation=mio_b, is_head=True)
    applicant, _members = make_kandas_family(staff.region, adults=0)
    app = application_register(actor=specialist_b, centre_id=staff.centre.pk, applicant_id=applicant.pk,
                               whole_family=True)
    for row in app.persons.all():
        talon_record(application_id=app.pk, resident_id=row.pk, actor=specialist_b, number="T-1",
                     on=timezone.localdate())  # by B, which holds the consideration step
    referral_prepare(application_id=app.pk, actor=specialist_b)
    app = referral_issue(application_id=app.pk, actor=head_b)
    assert app.referral_issued_by == mio_b
    check_in(application_id=app.pk, actor=staff.centre_staff, house_rules_acknowledged=True)

    with django_capture_on_commit_callbacks(execute=True):
        termination_propose(application_id=app.pk, actor=staff.centre_staff, violation="noise at night")
    decide = step_deadlines(app, "decide").get()
    assert decide.organisation == mio_b
    assert Notification.objects.filter(user=head_b, key__startswith="res-propose:").exists()
    assert not Notification.objects.filter(user__in=[staff.head, staff.specialist],
                                           key__startswith="res-propose:").exists()
    with pytest.raises(PermissionDenied):
        termination_decide(application_id=app.pk, actor=staff.head, decision="evict", reason="—")
    client.force_login(staff.centre_staff)
    page = client.get(app.get_absolute_url()).content.decode()
    assert f"выдал {mio_b}" in page and "ожидает решения МИО, выдавшего направление" in page
    client.force_login(head_b)
    api = client.get(reverse("adaptation_api:residence_application", args=[app.pk])).json()
    assert api["referral_issued_by"] == str(mio_b)
    termination_decide(application_id=app.pk, actor=head_b, decision="stay", reason="warned")
    assert _get(app).state == ResidenceState.RESIDING


# --- p.10(2): residents' applications, petitions and appeals to the centre's management ---------------
def test_res8_p10_2_residents_petition_and_the_managements_answer_are_recorded(client, staff):
    """RES-8 (p.10(2)): residents file applications, petitions and appeals to the centre's management on
    accommodation and stay; the centre records the petition and its answer on the case, shown on the page."""
    app = _living(staff, register(staff, adults=1))
    applicant = app.applicant
    residence_record(application_id=app.pk, actor=staff.centre_staff, kind=ResidenceEvent.Kind.REQUEST,
                     person_id=applicant.pk, note="просит переселить в комнату на первом этаже")
    residence_record(application_id=app.pk, actor=staff.centre_staff, kind="answer", person_id=applicant.pk,
                     note="переселён в комнату 101")
    client.force_login(staff.centre_staff)
    page = client.get(app.get_absolute_url()).content.decode()
    events = page[page.index('data-testid="events"'):]
    assert "ходатайство или обращение к руководству Центра" in events
    assert "ответ руководства Центра проживающему" in events and "переселён в комнату 101" in events


# --- RES-11 p.17: the 3 days after an eviction decision are this system's reading -------------------------
def test_res11_p17_eviction_vacate_term_is_shown_as_this_systems_reading(client, staff):
    """RES-11: p.17 says only "at the end of the residence term". Given an eviction decision, then the case
    page and the vacate step's "How counted" say that counting the 3 days from the decision is this
    system's reading."""
    app = _living(staff, register(staff, adults=0))
    termination_propose(application_id=app.pk, actor=staff.centre_staff, violation="fight")
    termination_decide(application_id=app.pk, actor=staff.head, decision="evict", reason="violence")
    vacate = step_deadlines(app, "vacate").get()
    assert "её толкование" in vacate.explanation_text
    client.force_login(staff.centre_staff)
    page = client.get(app.get_absolute_url()).content.decode()
    assert 'data-testid="vacate-reading"' in page
    assert "по окончании срока проживания" in page and "эта система отсчитывает те же 3 дня" in page
    check_out(application_id=app.pk, actor=staff.centre_staff)
