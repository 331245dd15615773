"""The approval chain of form app.2 through the services (ADA-1…ADA-9, Decisions 2, 14, 15): every step is a
deadline held by the organisation the case has reached, counted from the day it got there."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from adaptation.models import SupportApplication, SupportCopy, SupportState
from adaptation.rules_support import ORDER_170_IN_FORCE
from adaptation.services import chain
from kandas.deadlines import step_deadlines
from kandas.models import Consent, Deadline, Kinship, Notification, Signature, TransitionLog
from kandas.transitions import ActionNotAllowed

from .support_walk import receive_copies, step, walk
from .support_world import family, register, wd, world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English; the stored texts are read in whatever language is active."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _running(app, key):
    return step_deadlines(app, key).filter(closed_at__isnull=True).get()


def test_ada1_registers_with_every_iin_consent_and_copies_only_where_state_systems_hold_nothing(world, family):
    """ADA-1 (p.6–7), GEN-2, GEN-3: the exit CC registers form app.2 with the IINs of the kandas and every member;
    copies are asked only where the state systems hold nothing; consent is recorded; ADA-2 opens for the exit CC."""
    app = register(world, family)
    assert app.state == SupportState.REGISTERED and app.rule_version == "170-2024"
    assert app.exit_region == world.exit.region and app.settlement_region == world.settle.region
    assert [m.person.iin for m in app.members.all()] == [family.spouse.iin, family.son.iin, family.daughter.iin]
    copies = {(c.member.kinship, c.kind): c.source for c in SupportCopy.objects.filter(member__application=app)}
    assert copies == {
        (Kinship.SPOUSE, "identity"): "state", (Kinship.SPOUSE, "marriage"): "state",  # ГБД ФЛ and ЗАГС answer
        (Kinship.SPOUSE, "education"): "paper",  # no state system p.6 names holds it
        (Kinship.SON, "birth"): "paper",  # a minor child: birth certificate, not in the civil registry here
        (Kinship.DAUGHTER, "identity"): "paper",  # an adult daughter living with them, unknown to ГБД ФЛ
    }
    assert Consent.objects.filter(person=family.applicant, taken_by=world.exit.cc_specialist).exists()
    recheck = _running(app, "recheck")
    assert (recheck.rule, recheck.organisation, recheck.assignee) == ("ADA-2", world.exit.cc, world.exit.cc_specialist)
    assert recheck.start == timezone.localdate() and recheck.due == wd(1)


def test_ada1_refuses_missing_consent_married_sibling_citizen_member_and_same_region(world, family):
    """ADA-1 / GEN-3: no consent, a married sister, a member who is a citizen, settlement = exit: refused."""
    with pytest.raises(ValidationError) as exc:
        register(world, family, consent=False)
    assert "consent" in exc.value.message_dict
    sister = family.daughter
    with pytest.raises(ValidationError) as exc:
        chain.support_application_register(
            actor=world.exit.cc_specialist, applicant_iin=family.applicant.iin, consent=True,
            settlement_region_id=world.settle.region.pk, locality_kato=world.locality.kato,
            members=[chain.MemberInput(sister.iin, Kinship.SISTER, is_married=True)])
    assert "not married" in " ".join(exc.value.messages)
    family.spouse.citizenship = "KZ"
    family.spouse.save()
    from kandas.models import StateRecord
    StateRecord.objects.filter(iin=family.spouse.iin, kind="identity").update(payload={"citizenship": "KZ"})
    with pytest.raises(ValidationError) as exc:
        register(world, family)
    assert "citizen of Kazakhstan" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError):
        chain.support_application_register(
            actor=world.exit.cc_specialist, applicant_iin=family.applicant.iin, consent=True,
            settlement_region_id=world.exit.region.pk, locality_kato=world.locality.kato)


def test_ada1_only_a_career_centre_takes_the_application(world, family):
    """ADA-1 (p.6): the exit-region career centre takes it — not the MIO."""
    with pytest.raises(PermissionDenied):
        register(world, family, actor=world.exit.specialist)


def test_gen1_order_170_version_and_a_filing_before_it_is_in_force_is_refused(world, family):
    """GEN-1: order 170 is in force 10 calendar days after its first publication; an earlier filing has no version."""
    assert ORDER_170_IN_FORCE == datetime.date(2024, 6, 17)
    with pytest.raises(ValidationError) as exc:
        register(world, family, filed_on=datetime.date(2024, 6, 16))
    assert "17.06.2024" in " ".join(exc.value.messages)


def test_ada2_submit_needs_every_paper_copy_then_signs_and_opens_the_exit_lmc_step(world, family):
    """ADA-2 (p.8): within 1 working day the exit CC specialist re-checks, signs with EDS and sends to the exit
    LMC head; the p.6 copies must be in first."""
    app = register(world, family)
    with pytest.raises(ActionNotAllowed) as exc:
        chain.support_submit(actor=world.exit.cc_specialist, application_id=app.pk)
    assert "paper copy" in str(exc.value)
    receive_copies(world, app)
    app = chain.support_submit(actor=world.exit.cc_specialist, application_id=app.pk)
    assert app.state == SupportState.AT_EXIT_LMC
    assert step_deadlines(app, "recheck").get().state == Deadline.State.MET
    sig = Signature.objects.get(case_id=app.pk, purpose="application")
    assert sig.signer == world.exit.cc_specialist and family.applicant.iin == sig.snapshot["applicant_iin"]
    d = _running(app, "exit_lmc")
    assert (d.rule, d.organisation, d.start, d.due) == ("ADA-3", world.exit.lmc, timezone.localdate(), wd(1))


def test_ada3_to_ada9_each_step_opens_with_its_holder_and_one_or_three_working_days(world, family,
                                                                                 django_capture_on_commit_callbacks):
    """ADA-3 (p.9), ADA-4 (p.10), ADA-5 (p.11–13), ADA-6 (p.14–16), ADA-7 (p.17), ADA-9 (p.19); Decisions 2 and 15:
    each step is due from the day the case reaches its holder; the p.13 day runs from the head's assignment."""
    today = timezone.localdate()
    app = walk(world, register(world, family), SupportState.AT_EXIT_LMC)
    expected = [  # state reached → (step, rule, holder, working days)
        (SupportState.AT_EXIT_MIO, "exit_mio", "ADA-4", world.exit.mio, 1),
        (SupportState.AT_SETTLEMENT_MIO, "settle_assign", "ADA-5", world.settle.mio, 1),
        (SupportState.SETTLEMENT_CHECK, "settle_check", "ADA-5", world.settle.mio, 1),
        (SupportState.AT_SETTLEMENT_LMC, "lmc_review", "ADA-6", world.settle.lmc, 3),
        (SupportState.LMC_ROUTING, "lmc_route", "ADA-7", world.settle.lmc, 1),
        (SupportState.AT_SETTLEMENT_CC, "cc_accept", "ADA-9", world.settle.cc, 1),
    ]
    for state, key, rule, holder, days in expected:
        with django_capture_on_commit_callbacks(execute=True):
            app = step(world, app)
        assert app.state == state
        d = _running(app, key)
        assert (d.rule, d.organisation, d.start, d.due) == (rule, holder, today, wd(days)), key
    # ADA-5 p.11: assigned by the head through the machinery: logged, told, only that specialist works it.
    assert _running(app, "cc_accept")  # the case went on
    check = step_deadlines(app, "settle_check").get()
    assert check.assignee == world.settle.specialist and check.state == Deadline.State.MET
    assert TransitionLog.objects.filter(case_id=app.pk, transition="assign_step").exists()
    assert Notification.objects.filter(user=world.settle.specialist, key__startswith="assigned:").exists()
    purposes = list(Signature.objects.filter(case_id=app.pk).order_by("pk").values_list("purpose", "signer"))
    assert purposes == [("application", world.exit.cc_specialist.pk), ("lmc_check", world.exit.lmc_head.pk),
                        ("exit_mio", world.exit.head.pk), ("settlement_check", world.settle.specialist.pk)]
    app = step(world, app)  # ADA-9: accepted, the draft plan formed; the job-search period starts (Decisions 16)
    assert app.state == SupportState.CC_WORKING and app.accepted_on == today and app.plan_draft
    assert step_deadlines(app, "cc_accept").get().state == Deadline.State.MET
    search = _running(app, "job_search")
    assert (search.rule, search.organisation, search.unit, search.due) == (
        "ADA-8", world.settle.cc, "calendar", today + datetime.timedelta(days=30))


