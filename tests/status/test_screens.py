"""The status screens over HTTP: list, case page, commission agenda, actions; 403 / 404 / messages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kandas.models import Signature
from kandas.workdays import WorkCalendar
from status.models import ApplicationState, StatusApplication
from status.services import application_recommend, application_send_to_commission

from .helpers import file_application, hearing_held, pdf_file

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def act(client, app, action, data=None, **extra):
    url = reverse("status:application_act", args=[app.pk, action])
    return client.post(url, {"seen_version": StatusApplication.objects.get(pk=app.pk).version, **(data or {})}, **extra)


def state(app):
    return StatusApplication.objects.get(pk=app.pk).state


def test_list_filters_search_and_region_scope(client, world, other):
    """STA-1: the applications list filters by state, channel, region and overdue, searches, paginates, and
    shows only the user's region — in the same number of queries for 3 rows as for 6."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    mine = [file_application(world, channel=c) for c in ("portal", "govcorp", "mobile")]
    theirs = file_application(other)
    client.force_login(world.specialist)
    url = reverse("status:application_list")
    with CaptureQueriesContext(connection) as few:
        body = client.get(url).content.decode()
    for channel in ("egov", "mission", "home_visit"):
        file_application(world, channel=channel)
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(few) == len(more)
    assert all(a.ref in body for a in mine) and theirs.ref not in body
    body = client.get(url, {"channel": "govcorp"}).content.decode()
    assert mine[1].ref in body and mine[0].ref not in body
    assert mine[2].ref in client.get(url, {"q": mine[2].applicant.iin}).content.decode()
    assert mine[0].ref not in client.get(url, {"state": "assigned"}).content.decode()
    assert mine[0].ref not in client.get(url, {"overdue": "on"}).content.decode()


def test_case_page_other_region_404_and_only_allowed_actions(client, world, other):
    """STA-1: the case page shows applicant, documents, deadlines, timeline and only the allowed actions;
    another region's user gets 404."""
    app = file_application(world)
    client.force_login(other.specialist)
    assert client.get(app.get_absolute_url()).status_code == 404
    assert act(client, app, "send_to_commission").status_code == 404
    client.force_login(world.specialist)
    body = client.get(app.get_absolute_url()).content.decode()
    assert 'data-action="send_to_commission"' in body and 'data-action="assign"' not in body
    assert 'name="seen_version"' in body and "STA-5" in body
    client.force_login(world.head)
    body = client.get(app.get_absolute_url()).content.decode()
    assert 'data-action="send_to_commission"' not in body


def test_full_chain_over_http_with_wrong_roles_refused_at_every_step(client, world, other):
    """STA-3 … STA-5 over HTTP: MIO specialist → commission secretary → MIO head; at every step the wrong
    role gets 403, another region 404; the signed decision prints."""
    app = file_application(world)
    steps = [
        ("send_to_commission", world.specialist, world.secretary, {}),
        ("recommend", world.secretary, world.specialist, {"outcome": "assign", "protocol_number": "12",
                                                          "protocol_date": today().isoformat(),
                                                          "video_reference": "video://kcom/12"}),
        ("assign", world.head, world.specialist, {"sign_confirmed": "1"}),  # a signing action: confirmed
    ]
    for action, right, wrong, data in steps:
        client.force_login(wrong)
        assert act(client, app, action, data).status_code == 403
        client.force_login(other.head)
        assert act(client, app, action, data).status_code == 404
        client.force_login(right)
        response = act(client, app, action, data)
        assert response.status_code == 302, response.content.decode()[:2000]
    assert state(app) == ApplicationState.ASSIGNED
    assert Signature.objects.filter(case_id=app.pk, purpose="decision").exists()


