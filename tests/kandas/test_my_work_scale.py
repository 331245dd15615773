"""'My work' at scale: overdue steps first then by due date (two index-ordered queries, no sort by a computed
rank), the applicant's name on each row, a constant number of queries at 5 and 50 rows."""
import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kandas.models import Deadline
from status.models import StatusApplication
from tests.status.helpers import build_region, file_application

pytestmark = pytest.mark.django_db


def _steps(world, apps, n, offset=0):
    ct = ContentType.objects.get_for_model(StatusApplication)
    today = datetime.date.today()
    Deadline.objects.bulk_create([
        Deadline(case_type=ct, case_id=apps[i % len(apps)].pk, case_ref=apps[i % len(apps)].ref, rule="STA-9",
                 step="check", organisation=world.mio, region=world.region, unit="working", length=1, start=today,
                 due=today + datetime.timedelta(days=(i + offset) % 30 - 10), explanation="1 working day")
        for i in range(n)])


def _view(client, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("kandas:my_work"), {"tab": "unassigned", **params})
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_my_work_names_applicants_with_constant_queries_at_5_and_50_rows():
    world = build_region()
    apps = [file_application(world) for _ in range(3)]
    Deadline.objects.all().delete()
    _steps(world, apps, 5, offset=7)  # overdue and not yet due: both parts of the list are read
    from django.test import Client

    client = Client()
    client.force_login(world.specialist)
    five, response = _view(client)
    assert all(a.applicant.full_name in response.content.decode() for a in apps)
    _steps(world, apps, 45, offset=12)
    fifty, response = _view(client)
    rows = list(response.context["page"].object_list)
    assert len(rows) == 50 and all(r.applicant_name for r in rows)
    assert fifty == five, (five, fifty)


def test_my_work_puts_overdue_first_then_by_due_date_across_pages():
    world = build_region()
    apps = [file_application(world)]
    Deadline.objects.all().delete()
    _steps(world, apps, 80)
    paused = Deadline.objects.order_by("due").first()
    Deadline.objects.filter(pk=paused.pk).update(state=Deadline.State.PAUSED)  # past due, clock stopped
    from django.test import Client

    client = Client()
    client.force_login(world.specialist)
    rows = []
    for page in (1, 2):
        rows += list(_view(client, page=page)[1].context["page"].object_list)
    assert len(rows) == 80
    ranks = [r.overdue_rank for r in rows]
    assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == 1
    overdue = [r for r in rows if r.overdue_rank == 0]
    assert [r.due for r in overdue] == sorted(r.due for r in overdue)
    assert paused.pk not in {r.pk for r in overdue}
    only, response = _view(client, overdue=1)
    assert response.context["page"].paginator.count == len(overdue)
