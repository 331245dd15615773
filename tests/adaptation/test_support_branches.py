"""Both branches after the settlement LMC (ADA-6…ADA-9), the final decision and the quota application the CC
files (ADA-12, Decisions 6), relocation with temporary registration (ADA-13), self-directed migration (ADA-22),
job fairs (ADA-10), the preliminary visit (ADA-11) and the preliminary consultation (ADA-23)."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from adaptation.models import (ConsultationTopic, PreliminaryConsultation, SupportApplication, SupportState,
                               VisitPlace)
from adaptation.services import chain, consultation, fairs, relocation, visits
from adaptation.tasks import support_job_searches_lapse
from kandas.deadlines import deadline_sweep, step_deadlines
from kandas.models import Deadline, Notification, Signature
from kandas.transitions import ActionNotAllowed
from quota.models import AppState, Channel, QuotaApplication, QuotaPlan
from quota.services import (application_check_completeness, application_decide_include, application_recommend,
                            application_send_to_commission)

from .support_walk import walk
from .support_world import family, register, wd, world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English; the stored texts are read in whatever language is active."""
    from django.utils import translation

    with translation.override("en"):
        yield
TODAY = timezone.localdate


def _running(app, key):
    return step_deadlines(app, key).filter(closed_at__isnull=True).get()


def test_ada6_no_vacancy_of_interest_goes_to_the_cc_and_a_refused_offer_gives_the_ada8_draft(
        world, family, django_capture_on_commit_callbacks):
    """ADA-6 → ADA-9 → ADA-8 (p.18): no vacancy chosen → the settlement CC accepts; the kandas refuses the offered
    job → within 1 working day the draft decision to register as unemployed, signed by the CC director, to the LMC."""
    app = walk(world, register(world, family), SupportState.AT_SETTLEMENT_LMC)
    app = chain.support_lmc_contact(actor=world.settle.lmc_specialist, application_id=app.pk,
                                    receipt_confirmed_on=TODAY(), consultation_note="Консультация",
                                    vacancies_offered="Сварщик", interested=False)
    assert app.state == SupportState.AT_SETTLEMENT_CC and not step_deadlines(app, "lmc_route").exists()
    app = walk(world, app, SupportState.CC_WORKING)
    app = chain.support_job_refused(actor=world.settle.cc_specialist, application_id=app.pk,
                                    reason="Отказался от вакансии сварщика")
    assert app.state == SupportState.UNEMPLOYMENT_DRAFT and app.job_refused
    d = _running(app, "unemployed_draft")
    assert (d.rule, d.organisation, d.due) == ("ADA-8", world.settle.cc, wd(1))
    with pytest.raises(PermissionDenied):  # a specialist prepares; the director (or deputy) signs
        chain.support_unemployment_sign(actor=world.settle.cc_specialist, application_id=app.pk)
    with django_capture_on_commit_callbacks(execute=True):
        app = chain.support_unemployment_sign(actor=world.settle.cc_director, application_id=app.pk)
    assert app.state == SupportState.UNEMPLOYMENT_SENT and app.unemployment_sent_on == TODAY()
    assert Signature.objects.get(case_id=app.pk, purpose="unemployment_draft").signer == world.settle.cc_director
    assert Notification.objects.filter(user=world.settle.lmc_specialist, key=f"ada8:{app.pk}").exists()


def test_ada8_no_job_within_the_job_search_period_a_setting_counted_from_the_cc_acceptance(world, family, settings):
    """ADA-8 / Decisions 16: the period is a setting counted from the settlement CC's acceptance; before it ends
    "no job" is not yet possible; after it the CC (or the daily task) opens the 1-working-day draft step."""
    settings.ADAPTATION_JOB_SEARCH_DAYS = 45
    app = walk(world, register(world, family), SupportState.AT_SETTLEMENT_CC)
    accepted = TODAY() - datetime.timedelta(days=46)
    app = chain.support_cc_accept(actor=world.settle.cc_specialist, application_id=app.pk, plan_draft="План",
                                  on=accepted)
    search = _running(app, "job_search")
    assert search.start == accepted and search.due == accepted + datetime.timedelta(days=45)
    other = walk(world, register(world, family), SupportState.AT_SETTLEMENT_CC)
    other = chain.support_cc_accept(actor=world.settle.cc_specialist, application_id=other.pk, plan_draft="План")
    with pytest.raises(ActionNotAllowed) as exc:
        chain.support_no_job(actor=world.settle.cc_specialist, application_id=other.pk, reason="нет работы")
    assert "job-search period" in str(exc.value) or "поиска работы" in str(exc.value)
    assert support_job_searches_lapse() == [app.ref]  # the daily task: only the case whose period ended
    app = SupportApplication.objects.get(pk=app.pk)
    assert app.state == SupportState.UNEMPLOYMENT_DRAFT
    assert step_deadlines(app, "job_search").get().state == Deadline.State.MET  # the period ran its course
    d = _running(app, "unemployed_draft")
    assert d.start == search.due and d.due == wd(1, search.due)


