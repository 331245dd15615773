"""The status cases on the shared case machinery: who holds each step, signing with confirmation, and
the texts the system writes read in the reader's language."""
import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from kandas.models import Deadline, Signature
from kandas.roles import Role
from kandas.workdays import WorkCalendar
from status.models import ApplicantNotice, ApplicationState, Channel, StatusApplication
from status.services import application_recommend, application_send_to_commission, hearing_notify
from tests.factories import OrganisationFactory, make_staff

from .helpers import file_application, hearing_held

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def client_for(user, language="ru"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def section(html: str, testid: str) -> str:
    return html.split(f'data-testid="{testid}"')[1].split("</section>")[0]


def recommended(w, outcome="assign"):
    app = file_application(w)
    application_send_to_commission(actor=w.specialist, application_id=app.pk)
    return application_recommend(actor=w.secretary, application_id=app.pk, outcome=outcome, protocol_number="4",
                                 protocol_date=today(), video_reference="video://4",
                                 remarks="" if outcome == "assign" else "Замечания")


def test_sta3_the_commission_step_is_held_by_the_regions_commission_not_by_another_one(world):
    """STA-3: from the sending to the commission, the 3-working-day step is held by the region's commission
    for kandas (KCOM); a commission secretary of another commission sees the case but is refused (403 with
    the holder named), and nothing changes; the holder's secretary records the recommendation."""
    app = file_application(world)
    app = application_send_to_commission(actor=world.specialist, application_id=app.pk)
    step = Deadline.objects.get(case_id=app.pk, case_ref=app.ref, step_key="commission")
    assert (step.organisation, step.rule) == (world.kcom, "STA-3")
    stranger = make_staff(Role.COMMISSION_SECRETARY, organisation=OrganisationFactory(kind="KCOM", region=world.region))
    url = reverse("status:application_act", args=[app.pk, "recommend"])
    data = {"seen_version": app.version, "outcome": "assign", "protocol_number": "3",
            "protocol_date": today().isoformat(), "video_reference": "video://3"}
    page = client_for(stranger, "en").get(app.get_absolute_url()).content.decode()
    assert 'data-action="recommend"' not in page and "held by" in page
    refused = client_for(stranger, "en").post(url, data)
    assert refused.status_code == 403 and str(world.kcom) in refused.content.decode()
    assert StatusApplication.objects.get(pk=app.pk).state == ApplicationState.AT_COMMISSION
    assert client_for(world.secretary).post(url, data).status_code == 302
    assert StatusApplication.objects.get(pk=app.pk).state == ApplicationState.RECOMMENDED_ASSIGN
    assert Deadline.objects.get(pk=step.pk).state == Deadline.State.MET


def test_sta4_the_head_assigns_the_hearing_to_one_specialist_and_a_colleague_is_refused(world):
    """STA-4: the hearing step is the MIO's; once its head assigns it to one specialist, another
    specialist of the MIO may not record the hearing (403 naming the assignee); the assignee may."""
    app = recommended(world, outcome="refuse")
    hearing_at = timezone.make_aware(datetime.datetime.combine(
        WorkCalendar.load().add_working_days(today(), 1), datetime.time(10)))
    app = hearing_notify(actor=world.specialist, case=app, remarks="Замечания", channel="sms",
                         hearing_at=hearing_at, place="каб. 2")
    hearing = Deadline.objects.get(case_id=app.pk, case_ref=app.ref, step_key="hearing")
    assert hearing.organisation == world.mio
    colleague = make_staff(Role.MIO_SPECIALIST, organisation=world.mio)
    assert client_for(world.head).post(reverse("kandas:step_assign", args=[hearing.pk]),
                                       {"assignee": world.specialist.pk}).status_code == 302
    app = hearing_held(app)  # STA-4: the outcome is recorded after the hearing
    url = reverse("status:application_act", args=[app.pk, "record_hearing"])
    data = {"seen_version": app.version, "outcome": "accepted", "minutes": "Документы представлены"}
    refused = client_for(colleague, "en").post(url, data)
    assert refused.status_code == 403 and "assigned to" in refused.content.decode()
    assert client_for(world.specialist).post(url, data).status_code == 302
    assert StatusApplication.objects.get(pk=app.pk).state == ApplicationState.HEARD


def test_sta5_the_head_sees_what_is_signed_and_must_confirm_before_the_decision_is_signed(world):
    """STA-5: the assignment decision is signed with the MIO head's EDS: the page shows what will be signed
    in words (the sub-type's name, not its code) and without the confirmation nothing is signed."""
    app = recommended(world)
    head = client_for(world.head, "en")
    page = head.get(app.get_absolute_url()).content.decode()
    preview = page.split('data-testid="sign-preview-assign"')[1].split("</div>")[0]
    assert app.ref in preview and "Status in the general procedure" in preview and ">general<" not in preview
    assert ">IIN<" in preview and ">iin<" not in preview
    url = reverse("status:application_act", args=[app.pk, "assign"])
    unconfirmed = head.post(url, {"seen_version": app.version})
    assert unconfirmed.status_code == 400
    assert StatusApplication.objects.get(pk=app.pk).state == ApplicationState.RECOMMENDED_ASSIGN
    assert not Signature.objects.filter(case_id=app.pk, purpose="decision").exists()
    assert head.post(url, {"seen_version": app.version, "sign_confirmed": "1"}).status_code == 302
    assert StatusApplication.objects.get(pk=app.pk).state == ApplicationState.ASSIGNED
    signatures = section(head.get(app.get_absolute_url()).content.decode(), "case-signatures")
    assert "decision on assigning kandas status (app.4)" in signatures and "mio_head" not in signatures


def test_sta2_a_kazakh_reader_reads_in_kazakh_the_timeline_and_the_notice_written_in_russian(world):
    """STA-2 / GEN-1: the registration notice (app.3) and the timeline's "filed via" line were written while
    the specialist used Russian; a Kazakh reader of the case page reads both in Kazakh, a Russian one in
    Russian (they are stored as messages, not frozen text)."""
    with translation.override("ru"):
        app = file_application(world, channel="portal")
        app = application_send_to_commission(actor=world.specialist, application_id=app.pk)
    notice = ApplicantNotice.objects.get(application=app, kind=ApplicantNotice.Kind.REGISTRATION)
    assert "Ваше заявление" in notice.text  # the plain text (e-mail) stays in the installation's language
    with translation.override("kk"):
        channel_kk = str(Channel.PORTAL.label)
    html = client_for(world.specialist, "kk").get(app.get_absolute_url()).content.decode()
    timeline, notices = section(html, "case-timeline"), section(html, "case-notices")
    assert f"Берілу тәсілі: {channel_kk}" in timeline and "Способ подачи" not in timeline
    assert "өтінішіңіз" in notices and world.mio.name_kk in notices and "Ваше заявление" not in notices
    html = client_for(world.specialist, "ru").get(app.get_absolute_url()).content.decode()
    assert "Способ подачи" in section(html, "case-timeline")
    assert "Ваше заявление" in section(html, "case-notices") and world.mio.name_ru in section(html, "case-notices")


def test_sta3_commission_days_run_from_registration_not_from_the_mios_forwarding(world):
    """STA-3 (p.9: "после дня поступления заявления"): an application registered two working days ago and
    forwarded today — the commission's step opened at registration, held by the region's commission, due 3
    working days after registration; the MIO's forwarding remains possible and does not restart it."""
    calendar = WorkCalendar.load()
    filed = today()
    for _ in range(2):
        filed = filed - datetime.timedelta(days=1)
        while not calendar.is_working(filed):
            filed -= datetime.timedelta(days=1)
    app = file_application(world, filed_on=filed)
    step = Deadline.objects.get(case_id=app.pk, case_ref=app.ref, step_key="commission")
    assert (step.organisation, step.start, step.due) == (world.kcom, filed, calendar.add_working_days(filed, 3))
    with translation.override("en"):
        page = client_for(world.specialist, "en").get(app.get_absolute_url()).content.decode()
    assert "Commission recommendation" in page and 'data-action="send_to_commission"' in page
    app = application_send_to_commission(actor=world.specialist, application_id=app.pk)
    assert app.state == ApplicationState.AT_COMMISSION
    rows = Deadline.objects.filter(case_id=app.pk, case_ref=app.ref, step_key="commission")
    assert [(d.pk, d.due) for d in rows] == [(step.pk, calendar.add_working_days(filed, 3))]
