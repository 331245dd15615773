"""CAL-2: the Government's yearly decree on moved days off, entered as one act, previewed, applied once.

The fixture decree (No. 123 of 15.11.2026) makes Friday 18.12.2026 a day off and Saturday 26.12.2026 a
working day. With the 3-working-day review step (16.12 is Independence Day):
- A counted from 15.12: 17, 18, 21 → 21.12; with the decree 17, 21, 22 → 22.12 (moves);
- B counted from 23.12: 24, 25, 28 → 28.12; with the decree 24, 25, 26 → 26.12 (moves);
- C counted from 01.12 → 04.12 and D counted from 18.12 itself → 23.12 (the moved days are outside
  their counts: unchanged); a closed and a paused deadline over the same days stay as they are.
"""
import datetime

import pytest
from django.core.exceptions import ValidationError

from kandas.calendar_seed import calendar_seed
from kandas.decrees import decree_apply, decree_plan
from kandas.deadlines import deadline_open
from kandas.models import CalendarDay, CalendarDecree, DecreeDay, Deadline
from kandas.roles import Role
from kandas.workdays import WorkCalendar
from tests.example_case.models import ExampleCase
from tests.factories import RegionFactory, make_staff

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _calendar(db):
    calendar_seed([2026, 2027])


@pytest.fixture
def org():
    region = RegionFactory()
    return make_staff(Role.MIO_SPECIALIST, region=region).staff.organisation


def _open(org, start, step="review"):
    case = ExampleCase.objects.create(region=org.region, organisation=org, filed_on=D(2026, 3, 18))
    return deadline_open(case=case, step=step, organisation=org, start=start)


@pytest.fixture
def deadlines(org):
    a, b = _open(org, D(2026, 12, 15)), _open(org, D(2026, 12, 23))
    c, d = _open(org, D(2026, 12, 1)), _open(org, D(2026, 12, 18))
    closed, paused = _open(org, D(2026, 12, 15)), _open(org, D(2026, 12, 15))
    Deadline.objects.filter(pk=closed.pk).update(state=Deadline.State.MET, closed_at=datetime.datetime(
        2026, 12, 17, 10, tzinfo=datetime.timezone.utc))
    Deadline.objects.filter(pk=paused.pk).update(state=Deadline.State.PAUSED, paused_on=D(2026, 12, 16), remaining=2)
    assert (a.due, b.due, c.due, d.due) == (D(2026, 12, 21), D(2026, 12, 28), D(2026, 12, 4), D(2026, 12, 23))
    return {"a": a, "b": b, "c": c, "d": d, "closed": closed, "paused": paused}


@pytest.fixture
def decree():
    decree = CalendarDecree.objects.create(number="123", signed_on=D(2026, 11, 15), title="О переносе выходных дней")
    DecreeDay.objects.create(decree=decree, day_off=D(2026, 12, 18), worked_instead=D(2026, 12, 26))
    return decree


def _dues(deadlines):
    return {k: Deadline.objects.get(pk=d.pk).due for k, d in deadlines.items()}


def test_cal2_decree_moves_exactly_the_deadlines_whose_count_covers_the_moved_days(deadlines, decree):
    before = _dues(deadlines)
    assert decree_apply(decree) == 2
    after = _dues(deadlines)
    assert after["a"] == D(2026, 12, 22) and after["b"] == D(2026, 12, 26)
    assert {k: v for k, v in after.items() if k not in "ab"} == {k: v for k, v in before.items() if k not in "ab"}
    for key in ("c", "d", "closed", "paused"):
        assert "123" not in Deadline.objects.get(pk=deadlines[key].pk).explanation
    cal = WorkCalendar.load()
    assert not cal.is_working(D(2026, 12, 18)) and cal.is_working(D(2026, 12, 26))
    assert CalendarDay.objects.get(date=D(2026, 12, 18)).decree == "ПП РК № 123 от 15.11.2026"


def test_cal2_the_explanation_names_the_decree_in_ru_kk_en(deadlines, decree):
    decree_apply(decree)
    a = Deadline.objects.get(pk=deadlines["a"].pk)
    ru, kk, en = a.explanation, a.texts["kk"]["explanation"], a.texts["en"]["explanation"]
    assert "Перенесён постановлением Правительства № 123 от 15.11.2026: срок 21.12.2026 → 22.12.2026" in ru
    assert "Үкіметтің 15.11.2026 жылғы № 123 қаулысымен ауыстырылды: мерзім 21.12.2026 → 22.12.2026" in kk
    assert "Moved by the Government decree No. 123 of 15.11.2026: due 21.12.2026 → 22.12.2026" in en
    assert ru.startswith(deadlines["a"].explanation)  # the history is kept, the line is added


def test_cal2_preview_lists_what_apply_does_and_writes_nothing(deadlines, decree):
    plan = decree_plan(decree)
    preview = {(m.deadline.pk, m.old_due, m.new_due) for m in plan.moves}
    assert not CalendarDay.objects.filter(date=D(2026, 12, 26)).exists()
    assert _dues(deadlines)["a"] == D(2026, 12, 21)
    decree_apply(decree)
    done = {(d.pk, deadlines[k].due, Deadline.objects.get(pk=d.pk).due) for k, d in deadlines.items()
            if Deadline.objects.get(pk=d.pk).due != d.due}
    assert preview == done and len(done) == 2