def test_ada8_the_cc_records_no_job_by_hand_when_the_period_is_over(world, family):
    """ADA-8: with the period over, the CC specialist records "no suitable job" itself."""
    app = walk(world, register(world, family), SupportState.AT_SETTLEMENT_CC)
    app = chain.support_cc_accept(actor=world.settle.cc_specialist, application_id=app.pk, plan_draft="План",
                                  on=TODAY() - datetime.timedelta(days=31))
    app = chain.support_no_job(actor=world.settle.cc_specialist, application_id=app.pk, reason="Нет вакансий")
    assert app.state == SupportState.UNEMPLOYMENT_DRAFT and _running(app, "unemployed_draft").due == wd(1)


def test_ada7_ada9_ada12_vacancy_branch_ends_in_a_quota_application_the_quota_chain_decides(world, family):
    """ADA-7 → ADA-9 → ADA-12 (p.29), Decisions 6, QUO: the kandas takes a vacancy; the final decision opens the
    1-working-day filing step; the CC files a real quota application (portal channel) on the kandas' behalf,
    which the settlement MIO accepts, the commission recommends and the MIO head includes."""
    app = walk(world, register(world, family), SupportState.CC_WORKING)
    assert (app.vacancy, app.transport, app.arriving_count) == ("Сварщик", "rail", 4)
    app = walk(world, app, SupportState.FINAL_DECISION)
    d = _running(app, "quota_file")
    assert (d.rule, d.organisation, d.due) == ("ADA-12", world.settle.cc, wd(1))
    assert step_deadlines(app, "job_search").get().state == Deadline.State.MET  # job found within the period
    assert app.labour_contract and app.housing_requested
    with pytest.raises(PermissionDenied):  # the exit CC has no hold on the settlement CC's step
        relocation.support_quota_file(actor=world.exit.cc_specialist, application_id=app.pk, status_9_1=True)
    app = walk(world, app, SupportState.QUOTA_FILED)
    quota = QuotaApplication.objects.get(pk=app.quota_application_id)
    assert (quota.channel, quota.region, quota.organisation, quota.applicant) == (
        Channel.PORTAL, world.settle.region, world.settle.mio, family.applicant)
    assert set(quota.members.values_list("person_id", flat=True)) == {family.spouse.pk, family.son.pk,
                                                                      family.daughter.pk}
    assert quota.created_by == world.settle.cc_specialist and quota.state == AppState.SUBMITTED
    arrival = _running(app, "arrival")
    assert (arrival.rule, arrival.unit, arrival.due) == ("ADA-13", "date", app.relocation_on)
    # The quota chain decides it like any other application.
    QuotaPlan.objects.create(region=world.settle.region, year=TODAY().year, kind="kandas", admitted=10)
    quota = application_check_completeness(application_id=quota.pk, actor=world.settle.specialist)
    quota = application_send_to_commission(application_id=quota.pk, actor=world.settle.specialist)
    quota = application_recommend(application_id=quota.pk, actor=world.settle.secretary, include=True)
    quota = application_decide_include(application_id=quota.pk, actor=world.settle.head)
    assert quota.state == AppState.INCLUDED
    assert SupportApplication.objects.get(pk=app.pk).quota_application.state == AppState.INCLUDED


def test_ada12_a_kandas_without_status_cannot_be_filed_into_the_quota(world, family):
    """ADA-12 / QUO-1: the quota service checks eligibility; nothing of the attempt is saved."""
    app = walk(world, register(world, family), SupportState.FINAL_DECISION)
    family.applicant.kandas_status_since = None
    family.applicant.save()
    with pytest.raises(ValidationError):
        relocation.support_quota_file(actor=world.settle.cc_specialist, application_id=app.pk, status_9_1=True)
    assert SupportApplication.objects.get(pk=app.pk).state == SupportState.FINAL_DECISION
    assert not QuotaApplication.objects.exists()


