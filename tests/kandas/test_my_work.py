"""'My work': open deadlines of the user's organisation, overdue first, explanation on expand,
filters, pagination, a constant number of queries."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kandas.calendar_seed import calendar_seed
from kandas.deadlines import deadline_open
from kandas.models import Deadline
from kandas.roles import Role
from kandas.rules import Step
from tests.example_case.models import ExampleCase
from tests.factories import RegionFactory, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    calendar_seed([2025, 2026, 2027])
    region = RegionFactory()
    user = make_staff(Role.MIO_SPECIALIST, region=region)
    org = user.staff.organisation
    case = ExampleCase.objects.create(region=region, organisation=org, filed_on=datetime.date(2026, 3, 18))
    today = timezone.localdate()
    future = deadline_open(case=case, step="review", organisation=org, start=today + datetime.timedelta(days=1))
    soon = deadline_open(case=case, step=Step("sign", "CAL-3", 1, label="sign"), organisation=org, start=today)
    past = deadline_open(case=case, step="review", organisation=org, start=today - datetime.timedelta(days=40))
    breached = deadline_open(case=case, step="decide", organisation=org, start=today - datetime.timedelta(days=20))
    Deadline.objects.filter(pk=breached.pk).update(state=Deadline.State.BREACHED)
    other = make_staff(Role.MIO_SPECIALIST)  # another region's deadline is not on this desk
    other_case = ExampleCase.objects.create(region=other.staff.organisation.region, organisation=other.staff.organisation,
                                            filed_on=datetime.date(2026, 3, 18))
    deadline_open(case=other_case, step="review", organisation=other.staff.organisation, start=today)
    return user, {"future": future, "soon": soon, "past": past, "breached": breached}


def _rows(response):
    return [d.pk for d in response.context["page"].object_list]


def test_overdue_first_then_by_due_date(client, desk):
    user, d = desk
    client.force_login(user)
    response = client.get("/")
    assert _rows(response) == [d["past"].pk, d["breached"].pk, d["soon"].pk, d["future"].pk]
    html = response.content.decode()
    # the reader's language (this client reads English), not the stored Russian text
    assert "How counted" in html and "working days after" in html and "рабочих дня после" not in html


def test_filters_overdue_rule_and_step(client, desk):
    user, d = desk
    client.force_login(user)
    assert _rows(client.get("/?overdue=1")) == [d["past"].pk, d["breached"].pk]
    assert _rows(client.get("/?rule=CAL-3")) == [d["soon"].pk]
    assert _rows(client.get("/?step=decid")) == [d["breached"].pk]


def test_constant_number_of_queries_and_pagination(client, desk):
    user, d = desk
    client.force_login(user)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    case = ExampleCase.objects.first()
    org = user.staff.organisation
    for i in range(120):
        deadline_open(case=case, step="review", organisation=org, start=datetime.date(2026, 5, 1))
    with CaptureQueriesContext(connection) as many:
        response = client.get("/?page=2")
    assert len(many) <= len(few)  # page 2 of overdue steps needs no more queries than page 1 of a few
    assert len(response.context["page"].object_list) == 50 and response.context["page"].paginator.count == 124


def test_my_work_exports_the_whole_filtered_tab_overdue_first(client, desk):
    """Issue 15 (exports): the tab under its filters, every row (not the page), in the page's order, logged."""
    from kandas.models import ExportLog
    from tests.exports import csv_rows

    user, d = desk
    client.force_login(user)
    page = client.get("/?overdue=1", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "overdue=1&amp;export=csv" in page
    rows = csv_rows(client.get("/?overdue=1&export=csv", HTTP_ACCEPT_LANGUAGE="ru"))
    assert rows[0] == ["Дело", "Заявитель", "Этап", "Норма", "Срок", "Состояние", "Просрочено", "Исполнитель"]
    assert [r[4] for r in rows[1:]] == [d["past"].due.strftime("%d.%m.%Y"), d["breached"].due.strftime("%d.%m.%Y")]
    assert {r[6] for r in rows[1:]} == {"да"}  # only the overdue ones, marked as such; the other region's absent
    every = csv_rows(client.get("/?export=csv"))
    assert len(every) - 1 == 4 and every[-1][4] == d["future"].due.strftime("%d.%m.%Y")
    assert ExportLog.objects.filter(user=user, list_name="my-work", query_string="overdue=1", rows=2).exists()


def test_notifications_export_the_readers_own_and_keep_the_unread_filter(client, desk):
    from kandas.models import ExportLog, Notification
    from tests.exports import csv_rows

    user, _d = desk
    other = make_staff(Role.MIO_SPECIALIST)
    Notification.objects.create(user=user, key="a", text="Срок по делу EX-1 истекает")
    Notification.objects.create(user=user, key="b", text="Дело EX-2 передано", read_at=timezone.now())
    Notification.objects.create(user=other, key="c", text="Чужое уведомление")
    client.force_login(user)
    page = client.get("/notifications/?unread=1", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "EX-1" in page and "EX-2" not in page and 'id="f-unread" checked' in page
    rows = csv_rows(client.get("/notifications/?unread=1&export=csv", HTTP_ACCEPT_LANGUAGE="ru"))
    assert rows[0] == ["Дата", "Уведомление", "Прочитано"] and [r[1] for r in rows[1:]] == ["Срок по делу EX-1 истекает"]
    every = [r[1] for r in csv_rows(client.get("/notifications/?export=csv"))[1:]]
    assert sorted(every) == ["Дело EX-2 передано", "Срок по делу EX-1 истекает"]  # never another user's
    assert ExportLog.objects.filter(user=user, list_name="notifications").count() == 2
