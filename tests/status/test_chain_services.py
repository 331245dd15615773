"""The status chain through the real services: STA-1 … STA-9, GEN-1 … GEN-4."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kandas import events
from kandas.models import Deadline, DocumentKind, Person, Signature
from kandas.transitions import ActionNotAllowed
from kandas.workdays import WorkCalendar
from status.models import (ApplicantNotice, ApplicationState, CertificateHandout, StatusApplication)
from status.services import (application_arrival_record, application_assign, application_document_attach,
                             application_recommend, application_send_to_commission, certificate_hand_out,
                             decision_refuse, hearing_notify, hearing_postpone, hearing_record, hearing_reschedule,
                             originals_return, status_term_until)

from .helpers import file_application, hearing_held, pdf_file

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def hearing_time(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def at_commission(w, **kw):
    app = file_application(w, **kw)
    return application_send_to_commission(actor=w.specialist, application_id=app.pk)


def recommended(w, outcome="assign", **kw):
    app = at_commission(w, **kw)
    return application_recommend(actor=w.secretary, application_id=app.pk, outcome=outcome, protocol_number="7",
                                 protocol_date=today(), video_reference="video://kcom/2026-11-20/session-3",
                                 remarks="" if outcome == "assign" else "Документы о национальности не подтверждены")


def deadline(app, rule, **filters):
    return Deadline.objects.get(case_id=app.pk, case_ref=app.ref, rule=rule, **filters)


def test_sta1_incomplete_application_is_kept_and_names_the_missing_documents(world):
    """STA-1: autobiography, identity documents with notarised translation and proof of nationality are
    required; an incomplete application is registered, the missing ones are named, nothing is lost."""
    app = file_application(world, registry=False, documents=False)
    assert app.state == ApplicationState.REGISTERED
    assert {m["kind"] for m in app.missing_documents} == {"autobiography", "identity", "nationality"}
    with pytest.raises(ActionNotAllowed, match="приложены все необходимые документы"):
        application_send_to_commission(actor=world.specialist, application_id=app.pk)
    for kind in (DocumentKind.AUTOBIOGRAPHY, DocumentKind.IDENTITY, DocumentKind.NATIONALITY):
        app = application_document_attach(actor=world.specialist, application_id=app.pk,
                                          person_id=app.applicant_id, kind=kind, file=pdf_file())
    assert app.missing_documents == []
    app = application_send_to_commission(actor=world.specialist, application_id=app.pk)
    assert app.state == ApplicationState.AT_COMMISSION


def test_gen2_identity_is_read_from_the_persons_database_not_demanded(world):
    """GEN-2: where the persons database holds the applicant, no identity paper is asked for."""
    app = file_application(world, registry=True, documents=True)
    assert app.missing_documents == []
    assert [r["kind"] for r in app.registry_confirmed] == ["identity"]


def test_gen1_and_sta2_registration_notice_rule_version_and_service_term(world):
    """STA-2: a portal application reaches the MIO and the applicant gets the registration notice (app.3).
    GEN-1: the case keeps the rule version in force on its filing date."""
    app = file_application(world, channel="portal")
    notice = ApplicantNotice.objects.get(application=app, kind=ApplicantNotice.Kind.REGISTRATION)
    assert app.ref in notice.text and notice.channel == "portal"
    assert app.rule_version == "329-Ө-М/317"
    assert app.organisation == world.mio


def test_sta5_term_is_30_working_days_from_registration_on_the_official_calendar(world):
    """STA-5: the decision is due within 30 working days after the day of registration. Filed on Friday
    20.03.2026: weekends, Nauryz (23.03 and the days off moved to 24–25.03), 1 May and 7 May are skipped,
    so the 30th working day is Friday 08.05.2026 (counted by hand on the seeded KZ calendar)."""
    app = file_application(world, filed_on=datetime.date(2026, 3, 20))
    term = deadline(app, "STA-5")
    assert term.is_service_term and term.organisation == world.mio
    assert term.due == WorkCalendar.load().add_working_days(datetime.date(2026, 3, 20), 30)
    assert term.due == EXPECTED_TERM_DUE


def test_sta3_commission_recommends_within_3_working_days_in_a_protocol_with_video(world):
    """STA-3: 3 working days for the commission; protocol number and the session's video are required."""
    app = at_commission(world)
    step = deadline(app, "STA-3")
    assert step.organisation == world.kcom
    assert step.due == WorkCalendar.load().add_working_days(today(), 3)
    with pytest.raises(ValidationError) as err:
        application_recommend(actor=world.secretary, application_id=app.pk, outcome="assign", protocol_number="7",
                              protocol_date=today(), video_reference="")
    assert "video_reference" in err.value.message_dict
    app = application_recommend(actor=world.secretary, application_id=app.pk, outcome="assign",
                                protocol_number="7", protocol_date=today(), video_reference="video://s3")
    assert (app.state, app.protocol_number, app.video_reference) == (
        ApplicationState.RECOMMENDED_ASSIGN, "7", "video://s3")
    assert deadline(app, "STA-3").state == Deadline.State.MET


