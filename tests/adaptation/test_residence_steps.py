"""Case machinery II for residence: who holds each step (the MIO or the centre), texts the system writes
read in the reader's language, and signature purposes shown by their names."""
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from adaptation.models import ResidenceApplication, ResidenceState
from adaptation.services.residence import check_in
from adaptation.services.stay import check_out, termination_decide, termination_propose
from kandas.deadlines import case_deadlines
from kandas.models import Notification, Organisation
from kandas.roles import Role
from tests.factories import OrganisationFactory, make_staff

from .helpers import referred, register
from tests.html import reader_client

pytestmark = pytest.mark.django_db


def _holders(app) -> dict:
    return {d.step_key: (d.rule, d.organisation_id) for d in case_deadlines(app)}


_client = reader_client  # a client reading Russian, logged in


def test_res5_to_res11_each_step_is_held_by_the_mio_or_the_centre(staff):
    """RES-5/RES-6/RES-9 are the MIO's steps, RES-7/RES-10/RES-11 the centre's: each deadline is opened
    with its real holder and closed by its step key."""
    app = register(staff, adults=1)
    assert _holders(app) == {"consider": ("RES-5", staff.mio.pk)}
    app = referred(staff, app)
    assert _holders(app)["check_in"] == ("RES-7", staff.centre.organisation_id)
    app = check_in(application_id=app.pk, actor=staff.centre_staff, house_rules_acknowledged=True)
    assert _holders(app)["residence"] == ("RES-10", staff.centre.organisation_id)
    termination_propose(application_id=app.pk, actor=staff.centre_staff, violation="noise")
    assert _holders(app)["decide"] == ("RES-9", staff.mio.pk)
    termination_decide(application_id=app.pk, actor=staff.head, decision="evict", reason="confirmed")
    assert _holders(app)["vacate"] == ("RES-11", staff.centre.organisation_id)
    check_out(application_id=app.pk, actor=staff.centre_staff)
    states = {d.step_key: d.state for d in case_deadlines(app)}
    assert states == {"consider": "met", "check_in": "met", "residence": "cancelled", "decide": "met",
                      "vacate": "met"}


def test_res7_another_centre_of_the_region_sees_the_case_but_may_not_check_the_family_in(staff):
    """RES-7: the check-in step is held by the centre the family is referred to; the staff of another
    centre of the same region read the case but are refused (403, with the holder named)."""
    app = referred(staff, register(staff, adults=0))
    other_centre = OrganisationFactory(kind=Organisation.Kind.ACC, region=staff.region)
    stranger = make_staff(Role.ACC_STAFF, organisation=other_centre)
    client = _client(stranger, "en")
    page = client.get(app.get_absolute_url())
    assert page.status_code == 200 and 'data-action="check_in"' not in page.content.decode()
    refused = client.post(reverse("adaptation:residence_act", args=[app.pk, "check_in"]),
                          {"house_rules_acknowledged": "on", "seen_version": app.version})
    assert refused.status_code == 403 and str(staff.centre.organisation) in refused.content.decode()
    assert ResidenceApplication.objects.get(pk=app.pk).state == ResidenceState.REFERRED
    ok = _client(staff.centre_staff).post(reverse("adaptation:residence_act", args=[app.pk, "check_in"]),
                                          {"house_rules_acknowledged": "on", "seen_version": app.version})
    assert ok.status_code == 302
    assert ResidenceApplication.objects.get(pk=app.pk).state == ResidenceState.RESIDING


def test_res9_proposal_is_the_hosting_centres_and_the_decision_the_mios(staff):
    """RES-9: only the centre hosting the family proposes early termination; the MIO's decide step is
    refused to the centre (it is the MIO head's, signed)."""
    app = check_in(application_id=referred(staff, register(staff, adults=0)).pk, actor=staff.centre_staff,
                   house_rules_acknowledged=True)
    stranger = make_staff(Role.ACC_STAFF, organisation=OrganisationFactory(kind=Organisation.Kind.ACC,
                                                                             region=staff.region))
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        termination_propose(application_id=app.pk, actor=stranger, violation="noise")
    termination_propose(application_id=app.pk, actor=staff.centre_staff, violation="noise")
    app = ResidenceApplication.objects.get(pk=app.pk)
    response = _client(staff.centre_staff).post(
        reverse("adaptation:residence_act", args=[app.pk, "termination_decide"]),
        {"decision": "stay", "reason": "x", "seen_version": app.version, "sign_confirmed": "1"})
    assert response.status_code == 403
    page = _client(staff.head).get(app.get_absolute_url()).content.decode()
    preview = page[page.index('data-testid="sign-preview-termination_decide"'):]
    assert "noise" in preview[:2000] and "решение о досрочном прекращении проживания" in preview[:2000]


def test_a_kazakh_reader_sees_the_timeline_and_notifications_in_kazakh_written_in_russian(
        staff, django_capture_on_commit_callbacks):
    """RES-4 / RES-3: the journal line on the timeline and the centre's notification of a referral are
    stored as messages: written while the MIO worked in Russian, read by the centre in Kazakh."""
    with translation.override("ru"), django_capture_on_commit_callbacks(execute=True):
        app = referred(staff, register(staff, adults=0))
    client = _client(staff.centre_staff, "kk")
    timeline = client.get(app.get_absolute_url()).content.decode().split('data-testid="case-timeline"')[1]
    assert "журналдағы № 1" in timeline and "№ в журнале" not in timeline
    assert "ІІО талоны енгізілді" in timeline and "Внесён талон" not in timeline
    notifications = client.get("/notifications/").content.decode()
    assert "Орталыққа 1 адамнан тұратын отбасы жолданды" in notifications
    assert "в Центр направлена семья" not in notifications
    with translation.override("ru"):
        assert "в Центр направлена семья из 1 человек" in Notification.objects.get(
            user=staff.centre_staff, key=f"res-referral:{app.pk}").display_text


def test_res9_signature_purposes_are_named_never_shown_as_codes(staff):
    """RES-3 / RES-9: the case page lists the referral and the termination decision by name, not by
    their purpose codes ("referral", "termination:<id>")."""
    app = check_in(application_id=referred(staff, register(staff, adults=0)).pk, actor=staff.centre_staff,
                   house_rules_acknowledged=True)
    termination_propose(application_id=app.pk, actor=staff.centre_staff, violation="noise")
    termination_decide(application_id=app.pk, actor=staff.head, decision="stay", reason="first time")
    page = _client(staff.specialist).get(app.get_absolute_url()).content.decode()
    signatures = page[page.index('data-testid="case-signatures"'):page.index('data-testid="case-timeline"')]
    assert "направление в Центр (форма прил. 1)" in signatures
    assert "решение о досрочном прекращении проживания" in signatures
    assert "termination:" not in signatures and "referral" not in signatures
    assert timezone.localdate().strftime("%d.%m.%Y") in signatures


def test_res10_the_reason_residence_ended_is_read_in_the_readers_language(staff):
    """RES-10: the registry ended the status during a Russian session; the Kazakh reader reads why."""
    from kandas.events import kandas_status_expired

    app = check_in(application_id=referred(staff, register(staff, adults=0)).pk, actor=staff.centre_staff,
                   house_rules_acknowledged=True)
    with translation.override("ru"):
        kandas_status_expired.send(sender=None, person_id=app.applicant_id, expired_on=timezone.localdate())
    page = _client(staff.centre_staff, "kk").get(app.get_absolute_url()).content.decode()
    assert "(қандас мәртебесі тоқтатылды)" in page and "статус кандаса прекращён" not in page