def test_ada5_only_the_assigned_specialist_of_the_settlement_mio_works_the_check(world, family):
    """ADA-5 p.11–13: after the head's assignment a colleague is refused; the assignee signs."""
    app = walk(world, register(world, family), SupportState.SETTLEMENT_CHECK)
    with pytest.raises(PermissionDenied) as exc:
        chain.support_settlement_sign(actor=world.settle.mio_specialist2, application_id=app.pk)
    assert world.settle.specialist.get_full_name() in str(exc.value)  # "assigned to …: only they or the head"
    with pytest.raises(ValidationError):  # the head assigns only a specialist of the settlement MIO
        chain.support_assign(actor=world.settle.head, application_id=app.pk, specialist_id=world.other.specialist.pk)


@pytest.mark.parametrize("state, returner, fn, step_key", [
    (SupportState.AT_EXIT_LMC, "exit.lmc_head", chain.support_lmc_return, "exit_lmc"),
    (SupportState.AT_EXIT_MIO, "exit.head", chain.support_exit_mio_return, "exit_mio"),
    (SupportState.SETTLEMENT_CHECK, "settle.specialist", chain.support_settlement_return, "settle_check"),
])
def test_ada3_ada4_ada5_rework_returns_to_the_exit_cc_specialist_and_restarts_the_clocks(
        world, family, state, returner, fn, step_key):
    """ADA-3 p.9, ADA-4 (Decisions 15), ADA-5 p.13 (Decisions 14): remarks send the case back to the exit CC
    specialist who registered it; the re-check and every later step count again from the day each is reached."""
    today = timezone.localdate()
    app = register(world, family)
    step_deadlines(app, "recheck").update(start=today - datetime.timedelta(days=9),
                                          due=today - datetime.timedelta(days=8))  # filed last week
    app = walk(world, app, state)
    first = _running(app, step_key)
    group, name = returner.split(".")
    app = fn(actor=getattr(getattr(world, group), name), application_id=app.pk, remarks="Нет скана паспорта супруги")
    assert app.state == SupportState.REWORK and app.rework_count == 1
    assert Deadline.objects.get(pk=first.pk).closed_at is not None
    recheck = _running(app, "recheck")
    assert (recheck.organisation, recheck.assignee, recheck.start, recheck.due) == (
        world.exit.cc, world.exit.cc_specialist, today, wd(1))
    assert step_deadlines(app, "recheck").count() == 2  # the first run keeps its own (late) record
    app = walk(world, app, state)
    again = _running(app, step_key)
    assert again.pk != first.pk and again.start == today
    with pytest.raises(ValidationError):  # remarks are required
        fn(actor=getattr(getattr(world, group), name), application_id=app.pk, remarks=" ")