def test_sta5_sta7_happy_path_assignment_registry_certificate_and_originals(world, django_capture_on_commit_callbacks):
    """STA-5: the MIO head signs the assignment (app.4); the registry gets the status period and
    kandas_status_granted is sent. STA-7: the State Corporation hands out the certificate (logged);
    originals are returned except the autobiography."""
    heard = []
    receiver = lambda sender, **kw: heard.append(kw)  # noqa: E731
    events.kandas_status_granted.connect(receiver)
    try:
        app = recommended(world)
        with django_capture_on_commit_callbacks(execute=True):
            app = application_assign(actor=world.head, application_id=app.pk)
    finally:
        events.kandas_status_granted.disconnect(receiver)
    assert app.state == ApplicationState.ASSIGNED
    assert app.status_since == today() and app.status_until == status_term_until(today())
    person = Person.objects.get(pk=app.applicant_id)
    assert (person.kandas_status_since, person.kandas_status_until) == (app.status_since, app.status_until)
    assert heard == [{"signal": events.kandas_status_granted, "person_id": person.pk, "since": app.status_since,
                      "until": app.status_until}]
    assert Signature.objects.get(case_id=app.pk, purpose="decision").signer == world.head
    assert deadline(app, "STA-5").state == Deadline.State.MET
    assert app.certificate_number
    certificate_hand_out(actor=world.operator, application_id=app.pk, recipient_document="ID 0123")
    assert CertificateHandout.objects.get(application=app).handed_by == world.operator
    app = originals_return(actor=world.specialist, application_id=app.pk)
    assert app.originals_returned_on == today() and app.autobiography_kept


def test_sta9_term_follows_the_setting(world, settings):
    """STA-9: the status term comes from KANDAS_STATUS_TERM_MONTHS (one year by the Migration Law)."""
    assert status_term_until(datetime.date(2026, 3, 1)) == datetime.date(2027, 2, 28)
    settings.KANDAS_STATUS_TERM_MONTHS = 6
    assert status_term_until(datetime.date(2026, 3, 1)) == datetime.date(2026, 8, 31)


def test_sta5_mission_path_takes_effect_on_arrival_in_the_settlement_region(world):
    """STA-5 (p.10.2): on the foreign-mission path the decision takes effect on the day of arrival."""
    app = recommended(world, sub_type="mission", settlement_region=world.region, channel="mission")
    app = application_assign(actor=world.head, application_id=app.pk)
    assert app.state == ApplicationState.AWAITING_ARRIVAL and app.status_since is None
    assert Person.objects.get(pk=app.applicant_id).kandas_status_since is None
    arrived = today() - datetime.timedelta(days=0)
    app = application_arrival_record(actor=world.specialist, application_id=app.pk, arrival_date=arrived)
    assert app.state == ApplicationState.ASSIGNED and app.arrival_date == arrived
    assert Person.objects.get(pk=app.applicant_id).kandas_status_since == arrived


def test_sta4_sta6_preliminary_refusal_hearing_within_2_working_days_then_signed_refusal(world):
    """STA-4: motivated remarks → notice (SMS) with hearing time and place, not later than 2 working days
    after the notice; after the hearing the MIO head signs a motivated refusal. STA-6: ≥1 ground of the
    closed list."""
    app = recommended(world, outcome="refuse")
    latest = WorkCalendar.load().add_working_days(today(), 2)
    too_late = WorkCalendar.load().add_working_days(today(), 3)
    with pytest.raises(ValidationError) as err:
        hearing_notify(actor=world.specialist, case=app, remarks="Нет подтверждения", channel="sms",
                       hearing_at=hearing_time(too_late), place="каб. 12")
    assert "hearing_at" in err.value.message_dict
    app = hearing_notify(actor=world.specialist, case=app, remarks="Нет подтверждения", channel="sms",
                         hearing_at=hearing_time(latest), place="каб. 12")
    assert app.state == ApplicationState.HEARING and app.notice_channel == "sms"
    assert deadline(app, "STA-4").due == latest
    assert ApplicantNotice.objects.get(application=app, kind="preliminary").channel == "sms"
    app = hearing_record(actor=world.specialist, case=hearing_held(app), outcome="refused",
                         minutes="Заявитель не согласен")
    with pytest.raises(ActionNotAllowed, match="заявление принято"):
        application_assign(actor=world.head, application_id=app.pk)
    with pytest.raises(ValidationError):
        decision_refuse(actor=world.head, case=app, grounds=[], motivation="—")
    with pytest.raises(ValidationError):
        decision_refuse(actor=world.head, case=app, grounds=["9"], motivation="не из перечня")
    app = decision_refuse(actor=world.head, case=app, grounds=["2", "3"], motivation="Недостоверные сведения")
    assert app.state == ApplicationState.REFUSED and app.refusal_grounds == ["2", "3"]
    assert Signature.objects.get(case_id=app.pk, purpose="refusal").snapshot["refusal_grounds"] == ["2", "3"]
    assert deadline(app, "STA-5").state == Deadline.State.MET