def test_not_allowed_now_is_a_message_and_bad_input_a_form_error(client, world):
    """STA-3: a recommendation before the case reaches the commission is refused with a message (no 500);
    a recommendation without the video reference shows the error next to the field; nothing is saved."""
    app = file_application(world)
    client.force_login(world.secretary)
    response = act(client, app, "recommend", {"outcome": "assign", "protocol_number": "1",
                                              "protocol_date": today().isoformat(), "video_reference": "v"},
                   follow=True)
    assert response.status_code == 200
    assert "not possible while the case is" in response.content.decode() or "невозможно" in response.content.decode()
    application_send_to_commission(actor=world.specialist, application_id=app.pk)
    response = act(client, app, "recommend", {"outcome": "assign", "protocol_number": "1",
                                              "protocol_date": today().isoformat(), "video_reference": ""})
    assert response.status_code == 400 and state(app) == ApplicationState.AT_COMMISSION


def test_stale_seen_version_is_a_conflict_message(client, world):
    """STA-3: two people on one case — the slower one is told to reload, nothing is lost."""
    app = file_application(world)
    client.force_login(world.specialist)
    url = reverse("status:application_act", args=[app.pk, "send_to_commission"])
    response = client.post(url, {"seen_version": app.version + 5}, follow=True)
    assert response.status_code == 200 and state(app) == ApplicationState.REGISTERED


def test_commission_agenda_and_hearing_screens(client, world):
    """STA-3 on the secretary's agenda; STA-4 scheduling and postponement through the case page."""
    app = file_application(world)
    application_send_to_commission(actor=world.specialist, application_id=app.pk)
    client.force_login(world.secretary)
    body = client.get(reverse("status:commission")).content.decode()
    assert app.ref in body and f'data-testid="recommend-{app.pk}"' in body
    client.force_login(world.operator)
    assert client.get(reverse("status:commission")).status_code == 403
    application_recommend(actor=world.secretary, application_id=app.pk, outcome="refuse", protocol_number="2",
                          protocol_date=today(), video_reference="v", remarks="Сомнения")
    client.force_login(world.specialist)
    late = WorkCalendar.load().add_working_days(today(), 3)
    response = act(client, app, "notify_preliminary_refusal", {
        "remarks": "Сомнения", "channel": "sms", "hearing_at": f"{late.isoformat()}T10:00", "place": "каб. 1"})
    assert response.status_code == 400 and state(app) == ApplicationState.RECOMMENDED_REFUSE
    ok = WorkCalendar.load().add_working_days(today(), 2)
    response = act(client, app, "notify_preliminary_refusal", {
        "remarks": "Сомнения", "channel": "sms", "hearing_at": f"{ok.isoformat()}T10:00", "place": "каб. 1"})
    assert response.status_code == 302 and state(app) == ApplicationState.HEARING
    response = act(client, app, "postpone_hearing", {"reason": "Болезнь", "until": today().isoformat(),
                                                     "document": pdf_file("sick.pdf")})
    assert response.status_code == 302 and state(app) == ApplicationState.HEARING_POSTPONED