def test_ada1_a_member_unknown_to_the_registry_and_the_persons_database_is_named(world, family):
    """ADA-1 (p.7): every member is entered by IIN; one nobody knows is named so the CC adds them first."""
    from tests.factories import valid_iin

    stranger = valid_iin()
    with pytest.raises(ValidationError) as exc:
        chain.support_application_register(
            actor=world.exit.cc_specialist, applicant_iin=family.applicant.iin, consent=True,
            settlement_region_id=world.settle.region.pk, locality_kato=world.locality.kato,
            members=[chain.MemberInput(stranger, Kinship.SON)])
    assert stranger in exc.value.message_dict["members"][0] and "registry first" in exc.value.message_dict["members"][0]
    assert not SupportApplication.objects.exists()


def test_decisions2_the_organisation_the_case_reaches_is_told_in_its_own_language(
        world, family, django_capture_on_commit_callbacks):
    """Decisions 2: the case reaches the next holder's queue that day — its staff are notified (once), and the
    notification reads in the reader's language."""
    from django.utils import translation

    app = walk(world, register(world, family), SupportState.AT_EXIT_MIO)
    with django_capture_on_commit_callbacks(execute=True):
        app = chain.support_exit_mio_sign(actor=world.exit.head, application_id=app.pk)
    note = Notification.objects.get(user=world.settle.head, key__startswith=f"ada:{app.pk}:")
    with translation.override("kk"):
        assert app.ref in note.display_text and "сізге келіп түсті" in note.display_text
    assert not Notification.objects.filter(user=world.exit.specialist, key__startswith=f"ada:{app.pk}:").exists()
