"""The kandas chain through the services: eligibility, acceptance, commission, hearing, decisions, term."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kandas.models import Consent, Deadline, Kinship, Signature
from kandas.signing import signature_verify
from kandas.transitions import ActionNotAllowed
from quota.models import AppState, Channel, EligibilityBasis, QuotaApplication, QuotaPlan
from quota.services import (QuotaExhausted, application_check_completeness, application_decide_include,
                            application_decide_refuse, application_record_hearing, application_recommend,
                            application_send_result, application_send_to_commission)
from tests.factories import PersonFactory

from quota.services import MemberInput

from .helpers import FILED, file_kandas, heard

pytestmark = pytest.mark.django_db
D = datetime.date


def _due(app, rule, **kw):
    return Deadline.objects.filter(case_id=app.pk, rule=rule, **kw).order_by("-pk").first().due


def test_quo1_eligibility_needs_status_and_no_earlier_inclusion(world, kandas_family):
    """QUO-1: a kandas without status, or already included in a quota, cannot apply."""
    applicant = kandas_family[0]
    applicant.kandas_status_since = None
    applicant.save()
    with pytest.raises(ValidationError, match="нет статуса кандаса"):
        file_kandas(world, kandas_family)
    applicant.kandas_status_since, applicant.quota_included_on = D(2025, 6, 1), D(2025, 9, 1)
    applicant.save()
    with pytest.raises(ValidationError, match="Уже включён"):
        file_kandas(world, kandas_family)
    assert not QuotaApplication.objects.exists()


def test_quo1_widow_case_is_recorded(world, kandas_family):
    """QUO-1: a widow of a kandas included in a quota may apply without her own status; the basis is recorded."""
    late = PersonFactory(region=world.region, quota_included_on=D(2024, 5, 1), surname="Оразбеков")
    widow = kandas_family[0]
    widow.kandas_status_since = None
    widow.save()
    son = kandas_family[2]  # QUO-1: a widow applies with her children only; the child's basis is asked
    app = file_kandas(world, kandas_family, eligibility_basis=EligibilityBasis.WIDOW, widow_of_id=late.pk,
                      members=[MemberInput(son.pk, Kinship.SON)],
                      eligibility_answers={"children": {str(son.pk): "common"}})
    assert app.eligibility_basis == EligibilityBasis.WIDOW
    assert "Оразбеков" in app.eligibility_note


def test_quo2_channels_form_members_consent_and_gen2_registration(world, kandas_family):
    """QUO-2 / GEN-2 / GEN-3 / GEN-4: app.1 with members; registration and housing from the state systems;
    consent recorded and required; the home-visit channel files through the State Corporation."""
    applicant = kandas_family[0]
    with pytest.raises(ValidationError, match="согласие"):
        from quota.services import application_file
        application_file(actor=world.operator, kind="kandas", channel=Channel.GOVCORP, applicant_id=applicant.pk,
                         region_id=world.region.pk, consent=False, filed_on=FILED)
    from quota.services import MemberInput
    with pytest.raises(ValidationError, match="степень родства"):
        file_kandas(world, kandas_family, members=[MemberInput(kandas_family[2].pk, Kinship.GRANDCHILD)])
    app = file_kandas(world, kandas_family, channel=Channel.HOME_VISIT)
    assert app.via_govcorp and app.members.count() == 2
    assert app.registration_address == "г. Павлодар, ул. Ломова 5" and app.owns_housing is False
    assert Consent.objects.filter(person=applicant).exists()
    assert app.rule_version == "2026"


def test_quo3_incomplete_documents_refused_to_accept_within_one_working_day(world, kandas_family):
    """QUO-3: missing/expired documents → refusal to accept (app.3 lists them); the notice step is 1 working day."""
    app = file_kandas(world, kandas_family, channel=Channel.PORTAL)
    assert _due(app, "QUO-3") == D(2026, 3, 17)
    app = application_check_completeness(application_id=app.pk, actor=world.specialist,
                                         missing=["Свидетельство о браке"], on=D(2026, 3, 17))
    assert app.state == AppState.REFUSED_TO_ACCEPT
    assert app.missing_documents == ["Свидетельство о браке"]
    assert Deadline.objects.get(case_id=app.pk, rule="QUO-3").state == Deadline.State.MET
    assert Deadline.objects.get(case_id=app.pk, is_service_term=True).state == Deadline.State.CANCELLED


def test_quo3_expired_document_is_refused(world, kandas_family):
    """QUO-3: an expired document is refused at acceptance even when nothing is 'missing'."""
    app = file_kandas(world, kandas_family)
    app.documents_presented.create(kind="birth", title="Свидетельство о рождении", valid_until=D(2026, 1, 1))
    app = application_check_completeness(application_id=app.pk, actor=world.operator, on=FILED)
    assert app.state == AppState.REFUSED_TO_ACCEPT
    assert "Свидетельство о рождении" in app.missing_documents[0]


def test_quo4_portal_application_registered_on_the_day_it_arrives(world, kandas_family):
    """QUO-4: a portal application is registered on arrival day (a Saturday too), with its incoming number."""
    saturday = D(2026, 3, 14)
    app = file_kandas(world, kandas_family, channel=Channel.PORTAL, filed_on=saturday, actor=world.specialist)
    assert app.filed_on == saturday and app.incoming_number == app.ref


def test_kandas_chain_inclusion_term_and_quota(world, kandas_family, plans, django_capture_on_commit_callbacks):
    """QUO-5 / QUO-8 / QUO-10: 6 + 5 + 3 working days, 14-day term on the official calendar (Nauryz 21–25.03),
    inclusion signed by the head, quota consumed for applicant + members, registry updated, result via GOVCORP
    one day before the term ends."""
    app = file_kandas(world, kandas_family)
    assert _due(app, "QUO-8", is_service_term=True) == D(2026, 4, 8)  # 14 working days after 16.03.2026
    app = application_check_completeness(application_id=app.pk, actor=world.operator, on=FILED)
    assert app.state == AppState.REGISTERED
    assert _due(app, "QUO-5") == D(2026, 3, 27)  # 6 working days: 17–20.03, 26–27.03
    with django_capture_on_commit_callbacks(execute=True):
        app = application_send_to_commission(application_id=app.pk, actor=world.specialist, on=D(2026, 3, 20))
    assert _due(app, "QUO-5") == D(2026, 4, 1)  # 5 working days after 20.03
    app = application_recommend(application_id=app.pk, actor=world.secretary, include=True, on=D(2026, 3, 27))
    assert app.state == AppState.RECOMMENDED
    assert _due(app, "QUO-8", is_service_term=False, unit="working") == D(2026, 4, 1)
    app = application_decide_include(application_id=app.pk, actor=world.head, on=D(2026, 3, 30))
    assert app.state == AppState.INCLUDED and app.quota_units == 3
    assert QuotaPlan.objects.get(pk=plans["kandas"].pk).used == 3
    signature = Signature.objects.get(case_id=app.pk, purpose="decision")
    assert signature.signer == world.head and signature.snapshot["quota_units"] == 3
    assert {p.quota_included_on for p in kandas_family[0].__class__.objects.filter(
        pk__in=[p.pk for p in kandas_family])} == {D(2026, 3, 30)}
    assert _due(app, "QUO-8", unit="date") == D(2026, 4, 7)  # one day before 08.04
    app = application_send_result(application_id=app.pk, actor=world.specialist, on=D(2026, 4, 6))
    assert app.result_sent_on == D(2026, 4, 6) and not app.term_overrun
    assert signature_verify(signature).ok  # sending the result does not change what was signed
    assert Deadline.objects.get(case_id=app.pk, is_service_term=True).state == Deadline.State.MET


def test_quo7_remarks_preliminary_refusal_hearing_then_refusal(world, kandas_family, plans):
    """QUO-7 / QUO-9: remarks → preliminary refusal and hearing; objections within 2 working days of receipt;
    a refusal names at least one ground; the term overrun is flagged, not hidden (Decisions 5)."""
    app = file_kandas(world, kandas_family)
    app = application_check_completeness(application_id=app.pk, actor=world.operator, on=FILED)
    app = application_send_to_commission(application_id=app.pk, actor=world.specialist, on=FILED)
    with pytest.raises(ValidationError):
        application_recommend(application_id=app.pk, actor=world.secretary, include=False, on=D(2026, 3, 18))
    app = application_recommend(application_id=app.pk, actor=world.secretary, include=False,
                                remarks="Сведения о браке не подтверждены", hearing_place="каб. 204",
                                hearing_at=datetime.datetime(2026, 3, 20, 10, 0, tzinfo=datetime.UTC),
                                received_on=D(2026, 3, 19), on=D(2026, 3, 18))
    assert app.state == AppState.PRELIMINARY_REFUSAL
    assert _due(app, "QUO-7") == D(2026, 3, 26)  # 2 working days after receipt on 19.03: 20.03, 26.03
    app = application_record_hearing(application_id=app.pk, actor=world.specialist, objections="Не согласен",
                                     minutes="Заявитель не представил свидетельство", on=D(2026, 3, 26))
    assert app.state == AppState.HEARD
    with pytest.raises(ValidationError, match="хотя бы одно основание"):
        application_decide_refuse(application_id=app.pk, actor=world.head, grounds=[], on=D(2026, 3, 27))
    with pytest.raises(ValidationError, match="закрытом перечне"):
        application_decide_refuse(application_id=app.pk, actor=world.head, grounds=["s3"], on=D(2026, 3, 27))
    app = application_decide_refuse(application_id=app.pk, actor=world.head, grounds=["k2"],
                                    reasoning="Недостоверные сведения", on=D(2026, 3, 27))
    assert app.state == AppState.REFUSED and app.refusal_grounds == ["k2"]
    assert QuotaPlan.objects.get(pk=plans["kandas"].pk).used == 0
    app = application_send_result(application_id=app.pk, actor=world.specialist, on=D(2026, 4, 9))
    assert app.term_overrun  # 14-day term ended 08.04


def test_quo10_exhausted_quota_refused_on_ground_5(world, kandas_family, plans):
    """QUO-10: inclusion needing more than is free raises 'quota exhausted' and offers ground 5."""
    QuotaPlan.objects.filter(pk=plans["kandas"].pk).update(admitted=2)
    app = file_kandas(world, kandas_family)
    for step in (lambda a: application_check_completeness(application_id=a.pk, actor=world.operator, on=FILED),
                 lambda a: application_send_to_commission(application_id=a.pk, actor=world.specialist, on=FILED),
                 lambda a: application_recommend(application_id=a.pk, actor=world.secretary, include=True, on=FILED)):
        app = step(app)
    with pytest.raises(QuotaExhausted) as exc:
        application_decide_include(application_id=app.pk, actor=world.head, on=D(2026, 3, 17))
    assert exc.value.ground == "k5" and "Квота исчерпана" in str(exc.value)
    assert QuotaApplication.objects.get(pk=app.pk).state == AppState.RECOMMENDED
    app = heard(world, app, on=D(2026, 3, 17))  # QUO-7: the preliminary decision and the hearing come first
    app = application_decide_refuse(application_id=app.pk, actor=world.head, grounds=["k5"], on=D(2026, 3, 17))
    assert app.state == AppState.REFUSED


def test_wrong_role_other_region_and_not_allowed_now(world, kandas_family, plans):
    """Wrong role → PermissionDenied, other region → PermissionDenied, wrong state → a clear sentence."""
    app = file_kandas(world, kandas_family)
    with pytest.raises(PermissionDenied):
        application_check_completeness(application_id=app.pk, actor=world.secretary, on=FILED)
    with pytest.raises(PermissionDenied):
        application_check_completeness(application_id=app.pk, actor=world.other_specialist, on=FILED)
    with pytest.raises(ActionNotAllowed, match="невозможно"):
        application_decide_include(application_id=app.pk, actor=world.head, on=FILED)