def test_refusal_path_and_extension_over_http_refuse_wrong_role_and_region_at_every_step(client, world, other):
    """STA-4, STA-6, STA-8 over HTTP: preliminary refusal → postponement → rescheduling → hearing → signed
    refusal; then an extension filed and granted on another case. Every step: wrong role 403, other region
    404, then the right role succeeds."""
    from dateutil.relativedelta import relativedelta

    from status.models import ExtensionState, StatusExtension
    from status.services import application_assign

    app = file_application(world)
    application_send_to_commission(actor=world.specialist, application_id=app.pk)
    application_recommend(actor=world.secretary, application_id=app.pk, outcome="refuse", protocol_number="9",
                          protocol_date=today(), video_reference="v", remarks="Сомнения")
    hearing_day = WorkCalendar.load().add_working_days(today(), 1)

    def walk(case_url_name, case, steps):
        for action, right, wrong, data in steps:
            url = reverse(case_url_name, args=[case.pk, action])
            version = type(case).objects.get(pk=case.pk).version
            client.force_login(wrong)
            assert client.post(url, {"seen_version": version, **data}).status_code == 403, action
            client.force_login(other.head)
            assert client.post(url, {"seen_version": version, **data}).status_code == 404, action
            client.force_login(right)
            if "document" in data:
                data = {**data, "document": pdf_file("proof.pdf")}
            response = client.post(url, {"seen_version": version, **data})
            assert response.status_code == 302, (action, response.content.decode()[:3000])

    walk("status:application_act", app, [
        ("notify_preliminary_refusal", world.specialist, world.head, {
            "remarks": "Сомнения", "channel": "email", "hearing_at": f"{hearing_day.isoformat()}T10:00",
            "place": "каб. 5"}),
        ("postpone_hearing", world.specialist, world.secretary, {
            "reason": "Командировка", "until": hearing_day.isoformat(), "document": pdf_file("order.pdf")}),
        ("reschedule_hearing", world.specialist, world.head, {  # the day the reason ends, whatever the hour now
            "hearing_at": f"{hearing_day.isoformat()}T11:00", "place": "онлайн"}),
    ])
    hearing_held(app)  # STA-4: the outcome is recorded after the hearing
    walk("status:application_act", app, [
        ("record_hearing", world.specialist, world.secretary, {"outcome": "refused", "minutes": "Не согласен"}),
        ("refuse", world.head, world.specialist, {"grounds": ["2"], "motivation": "Недостоверные сведения",
                                                  "sign_confirmed": "1"}),
    ])
    assert state(app) == ApplicationState.REFUSED
    assert client.get(reverse("status:application_pdf", args=[app.pk, "refusal"]))["Content-Type"] == "application/pdf"

    granted = file_application(world)
    application_send_to_commission(actor=world.specialist, application_id=granted.pk)
    application_recommend(actor=world.secretary, application_id=granted.pk, outcome="assign", protocol_number="10",
                          protocol_date=today(), video_reference="v")
    granted = application_assign(actor=world.head, application_id=granted.pk)
    until = granted.status_until + relativedelta(months=4)
    walk("status:application_act", granted, [
        ("file_extension", world.operator, world.secretary, {"channel": "govcorp", "requested_until": until.isoformat()}),
        ("hand_out_certificate", world.operator, world.specialist, {"recipient_document": "Удостоверение 123"}),
    ])
    ext = StatusExtension.objects.get(application=granted)
    walk("status:extension_act", ext, [("extend", world.head, world.specialist, {"until": until.isoformat(),
                                                                         "sign_confirmed": "1"})])
    assert StatusExtension.objects.get(pk=ext.pk).state == ExtensionState.EXTENDED
    client.force_login(world.operator)
    body = client.get(reverse("status:extension_detail", args=[ext.pk])).content.decode()
    assert ext.ref in body and until.strftime("%d.%m.%Y") in body


def test_gen4_paper_intake_by_the_state_corporation_on_a_home_visit(client, world, other):
    """STA-1 / GEN-4: a State Corporation operator registers a paper application taken at home (1414);
    the missing documents are named; a commission secretary may not register applications."""
    client.force_login(world.secretary)
    assert client.get(reverse("status:application_new")).status_code == 403
    client.force_login(world.operator)
    response = client.post(reverse("status:application_new"), {
        "surname": "Жұмабаев", "given_name": "Нұржан", "birth_date": "1979-02-11", "sex": "M",
        "country_of_exit": "Монголия", "sub_type": "general", "channel": "home_visit", "consent": "paper",
        "autobiography": pdf_file("autobiography.pdf")})
    assert response.status_code == 302
    app = StatusApplication.objects.get(applicant__surname="Жұмабаев")
    assert app.channel == "home_visit" and app.region == world.region and app.filed_by_organisation == world.govcorp
    assert {m["kind"] for m in app.missing_documents} == {"identity", "nationality"}
    response = client.post(reverse("status:application_new"), {
        "surname": "Ермеков", "given_name": "Асқар", "sub_type": "mission", "channel": "mission"})
    assert response.status_code == 400 and not StatusApplication.objects.filter(applicant__surname="Ермеков").exists()
