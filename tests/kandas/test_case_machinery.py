"""The case machinery on the internal example case type: rule versions, transitions, deadlines, log,
signatures."""
import datetime

import pytest

from kandas.transitions import StepOpen
from django.core.exceptions import PermissionDenied

from kandas.models import Deadline, TransitionLog
from kandas.roles import Role
from kandas.signing import signature_verify
from kandas.transitions import ActionNotAllowed, CaseConflict, actions_available, case_transition
from tests.example_case.models import ExampleCase, ExampleState
from tests.factories import RegionFactory, make_staff

pytestmark = pytest.mark.django_db


def _case(region, filed_on=datetime.date(2026, 3, 18)):
    specialist = make_staff(Role.MIO_SPECIALIST, region=region)
    org = specialist.staff.organisation
    return ExampleCase.objects.create(region=region, organisation=org, filed_on=filed_on), specialist


def test_gen1_case_keeps_the_rule_version_of_its_filing_date():
    """GEN-1: a case filed before an amendment keeps the old term; one filed after gets the new one."""
    region = RegionFactory()
    old, specialist = _case(region, filed_on=datetime.date(2025, 12, 31))
    new, _ = _case(region, filed_on=datetime.date(2026, 1, 2))
    assert (old.rule_version, new.rule_version) == ("2025", "2026")
    org = specialist.staff.organisation
    for case in (old, new):
        case_transition(case=case, transition="review", actor=specialist, open=[StepOpen("review", org, start=case.filed_on)])
    due = {c.rule_version: Deadline.objects.get(case_id=c.pk, rule="CAL-1").due for c in (old, new)}
    # 5 working days after 31.12.2025 vs 3 after 02.01.2026 (1–2 Jan and 7 Jan are holidays)
    assert due["2025"] == datetime.date(2026, 1, 12)
    assert due["2026"] == datetime.date(2026, 1, 8)


def test_transition_logs_actor_and_states_and_shows_only_allowed_actions():
    region = RegionFactory()
    case, specialist = _case(region)
    head = make_staff(Role.MIO_HEAD, region=region, organisation=specialist.staff.organisation)
    assert actions_available(specialist, case) == ["review"]
    assert actions_available(head, case) == []
    case = case_transition(case=case, transition="review", actor=specialist, comment="looks complete")
    log = TransitionLog.objects.get(case_id=case.pk)
    assert (log.source, log.target, log.actor, log.comment) == ("filed", "reviewed", specialist, "looks complete")
    assert actions_available(head, case) == ["approve"]  # refusal needs remarks
    case = ExampleCase.objects.get(pk=case.pk)
    ExampleCase.objects.filter(pk=case.pk).update(remarks="incomplete papers")
    assert set(actions_available(head, ExampleCase.objects.get(pk=case.pk))) == {"approve", "refuse"}


def test_wrong_role_and_wrong_region_are_refused():
    region = RegionFactory()
    case, specialist = _case(region)
    with pytest.raises(PermissionDenied):
        case_transition(case=case, transition="review", actor=make_staff(Role.MIO_HEAD, region=region))
    with pytest.raises(PermissionDenied):
        case_transition(case=case, transition="review", actor=make_staff(Role.MIO_SPECIALIST))
    assert ExampleCase.objects.get(pk=case.pk).state == ExampleState.FILED


def test_not_allowed_now_explains_why():
    region = RegionFactory()
    case, specialist = _case(region)
    head = make_staff(Role.MIO_HEAD, region=region, organisation=specialist.staff.organisation)
    with pytest.raises(ActionNotAllowed, match="approve"):
        case_transition(case=case, transition="approve", actor=head)
    case = case_transition(case=case, transition="review", actor=specialist)
    with pytest.raises(ActionNotAllowed, match="remarks are filled in"):
        case_transition(case=case, transition="refuse", actor=head)


def test_stale_version_is_a_conflict_and_changes_nothing():
    region = RegionFactory()
    case, specialist = _case(region)
    case_transition(case=case, transition="review", actor=specialist, seen_version=0, kwargs={"remarks": "a"})
    with pytest.raises(CaseConflict):
        case_transition(case=case, transition="review", actor=specialist, seen_version=0, kwargs={"remarks": "b"})
    assert ExampleCase.objects.get(pk=case.pk).remarks == "a"


def test_signed_record_tampered_in_database_is_reported_changed():
    region = RegionFactory()
    case, specialist = _case(region)
    head = make_staff(Role.MIO_HEAD, region=region, organisation=specialist.staff.organisation)
    case = case_transition(case=case, transition="review", actor=specialist, kwargs={"remarks": "ok"})
    case = case_transition(case=case, transition="approve", actor=head, sign="decision")
    signature = case.signatures.get()
    assert signature_verify(signature).ok
    ExampleCase.objects.filter(pk=case.pk).update(remarks="forged")
    result = signature_verify(signature)
    assert result.signature_valid and not result.record_unchanged