def test_sta4_postponed_hearing_suspends_the_clock_until_the_reason_ends(world):
    """STA-4: for a valid reason with a supporting document the hearing waits; the hearing step and the
    30-day term are paused and run again with the days left (DOMAIN Decisions 5)."""
    app = recommended(world, outcome="refuse")
    app = hearing_notify(actor=world.specialist, case=app, remarks="Замечания", channel="portal",
                         hearing_at=hearing_time(WorkCalendar.load().add_working_days(today(), 1)), place="онлайн")
    with pytest.raises(ValidationError):
        hearing_postpone(actor=world.specialist, case=app, reason="болезнь", until=today())  # no document
    reason_ends = WorkCalendar.load().add_working_days(today(), 1)
    app = hearing_postpone(actor=world.specialist, case=app, reason="болезнь", until=reason_ends,
                           document_file=pdf_file("sick-leave.pdf"))
    assert app.state == ApplicationState.HEARING_POSTPONED and app.postponement_document is not None
    assert {d.rule: d.state for d in Deadline.objects.filter(case_id=app.pk, case_ref=app.ref)
            if d.rule in ("STA-4", "STA-5")} == {"STA-4": "paused", "STA-5": "paused"}
    # the hearing is held the day the reason ends (a fixed hour: "in two hours" crosses midnight late at night)
    app = hearing_reschedule(actor=world.specialist, case=app, hearing_at=hearing_time(reason_ends), place="онлайн")
    assert deadline(app, "STA-4").state == Deadline.State.OPEN
    app = hearing_record(actor=world.specialist, case=hearing_held(app), outcome="accepted",
                         minutes="Представлены документы")
    app = application_assign(actor=world.head, application_id=app.pk)
    assert app.state == ApplicationState.ASSIGNED


def test_gen3_without_consent_no_assignment_refusal_ground_4(world):
    """GEN-3: consent is required; without it the assignment is not possible and the refusal names ground 4."""
    app = recommended(world, consent=False)
    with pytest.raises(ActionNotAllowed, match="согласие на обработку персональных данных"):
        application_assign(actor=world.head, application_id=app.pk)


def test_gen4_home_visit_is_a_filing_channel(world):
    """GEN-4: documents taken at home after a call to 1414 are a channel of filing."""
    app = file_application(world, channel="home_visit", actor=world.operator)
    assert app.channel == "home_visit" and "1414" in app.get_channel_display()


def test_every_step_refuses_wrong_role_and_wrong_region(world, other):
    """STA-3 … STA-7: each step refuses a user of the wrong role or of another region; nothing changes."""
    app = file_application(world)
    for actor in (world.secretary, world.head, other.specialist):
        with pytest.raises(PermissionDenied):
            application_send_to_commission(actor=actor, application_id=app.pk)
    app = application_send_to_commission(actor=world.specialist, application_id=app.pk)
    for actor in (world.specialist, other.secretary):
        with pytest.raises(PermissionDenied):
            application_recommend(actor=actor, application_id=app.pk, outcome="assign", protocol_number="1",
                                  protocol_date=today(), video_reference="v")
    app = application_recommend(actor=world.secretary, application_id=app.pk, outcome="assign",
                                protocol_number="1", protocol_date=today(), video_reference="v")
    for actor in (world.specialist, world.secretary, other.head):
        with pytest.raises(PermissionDenied):
            application_assign(actor=actor, application_id=app.pk)
    for actor in (world.head, other.specialist):
        with pytest.raises(PermissionDenied):
            hearing_notify(actor=actor, case=app, remarks="r", channel="sms", hearing_at=hearing_time(today()),
                           place="p")
    app = application_assign(actor=world.head, application_id=app.pk)
    for actor in (world.specialist, other.operator):
        with pytest.raises(PermissionDenied):
            certificate_hand_out(actor=actor, application_id=app.pk, recipient_document="ID")
    assert StatusApplication.objects.get(pk=app.pk).state == ApplicationState.ASSIGNED


def test_a_transition_not_allowed_now_says_why(world):
    """STA-5: the decision cannot be signed before the commission has recommended; the message says so."""
    app = file_application(world)
    with pytest.raises(ActionNotAllowed, match="невозможно, пока дело в состоянии"):
        application_assign(actor=world.head, application_id=app.pk)
EXPECTED_TERM_DUE = datetime.date(2026, 5, 8)
