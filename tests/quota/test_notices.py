"""QUO-8: every notice to the applicant goes by the channel of filing and is kept as a row, shown on the case."""
import datetime

import pytest
from django.urls import reverse

from kandas.models import Deadline
from quota.models import ApplicantNotice, Channel
from quota.services import (application_check_completeness, application_decide_include, application_decide_refuse,
                            application_record_hearing, application_recommend, application_send_result,
                            application_send_to_commission)

from .helpers import FILED, file_kandas

pytestmark = pytest.mark.django_db
D = datetime.date


def _to_commission(world, app):
    # QUO-3: the State Corporation checks paper filings; the MIO checks portal / e-gov ones
    acceptor = world.operator if app.via_govcorp else world.specialist
    app = application_check_completeness(application_id=app.pk, actor=acceptor, on=FILED)
    return application_send_to_commission(application_id=app.pk, actor=world.specialist, on=FILED)


def _deadline(app, key_unit):
    return Deadline.objects.get(case_id=app.pk, case_ref=app.ref, rule="QUO-8", unit=key_unit)


def test_quo8_result_via_govcorp_recorded_and_due_one_day_before_the_term(world, kandas_family, plans, client):
    """QUO-8: filed at the State Corporation → the result notice goes via the State Corporation, dated, with
    the decision; its delivery deadline is one day before the 14-working-day term (08.04.2026 → 07.04.2026);
    the notices are listed on the case page."""
    app = _to_commission(world, file_kandas(world, kandas_family, channel=Channel.GOVCORP))
    app = application_recommend(application_id=app.pk, actor=world.secretary, include=True, on=D(2026, 3, 18))
    app = application_decide_include(application_id=app.pk, actor=world.head, on=D(2026, 3, 19))
    term = Deadline.objects.get(case_id=app.pk, case_ref=app.ref, is_service_term=True)
    delivery = _deadline(app, "date")
    assert term.due == D(2026, 4, 8) and delivery.due == D(2026, 4, 7) == term.due - datetime.timedelta(days=1)
    assert not app.notices.filter(kind=ApplicantNotice.Kind.RESULT).exists()  # not sent before it is sent
    app = application_send_result(application_id=app.pk, actor=world.specialist, on=D(2026, 3, 20))
    notice = app.notices.get(kind=ApplicantNotice.Kind.RESULT)
    assert (notice.channel, notice.sent_on) == ("govcorp", D(2026, 3, 20))
    assert app.decision_number in notice.text
    assert Deadline.objects.get(pk=delivery.pk).state == Deadline.State.MET
    client.force_login(world.specialist)
    page = client.get(reverse("quota:application_detail", args=[app.pk])).content.decode()
    assert 'data-testid="applicant-notices"' in page and notice.text in page and "20.03.2026" in page


def test_quo8_result_handed_to_govcorp_on_the_last_day_is_late(world, kandas_family, plans):
    """QUO-8: handing the result to the State Corporation on the term's last day breaches the "one day
    before" deadline (flagged), although the 14-day term itself is met."""
    app = _to_commission(world, file_kandas(world, kandas_family, channel=Channel.HOME_VISIT))
    app = application_recommend(application_id=app.pk, actor=world.secretary, include=True, on=D(2026, 3, 18))
    app = application_decide_include(application_id=app.pk, actor=world.head, on=D(2026, 3, 19))
    delivery = _deadline(app, "date")
    app = application_send_result(application_id=app.pk, actor=world.specialist, on=D(2026, 4, 8))
    assert Deadline.objects.get(pk=delivery.pk).state == Deadline.State.BREACHED
    assert Deadline.objects.get(case_id=app.pk, case_ref=app.ref, is_service_term=True).state == Deadline.State.MET
    assert app.notices.get(kind=ApplicantNotice.Kind.RESULT).channel == "govcorp"  # home visit: paper via GOVCORP


def test_quo8_portal_notices_go_to_the_personal_cabinet(world, kandas_family, plans):
    """QUO-8 / QUO-3: filed on the portal → the refusal-to-accept notice goes to the personal cabinet."""
    app = file_kandas(world, kandas_family, channel=Channel.PORTAL, actor=world.specialist)
    app = application_check_completeness(application_id=app.pk, actor=world.specialist,
                                         missing=["Автобиография"], on=FILED)
    notice = app.notices.get()
    assert (notice.kind, notice.channel, notice.sent_on) == ("refusal_to_accept", "cabinet", FILED)
    assert "Автобиография" in notice.text


def test_quo8_egov_preliminary_refusal_and_refusal_go_to_the_egov_cabinet(world, kandas_family, plans):
    """QUO-7 / QUO-8: filed on e-gov → the preliminary refusal (with the hearing) and the result go there."""
    app = _to_commission(world, file_kandas(world, kandas_family, channel=Channel.EGOV, actor=world.specialist))
    app = application_recommend(application_id=app.pk, actor=world.secretary, include=False,
                                remarks="Сведения о браке не подтверждены", hearing_place="каб. 204",
                                hearing_at=datetime.datetime(2026, 3, 20, 10, 0, tzinfo=datetime.UTC),
                                received_on=D(2026, 3, 19), on=D(2026, 3, 18))
    app = application_record_hearing(application_id=app.pk, actor=world.specialist, objections="Не согласен",
                                     minutes="Не представлено", on=D(2026, 3, 20))
    app = application_decide_refuse(application_id=app.pk, actor=world.head, grounds=["k2"], on=D(2026, 3, 23))
    app = application_send_result(application_id=app.pk, actor=world.specialist, on=D(2026, 3, 23))
    rows = list(app.notices.values_list("kind", "channel", "sent_on"))
    assert rows == [("preliminary", "egov", D(2026, 3, 18)), ("result", "egov", D(2026, 3, 23))]
    preliminary = app.notices.get(kind="preliminary").text
    assert "Сведения о браке не подтверждены" in preliminary and "каб. 204" in preliminary