def test_ada13_temporary_registration_in_a_centre_at_most_one_year_is_tracked_and_flagged_beyond_it(world, family):
    """ADA-13 (p.31): without housing the family is registered temporarily in an ACC/TAC for at most 1 year —
    its own deadline (365/366 calendar days to the same date a year later); beyond it the case is flagged."""
    app = walk(world, register(world, family), SupportState.QUOTA_FILED)
    with pytest.raises(ValidationError):  # a centre of another region is not a centre of the settlement region
        relocation.support_relocate(actor=world.settle.cc_specialist, application_id=app.pk, arrived_on=TODAY(),
                                    met_at="вокзал", temporary_housing="ЦВР", registration_kind="temporary",
                                    registered_on=TODAY(), registration_centre_id=world.other.acc.pk)
    registered = TODAY() - datetime.timedelta(days=400)
    app = relocation.support_relocate(actor=world.settle.cc_specialist, application_id=app.pk, arrived_on=TODAY(),
                                      met_at="ж/д вокзал", temporary_housing="ЦВР, комната 4",
                                      registration_kind="temporary", registered_on=registered,
                                      registration_centre_id=world.settle.tac.pk)
    assert app.state == SupportState.RELOCATED
    assert step_deadlines(app, "arrival").get().state == Deadline.State.MET
    d = _running(app, "temp_registration")
    assert (d.rule, d.organisation, d.start, d.due) == ("ADA-13", world.settle.cc, registered,
                                                        relocation.one_year_after(registered))
    assert app.temp_registration_until == d.due and app.temp_registration_beyond_year
    deadline_sweep()
    assert Deadline.objects.get(pk=d.pk).state == Deadline.State.BREACHED  # flagged in "My work" as overdue
    app = relocation.support_permanent_registration(actor=world.settle.cc_specialist, application_id=app.pk,
                                                    on=TODAY())
    assert app.permanent_registered_on == TODAY() and not app.temp_registration_beyond_year
    assert Deadline.objects.get(pk=d.pk).closed_at is not None


def test_ada13_one_year_is_365_or_366_calendar_days():
    """ADA-13: "not more than one year" ends on the same date a year later, across a 29 February too."""
    assert relocation.one_year_after(datetime.date(2027, 3, 1)) == datetime.date(2028, 3, 1)  # 366 days
    assert relocation.one_year_after(datetime.date(2026, 3, 1)) == datetime.date(2027, 3, 1)  # 365 days
    assert relocation.one_year_after(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)


def test_ada13_permanent_registration_on_arrival_opens_no_year(world, family):
    """ADA-13 (p.31): with housing, permanent registration at the place of arrival; no temporary term runs."""
    app = walk(world, register(world, family), SupportState.QUOTA_FILED)
    app = relocation.support_relocate(actor=world.settle.cc_specialist, application_id=app.pk, arrived_on=TODAY(),
                                      met_at="аэропорт", temporary_housing="квартира", registration_kind="permanent",
                                      registered_on=TODAY())
    assert app.permanent_registered_on == TODAY() and not step_deadlines(app, "temp_registration").exists()


def test_ada22_self_directed_migration_is_recorded_and_sent_to_the_mio(world, family,
                                                                       django_capture_on_commit_callbacks):
    """ADA-22 (p.46): a self-directed internal migration, with its date and evidence, goes to the MIO for the
    return of state support; the running steps stop; the region of exit cannot record it."""
    app = walk(world, register(world, family), SupportState.QUOTA_FILED)
    with pytest.raises(PermissionDenied):
        relocation.support_self_migration(actor=world.exit.cc_specialist, application_id=app.pk, on=TODAY(),
                                          evidence="справка")
    with django_capture_on_commit_callbacks(execute=True):
        app = relocation.support_self_migration(actor=world.settle.cc_specialist, application_id=app.pk, on=TODAY(),
                                                evidence="Снят с регистрации, выехал в Шымкент (справка МП)")
    assert app.state == SupportState.SUPPORT_RETURN and app.self_migration_on == TODAY()
    assert not step_deadlines(app, "arrival").filter(state=Deadline.State.OPEN).exists()
    assert Notification.objects.filter(user=world.settle.specialist, key=f"ada22:{app.pk}").exists()


