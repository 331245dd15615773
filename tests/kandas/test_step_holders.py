"""Case machinery II: who holds a step (000 app.2 p.11), deadlines by step key and subject, and texts the
system writes read in the reader's language."""
import datetime

import pytest
from django.test import Client
from django.utils import timezone, translation

from kandas.deadlines import deadline_close, deadline_open, step_deadlines
from kandas.models import Deadline, Notification
from kandas.roles import Role
from tests.example_case.models import ExampleCase, ExampleState
from tests.factories import make_staff, staffed_region

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def travelling():
    """A case filed in region A, held by A's MIO, that region B (its partner, like a region of exit) also sees."""
    a = staffed_region(kinds=("MIO",), roles=("specialist", "head"))
    b = staffed_region(kinds=("MIO",), roles=("specialist", "head"))
    case = ExampleCase.objects.create(region=a.region, partner_region=b.region, organisation=a.mio,
                                      filed_on=D(2026, 3, 18))
    review = deadline_open(case=case, step="review", organisation=a.mio, start=timezone.localdate())
    return a, b, case, review


def _en(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_ada5_another_regions_mio_specialist_sees_the_case_but_may_not_act_on_a_step_region_a_holds(travelling):
    """ADA-5 p.11 (case machinery): a case held by region A's MIO cannot be acted on by region B's MIO
    specialist with the same role — 403 with the reason — though B keeps read access."""
    a, b, case, _review = travelling
    client = _en(b.specialist)
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200
    assert 'data-action="review"' not in page.content.decode()
    assert "held by" in page.content.decode()
    refused = client.post(f"/example/{case.pk}/act/review/", {"seen_version": 0, "remarks": "not mine"})
    assert refused.status_code == 403
    assert "held by" in refused.content.decode() and str(a.mio) in refused.content.decode()
    assert ExampleCase.objects.get(pk=case.pk).state == ExampleState.FILED
    ok = _en(a.specialist).post(f"/example/{case.pk}/act/review/", {"seen_version": 0, "remarks": "mine"})
    assert ok.status_code == 302
    assert ExampleCase.objects.get(pk=case.pk).state == ExampleState.REVIEWED
    assert Deadline.objects.get(pk=_review.pk).state == Deadline.State.MET


def test_ada5_a_head_assigns_the_step_and_only_the_assignee_or_the_head_may_take_it(
        travelling, django_capture_on_commit_callbacks):
    """ADA-5 p.11: the head directs the case to one specialist; a colleague is refused with the reason;
    the assignment is on the timeline and in the assignee's notifications."""
    a, _b, case, review = travelling
    colleague = make_staff(Role.MIO_SPECIALIST, organisation=a.mio)
    assert _en(a.specialist).post(f"/steps/{review.pk}/assign/", {"assignee": colleague.pk}).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = _en(a.head).post(f"/steps/{review.pk}/assign/", {"assignee": a.specialist.pk})
    assert response.status_code == 302
    assert Deadline.objects.get(pk=review.pk).assignee == a.specialist

    refused = _en(colleague).post(f"/example/{case.pk}/act/review/", {"seen_version": 0})
    assert refused.status_code == 403 and "assigned to" in refused.content.decode()
    from kandas.holders import step_holder_refusal
    assert step_holder_refusal(a.head, case, ("review",)) is None  # the head may always act on it

    assert _en(a.specialist).post(f"/example/{case.pk}/act/review/", {"seen_version": 0}).status_code == 302
    assert ExampleCase.objects.get(pk=case.pk).state == ExampleState.REVIEWED
    timeline = _en(a.head).get(case.get_absolute_url()).content.decode().split('data-testid="case-timeline"')[1]
    assert "step assigned" in timeline and "assigned to" in timeline
    assert Notification.objects.filter(user=a.specialist, key__startswith="assigned:").exists()


def test_ada5_a_head_cannot_assign_to_someone_outside_the_holding_organisation(travelling):
    a, b, _case, review = travelling
    response = _en(a.head).post(f"/steps/{review.pk}/assign/", {"assignee": b.specialist.pk}, follow=True)
    assert "Choose a member of staff" in response.content.decode()
    assert Deadline.objects.get(pk=review.pk).assignee is None


def test_my_work_shows_assigned_to_me_and_my_organisations_unassigned_separately(travelling):
    """'My work': the steps assigned to me and my organisation's unassigned ones are separate tabs."""
    a, _b, case, review = travelling
    other = ExampleCase.objects.create(region=a.region, organisation=a.mio, filed_on=D(2026, 3, 18))
    deadline_open(case=other, step="review", organisation=a.mio, start=other.filed_on)
    Deadline.objects.filter(pk=review.pk).update(assignee=a.specialist)
    client = _en(a.specialist)
    mine = client.get("/?tab=mine").content.decode()
    assert case.ref in mine and other.ref not in mine
    unassigned = client.get("/?tab=unassigned").content.decode()
    assert other.ref in unassigned and case.ref not in unassigned


def test_cal1_two_deadlines_of_one_rule_for_two_subjects_open_and_close_independently(travelling):
    """CAL-1: a step run per family member has one deadline per subject; closing one leaves the other."""
    a, _b, case, _review = travelling
    first = deadline_open(case=case, step="decide", organisation=a.mio, subject="person:1", start=D(2026, 4, 6))
    second = deadline_open(case=case, step="decide", organisation=a.mio, subject="person:2", start=D(2026, 4, 13))
    assert first.rule == second.rule == "CAL-1" and first.due != second.due
    assert deadline_close(case=case, step="decide", subject="person:1", on=D(2026, 4, 7)) is False
    assert Deadline.objects.get(pk=first.pk).state == Deadline.State.MET
    assert Deadline.objects.get(pk=second.pk).state == Deadline.State.OPEN
    assert step_deadlines(case, "review").get().state == Deadline.State.OPEN  # same rule, other step: untouched
    assert deadline_close(case=case, step="decide", subject="person:2", on=D(2026, 5, 4)) is True
    assert Deadline.objects.get(pk=second.pk).state == Deadline.State.BREACHED


def test_a_kazakh_reader_sees_in_kazakh_what_the_system_wrote_while_the_writer_used_russian(
        travelling, django_capture_on_commit_callbacks):
    """Texts the system writes (timeline comment, notification) are stored as messages and read in the
    reader's language: written during a Russian request, read on a Kazakh page."""
    a, _b, case, review = travelling
    from kandas.holders import step_assign

    with translation.override("ru"), django_capture_on_commit_callbacks(execute=True):
        step_assign(deadline_id=review.pk, assignee_id=a.specialist.pk, actor=a.head)
    client = Client(HTTP_ACCEPT_LANGUAGE="kk")
    client.force_login(a.specialist)
    client.cookies["django_language"] = "kk"
    timeline = client.get(case.get_absolute_url()).content.decode().split('data-testid="case-timeline"')[1]
    assert "тапсырылды" in timeline and "назначен" not in timeline
    notifications = client.get("/notifications/").content.decode()
    assert "сізге тапсырылды" in notifications
    with translation.override("ru"):
        assert "назначен" in Notification.objects.get(user=a.specialist).display_text


def test_cal1_a_breach_notification_written_by_the_sweep_reads_in_the_readers_language(
        travelling, django_capture_on_commit_callbacks):
    """CAL-1: the sweep's notification is a stored message: a Kazakh reader reads it in Kazakh."""
    from kandas.deadlines import deadline_sweep

    a, _b, _case, review = travelling
    with translation.override("ru"), django_capture_on_commit_callbacks(execute=True):
        deadline_sweep(today=review.due + datetime.timedelta(days=3))
    note = Notification.objects.get(user=a.specialist, key__startswith="breach:")
    assert "срок" in note.text  # the e-mail text: the installation's language
    with translation.override("kk"):
        assert "мерзімі өтті" in note.display_text and "срок" not in note.display_text