def test_cal2_applying_twice_changes_nothing_more(deadlines, decree):
    decree_apply(decree)
    snapshot = list(Deadline.objects.order_by("pk").values_list("due", "explanation", "texts"))
    rows = list(CalendarDay.objects.order_by("date").values_list("date", "kind", "decree"))
    history = CalendarDay.history.count()
    assert decree_apply(decree) == 0
    assert decree_apply(CalendarDecree.objects.get(pk=decree.pk)) == 0
    assert list(Deadline.objects.order_by("pk").values_list("due", "explanation", "texts")) == snapshot
    assert list(CalendarDay.objects.order_by("date").values_list("date", "kind", "decree")) == rows
    assert CalendarDay.history.count() == history
    # the same days in a second decree: the calendar already says so, nothing moves
    again = CalendarDecree.objects.create(number="124", signed_on=D(2026, 11, 20))
    DecreeDay.objects.create(decree=again, day_off=D(2026, 12, 18), worked_instead=D(2026, 12, 26))
    assert decree_plan(again).days == [] and decree_apply(again) == 0


def test_cal2_an_applied_decree_cannot_be_edited_but_a_revert_act_restores_the_calendar(deadlines, decree):
    decree_apply(decree)
    decree.refresh_from_db()
    decree.title = "changed"
    with pytest.raises(ValidationError):
        decree.save()
    with pytest.raises(ValidationError):
        DecreeDay.objects.create(decree=decree, day_off=D(2026, 12, 31))
    revert = CalendarDecree.objects.create(number="200", signed_on=D(2026, 12, 1), reverts=decree)
    assert decree_apply(revert) == 2
    assert _dues(deadlines)["a"] == D(2026, 12, 21) and _dues(deadlines)["b"] == D(2026, 12, 28)
    assert not CalendarDay.objects.filter(date=D(2026, 12, 26)).exists()
    assert WorkCalendar.load().is_working(D(2026, 12, 18))
    assert "№ 200" in Deadline.objects.get(pk=deadlines["a"].pk).explanation


def test_cal2_admin_enters_previews_and_applies_a_decree_over_http(admin_client, deadlines):
    response = admin_client.post("/admin/kandas/calendardecree/add/", {
        "number": "123", "signed_on": "15.11.2026", "title": "О переносе выходных дней",
        "days-TOTAL_FORMS": "1", "days-INITIAL_FORMS": "0", "days-MIN_NUM_FORMS": "0", "days-MAX_NUM_FORMS": "1000",
        "days-0-day_off": "18.12.2026", "days-0-worked_instead": "26.12.2026"}, follow=True)
    assert response.status_code == 200, response.content.decode()[:2000]
    decree = CalendarDecree.objects.get(number="123")
    html = response.content.decode()
    assert response.redirect_chain[-1][0].endswith(f"/{decree.pk}/preview/")
    assert html.count('data-testid="decree-move"') == 2 and "21.12.2026" in html and "22.12.2026" in html
    assert _dues(deadlines)["a"] == D(2026, 12, 21)  # the preview wrote nothing
    assert admin_client.get(f"/admin/kandas/calendardecree/{decree.pk}/apply/").status_code == 302  # GET applies nothing
    assert _dues(deadlines)["a"] == D(2026, 12, 21)
    response = admin_client.post(f"/admin/kandas/calendardecree/{decree.pk}/apply/", follow=True)
    assert response.status_code == 200 and _dues(deadlines)["a"] == D(2026, 12, 22)
    assert "2" in response.content.decode()
    page = admin_client.get(f"/admin/kandas/calendardecree/{decree.pk}/change/").content.decode()
    assert 'name="number"' not in page and 'name="days-0-day_off"' not in page  # read-only once applied
    edit = admin_client.post(f"/admin/kandas/calendardecree/{decree.pk}/change/", {"number": "999", "signed_on": "01.01.2026"})
    assert edit.status_code == 403 and CalendarDecree.objects.get(pk=decree.pk).number == "123"
    again = admin_client.post(f"/admin/kandas/calendardecree/{decree.pk}/apply/", follow=True)
    assert again.status_code == 200 and _dues(deadlines)["b"] == D(2026, 12, 26)
    assert CalendarDecree.objects.get(pk=decree.pk).moved_deadlines == 2


def test_cal2_staff_without_admin_rights_cannot_preview_or_apply(client, org, decree):
    user = make_staff(Role.MIO_HEAD, region=org.region)
    client.force_login(user)
    assert client.get(f"/admin/kandas/calendardecree/{decree.pk}/preview/").status_code == 302  # to the admin login
    client.post(f"/admin/kandas/calendardecree/{decree.pk}/apply/")
    assert not CalendarDecree.objects.get(pk=decree.pk).is_applied