def test_ada10_job_fair_list_from_the_exit_cc_to_the_settlement_cc_and_participation(
        world, family, django_capture_on_commit_callbacks):
    """ADA-10 (p.20–24): online or offline; the exit CC forms the candidate list and sends it to the settlement
    CC, which records participation."""
    app = register(world, family)
    fair = fairs.fair_create(actor=world.exit.cc_specialist, mode="online", held_on=TODAY(), title="Ярмарка вакансий",
                             settlement_cc_id=world.settle.cc.pk)
    with pytest.raises(PermissionDenied):
        fairs.fair_candidate_add(actor=world.settle.cc_specialist, fair_id=fair.pk, application_id=app.pk)
    candidate = fairs.fair_candidate_add(actor=world.exit.cc_specialist, fair_id=fair.pk, application_id=app.pk)
    with django_capture_on_commit_callbacks(execute=True):
        fairs.fair_list_send(actor=world.exit.cc_specialist, fair_id=fair.pk)
    assert Notification.objects.filter(user=world.settle.cc_specialist, key=f"fair:{fair.pk}").exists()
    fairs.fair_participation_record(actor=world.settle.cc_specialist, candidate_id=candidate.pk, participated=True,
                                    outcome="собеседование назначено")
    candidate.refresh_from_db()
    assert candidate.participated is True
    with pytest.raises(PermissionDenied):
        fairs.fair_participation_record(actor=world.other.cc_specialist, candidate_id=candidate.pk, participated=False)


def test_ada11_preliminary_visit_stay_in_a_centre_places_visited_and_plan_within_one_working_day(world, family):
    """ADA-11 (p.25–28): the arrival date, the stay in a TAC or ACC, the places of p.27, then the plan within 1
    working day after the visit, held by the settlement CC."""
    app = walk(world, register(world, family), SupportState.CC_WORKING)
    with pytest.raises(ValidationError):
        visits.visit_announce(actor=world.settle.cc_specialist, application_id=app.pk, arrival_on=TODAY(),
                              centre_id=world.other.acc.pk)
    with pytest.raises(PermissionDenied):
        visits.visit_announce(actor=world.exit.cc_specialist, application_id=app.pk, arrival_on=TODAY(),
                              centre_id=world.settle.acc.pk)
    visit = visits.visit_announce(actor=world.settle.cc_specialist, application_id=app.pk, arrival_on=TODAY(),
                                  centre_id=world.settle.acc.pk)
    ended = TODAY()
    visits.visit_record(actor=world.settle.cc_specialist, visit_id=visit.pk, ended_on=ended,
                        places=[VisitPlace.LOCALITY, VisitPlace.EMPLOYER, VisitPlace.SCHOOL, VisitPlace.HOUSING])
    d = step_deadlines(app, "visit_plan", subject=f"visit:{visit.pk}").get()
    assert (d.rule, d.organisation, d.start, d.due) == ("ADA-11", world.settle.cc, ended, wd(1, ended))
    visits.visit_plan_form(actor=world.settle.cc_specialist, visit_id=visit.pk, plan_note="План согласован",
                           on=TODAY())
    assert Deadline.objects.get(pk=d.pk).state == Deadline.State.MET


def test_ada23_only_career_centres_of_exit_regions_consult_on_the_11_topics_recorded_one_by_one(world, family):
    """ADA-23 (p.3, p.5): the exit CC records each of the 11 topics with date and consultant; a settlement-region
    CC renders no preliminary services; the consultation joins the application registered afterwards."""
    with pytest.raises(PermissionDenied):
        consultation.consultation_start(actor=world.settle.cc_specialist, person_iin=family.applicant.iin)
    c = consultation.consultation_start(actor=world.exit.cc_specialist, person_iin=family.applicant.iin)
    assert len(ConsultationTopic.values) == 11 and c.topics_missing() == list(ConsultationTopic.values)
    consultation.consultation_topic_record(actor=world.exit.cc_specialist, consultation_id=c.pk,
                                           topic=ConsultationTopic.QUOTA, note="порядок включения в квоту")
    consultation.consultation_topic_record(actor=world.exit.cc_director, consultation_id=c.pk,
                                           topic=ConsultationTopic.CITIZENSHIP)
    with pytest.raises(ValidationError):
        consultation.consultation_topic_record(actor=world.exit.cc_specialist, consultation_id=c.pk,
                                               topic=ConsultationTopic.QUOTA)
    assert len(c.topics_missing()) == 9
    row = c.topics.get(topic=ConsultationTopic.CITIZENSHIP)
    assert row.covered_by == world.exit.cc_director and row.covered_on == TODAY()
    app = register(world, family)
    assert PreliminaryConsultation.objects.get(pk=c.pk).application == app
