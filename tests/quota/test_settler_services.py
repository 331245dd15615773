"""The settlers chain through the services (QUO-6…QUO-9) and the 2026 amendment (GEN-1)."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from kandas.models import Deadline, Signature, StateRecord
from quota.models import AppState, Channel, QuotaPlan
from quota.services import (DocumentInput, application_check_completeness, application_decide_include,
                            application_decide_refuse, application_record_hearing, application_recommend,
                            application_send_result, application_send_to_commission)

from .helpers import FILED, file_settler

pytestmark = pytest.mark.django_db
D = datetime.date


def _due(app, rule, **kw):
    return Deadline.objects.filter(case_id=app.pk, rule=rule, **kw).order_by("-pk").first().due


def test_quo6_eligibility_citizen_job_seeker_one_year_in_exit_region(world, settler):
    """QUO-6: citizens only; job seeker registration and category required; ≥ 1 year registered in a region of exit."""
    with pytest.raises(ValidationError) as exc:
        file_settler(world, settler, job_seeker_registered_on=None, employment_category="")
    assert {"job_seeker_registered_on", "employment_category"} <= set(exc.value.message_dict)
    StateRecord.objects.filter(iin=settler.iin, kind="registration").update(payload={
        "address": "с. Шаян", "kato": "615630100", "registered_since": "2025-06-01"})
    with pytest.raises(ValidationError, match="не менее одного года"):
        file_settler(world, settler)
    StateRecord.objects.filter(iin=settler.iin, kind="registration").update(payload={
        "address": "г. Алматы", "kato": "751110000", "registered_since": "2015-06-01"})
    with pytest.raises(ValidationError, match="регионе выбытия"):
        file_settler(world, settler)
    StateRecord.objects.filter(iin=settler.iin, kind="identity").update(payload={"citizenship": "CN"})
    with pytest.raises(ValidationError, match="граждане Казахстана"):
        file_settler(world, settler)


def test_quo6_portal_application_needs_eds_from_2026_and_the_cc_forwards_in_one_day(world, settler, another_settler):
    """QUO-6 / GEN-1: from 01.01.2026 a web-portal application is signed with an EDS; the career centre of the
    region of exit forwards within 1 working day; refusal to accept within 2 (QUO-3)."""
    with pytest.raises(ValidationError, match="ЭЦП"):
        file_settler(world, settler, channel=Channel.EGOV, actor=world.cc_specialist)
    old = file_settler(world, settler, channel=Channel.EGOV, actor=world.cc_specialist, filed_on=D(2025, 12, 29))
    assert old.rule_version == "2025" and not old.eds_signed  # the old text asked for no EDS
    app = file_settler(world, another_settler, channel=Channel.EGOV, actor=world.cc_specialist, eds_signed=True)
    assert Signature.objects.filter(case_id=app.pk, purpose="application").exists()
    assert _due(app, "QUO-6") == D(2026, 3, 17)
    assert _due(app, "QUO-3") == D(2026, 3, 18)
    app = application_check_completeness(application_id=app.pk, actor=world.cc_specialist, on=D(2026, 3, 17))
    assert app.state == AppState.REGISTERED and app.exit_region == world.exit_region
    assert Deadline.objects.get(case_id=app.pk, rule="QUO-6", length=1).state == Deadline.State.MET


def test_gen1_documents_expiring_on_the_decision_day_refused_only_under_the_2026_text(world, settler,
                                                                                    another_settler):
    """GEN-1 / QUO-3: a settler's document valid until the decision day is refused (app.8) from 2026, not before."""
    docs_old = [DocumentInput("identity", "Удостоверение личности", D(2026, 1, 12))]
    old = file_settler(world, settler, filed_on=D(2025, 12, 23), documents=docs_old)
    old = application_check_completeness(application_id=old.pk, actor=world.operator, on=D(2025, 12, 23))
    assert old.state == AppState.REGISTERED
    docs_new = [DocumentInput("identity", "Удостоверение личности", D(2026, 4, 2))]  # term ends 08.04
    new = file_settler(world, another_settler, documents=docs_new)
    new = application_check_completeness(application_id=new.pk, actor=world.operator, on=FILED)
    assert new.state == AppState.REFUSED_TO_ACCEPT
    assert "Удостоверение личности" in new.missing_documents[0]


def test_settler_chain_employment_commission_inclusion_app9(world, settler, plans):
    """QUO-6 / QUO-8: to the employment commission within 5 working days, recommendation within 3, inclusion
    within 3; the settlers quota is consumed."""
    app = file_settler(world, settler)
    app = application_check_completeness(application_id=app.pk, actor=world.operator, on=FILED)
    assert _due(app, "QUO-6") == D(2026, 3, 26)  # 5 working days after 16.03 (Nauryz 21–25.03)
    app = application_send_to_commission(application_id=app.pk, actor=world.specialist, on=D(2026, 3, 17))
    assert _due(app, "QUO-6", length=3) == D(2026, 3, 20)
    app = application_recommend(application_id=app.pk, actor=world.ecom_secretary, include=True, on=D(2026, 3, 19))
    app = application_decide_include(application_id=app.pk, actor=world.head, on=D(2026, 3, 20))
    assert app.state == AppState.INCLUDED and app.quota_units == 1
    assert QuotaPlan.objects.get(pk=plans["settlers"].pk).used == 1
    app = application_send_result(application_id=app.pk, actor=world.specialist, on=D(2026, 3, 20))
    assert not app.term_overrun


def test_settler_chain_hearing_and_refusal_app10(world, settler, plans):
    """QUO-7 / QUO-9: settlers' preliminary refusal, hearing, motivated refusal on ground 3 (Social Code art.112)."""
    app = file_settler(world, settler)
    app = application_check_completeness(application_id=app.pk, actor=world.operator, on=FILED)
    app = application_send_to_commission(application_id=app.pk, actor=world.specialist, on=FILED)
    app = application_recommend(application_id=app.pk, actor=world.ecom_secretary, include=False, remarks="ст.112",
                                hearing_at=datetime.datetime(2026, 3, 19, 11, tzinfo=datetime.UTC),
                                hearing_place="каб. 3", on=D(2026, 3, 17))
    assert _due(app, "QUO-7") == D(2026, 3, 19)
    app = application_record_hearing(application_id=app.pk, actor=world.specialist, objections="",
                                     minutes="Заявитель не явился", on=D(2026, 3, 19))
    app = application_decide_refuse(application_id=app.pk, actor=world.head, grounds=["s3"], on=D(2026, 3, 20))
    assert app.state == AppState.REFUSED and app.grounds_display()[0].startswith("3)")
