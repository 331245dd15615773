"""Case machinery II in the quota: who holds each step, 403 with the reason for anyone else, and texts the
system wrote read in the reader's language."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from kandas.deadlines import step_deadlines
from kandas.models import Notification
from quota.models import AppState, Channel, QuotaApplication
from quota.services import (application_check_completeness, application_recommend,
                            application_send_to_commission)

from .helpers import FILED, file_kandas, file_settler
from tests.html import reader_client

pytestmark = pytest.mark.django_db
D = datetime.date


_client = reader_client  # a client reading Russian, logged in


def _act(client, app, action, data=None):
    app = QuotaApplication.objects.get(pk=app.pk)
    return client.post(reverse("quota:application_act", args=[app.pk, action]),
                       {"seen_version": app.version, **(data or {})})


def test_quo6_a_case_held_by_region_a_mio_cannot_be_acted_on_by_region_b_mio_specialist(world, settler):
    """QUO-6 (case machinery, step holders): a settler's case whose region of exit is B is seen by B's MIO
    (read access) but its step "file to the employment commission" is held by A's MIO: B's MIO specialist
    gets 403 naming the holder and nothing changes; A's specialist sends the file."""
    app = file_settler(world, settler)
    app = application_check_completeness(application_id=app.pk, actor=world.operator, on=FILED)
    assert app.exit_region == world.exit_region
    assert step_deadlines(app, "s_to_commission").get().organisation == world.mio
    b = _client(world.exit_specialist, "en")
    page = b.get(app.get_absolute_url())
    assert page.status_code == 200  # everyone the case passes through keeps read access
    assert 'data-action="send_to_commission"' not in page.content.decode()
    refused = _act(b, app, "send_to_commission")
    assert refused.status_code == 403
    assert "held by" in refused.content.decode() and str(world.mio) in refused.content.decode()
    assert QuotaApplication.objects.get(pk=app.pk).state == AppState.REGISTERED
    ok = _act(_client(world.specialist), app, "send_to_commission")
    assert ok.status_code == 302
    assert QuotaApplication.objects.get(pk=app.pk).state == AppState.AT_COMMISSION


def test_quo5_quo6_each_commission_holds_its_own_recommendation(world, kandas_family, settler,
                                                                 django_capture_on_commit_callbacks):
    """QUO-5 / QUO-6: the kandas commission holds the kandas recommendation (and is told after commit), the
    regional employment commission the settlers' one: the kandas commission's secretary may not recommend on a
    settler's case."""
    kandas = file_kandas(world, kandas_family)
    kandas = application_check_completeness(application_id=kandas.pk, actor=world.operator, on=FILED)
    with translation.override("ru"), django_capture_on_commit_callbacks(execute=True):
        kandas = application_send_to_commission(application_id=kandas.pk, actor=world.specialist, on=FILED)
    assert step_deadlines(kandas, "k_recommend").get().organisation == world.secretary.staff.organisation
    told = Notification.objects.get(user=world.secretary, key=f"quota-commission:{kandas.pk}")
    with translation.override("kk"):
        assert kandas.ref in told.display_text and told.display_text != told.text  # read in Kazakh
    settler_app = file_settler(world, settler)
    settler_app = application_check_completeness(application_id=settler_app.pk, actor=world.operator, on=FILED)
    settler_app = application_send_to_commission(application_id=settler_app.pk, actor=world.specialist, on=FILED)
    ecom = world.ecom_secretary.staff.organisation
    assert step_deadlines(settler_app, "s_recommend").get().organisation == ecom
    with pytest.raises(PermissionDenied, match=str(ecom)):
        application_recommend(application_id=settler_app.pk, actor=world.secretary, include=True, on=FILED)
    app = application_recommend(application_id=settler_app.pk, actor=world.ecom_secretary, include=True, on=FILED)
    assert app.state == AppState.RECOMMENDED


def test_quo3_paper_acceptance_is_held_by_the_state_corporation(world, kandas_family):
    """QUO-3: a paper filing's completeness check is the State Corporation's step: the MIO specialist is
    refused (403 with the reason), the operator accepts."""
    app = file_kandas(world, kandas_family, channel=Channel.GOVCORP)
    govcorp = world.operator.staff.organisation
    assert step_deadlines(app, "govcorp_check").get().organisation == govcorp  # QUO-3: on the spot (p.6)
    refused = _act(_client(world.specialist, "en"), app, "check")
    assert refused.status_code == 403 and str(govcorp) in refused.content.decode()
    assert _act(_client(world.operator), app, "check").status_code == 302
    assert QuotaApplication.objects.get(pk=app.pk).state == AppState.REGISTERED


def test_quo8_a_kazakh_reader_sees_in_kazakh_the_timeline_and_the_notice_written_in_russian(world, kandas_family):
    """QUO-8 / texts in the reader's language: the filing channel on the timeline and the refusal-to-accept
    notice were written while the operator used Russian; a Kazakh reader reads both in Kazakh."""
    with translation.override("ru"):
        app = file_kandas(world, kandas_family, channel=Channel.GOVCORP)
        application_check_completeness(application_id=app.pk, actor=world.operator,
                                       missing=["Свидетельство о браке"], on=FILED)
    page = _client(world.specialist, "kk").get(app.get_absolute_url()).content.decode()
    timeline = page.split('data-testid="case-timeline"')[1]
    assert "Беру тәсілі: Мемлекеттік корпорация" in timeline and "Подано через" not in timeline
    assert "Жоқ немесе мерзімі өткен құжаттар: Свидетельство о браке" in timeline
    notices = page.split('data-testid="applicant-notices"')[1].split("</table>")[0]
    assert f"{app.ref} өтініші бойынша құжаттарды қабылдаудан бас тарту: Свидетельство о браке." in notices
    assert "Отказ в приёме" not in notices
    facts = page.split('data-testid="case-facts"')[1].split("</table>")[0]
    assert "01.06.2025 бастап қандас мәртебесі бар" in facts  # QUO-1: the eligibility check, in Kazakh too
    notice = app.notices.get()
    with translation.override("ru"):
        assert notice.display_text.startswith("Отказ в приёме документов")  # a Russian reader reads Russian


def test_quo8_signing_decision_shows_what_is_signed_and_needs_the_confirmation(world, kandas_family, plans):
    """QUO-8: the head's inclusion decision is signed: the page shows what will be signed (no raw keys) and
    without the "I sign" confirmation nothing happens."""
    app = file_kandas(world, kandas_family)
    app = application_check_completeness(application_id=app.pk, actor=world.operator, on=FILED)
    app = application_send_to_commission(application_id=app.pk, actor=world.specialist, on=FILED)
    app = application_recommend(application_id=app.pk, actor=world.secretary, include=True, on=FILED)
    head = _client(world.head, "en")
    page = head.get(app.get_absolute_url()).content.decode()
    preview = page.split('data-testid="sign-preview-include"')[1].split("</div>")[0]
    assert "IIN of the applicant" in preview and "applicant_iin" not in preview
    assert "decision on inclusion in the regional quota" in preview
    assert "None" not in preview  # nothing decided yet reads "—"
    ru = _client(world.head, "ru").get(app.get_absolute_url()).content.decode()
    assert ">кандасы<" in ru.split('data-testid="sign-preview-include"')[1].split("</div>")[0]  # label, not code
    _act(head, app, "include")
    assert QuotaApplication.objects.get(pk=app.pk).state == AppState.RECOMMENDED
    _act(head, app, "include", {"sign_confirmed": "1"})
    assert QuotaApplication.objects.get(pk=app.pk).state == AppState.INCLUDED
