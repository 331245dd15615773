"""QUO-5 / QUO-6: the quota commission agenda — waiting applications of the user's region by sitting day,
with applicant, number, deadline and a compact action; constant queries at 10 and 200 rows; scoped."""
import copy
import datetime

import pytest
from django.urls import reverse

from kandas.models import Deadline
from quota.models import AppState, QuotaApplication
from quota.services import application_check_completeness, application_send_to_commission
from tests.factories import PersonFactory

from .helpers import FILED, file_kandas


def _at_commission(world, on=FILED):
    applicant = PersonFactory(region=world.region, surname="Бекова", given_name="Айгерім",
                              kandas_status_since=datetime.date(2025, 1, 1))
    app = file_kandas(world, (applicant, None, None), members=[], filed_on=on)
    application_check_completeness(application_id=app.pk, actor=world.operator, on=on)
    return application_send_to_commission(application_id=app.pk, actor=world.specialist, on=on)


def _clone(app, n):
    """n more applications at the commission, each with its open commission deadline (rows, not services)."""
    deadline = Deadline.objects.get(case_id=app.pk, step_key="k_recommend", closed_at__isnull=True)
    for i in range(n):
        twin = copy.copy(app)
        twin.pk = twin.id = None
        twin.ref = f"{app.ref}-{i}"
        twin.applicant = PersonFactory(region=app.region, surname=f"Клонов{i}")
        twin.save()
        d = copy.copy(deadline)
        d.pk = None
        d.case_id = twin.pk
        d.due = deadline.due + datetime.timedelta(days=i % 3)
        d.save()


@pytest.mark.parametrize("rows", [10, 200])
def test_agenda_queries_do_not_grow_with_rows(world, client, django_assert_max_num_queries, rows):
    app = _at_commission(world)
    _clone(app, rows - 1)
    client.force_login(world.secretary)
    client.get(reverse("quota:commission"))  # warm the per-process caches (content types, roles)
    with django_assert_max_num_queries(12):
        r = client.get(reverse("quota:commission"))
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count('data-testid="agenda-') == min(rows, 50)
    assert app.applicant.full_name in html and app.ref in html
    if rows > 50:
        assert "page=2" in html


def test_agenda_groups_by_sitting_day_and_records_inclusion(world, client):
    first = _at_commission(world)
    later = _at_commission(world, on=FILED + datetime.timedelta(days=7))
    due_first = Deadline.objects.get(case_id=first.pk, step_key="k_recommend").due
    due_later = Deadline.objects.get(case_id=later.pk, step_key="k_recommend").due
    client.force_login(world.secretary)
    html = client.get(reverse("quota:commission")).content.decode()
    assert f'data-testid="sitting-{due_first:%Y-%m-%d}"' in html
    assert f'data-testid="sitting-{due_later:%Y-%m-%d}"' in html
    assert html.index(first.ref) < html.index(later.ref)  # the earlier sitting first
    assert due_first.strftime("%d.%m.%Y") in html
    r = client.post(reverse("quota:application_act", args=[first.pk, "recommend"]),
                    {"seen_version": first.version, "include": "1"})
    assert r.status_code == 302
    first.refresh_from_db()
    assert first.state == AppState.RECOMMENDED
    html = client.get(reverse("quota:commission")).content.decode()
    assert first.ref not in html and later.ref in html


def test_agenda_is_scoped_and_only_for_its_roles(world, client):
    app = _at_commission(world)
    client.force_login(world.other_specialist)  # another region's MIO
    r = client.get(reverse("quota:commission"))
    assert r.status_code == 200 and app.ref not in r.content.decode()
    client.force_login(world.specialist)  # the MIO sees the agenda, without the commission's button
    html = client.get(reverse("quota:commission")).content.decode()
    assert app.ref in html and f'data-testid="recommend-{app.pk}"' not in html
    client.force_login(world.operator)  # the State Corporation has no agenda
    assert client.get(reverse("quota:commission")).status_code == 403


def test_quota_navigation_links_the_agenda(world, client):
    client.force_login(world.secretary)
    html = client.get(reverse("quota:application_list")).content.decode()
    assert reverse("quota:commission") in html
