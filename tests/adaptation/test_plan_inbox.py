"""The plan-item inbox of the settlement CC / LMC: the items its centre must do, filtered and sorted by due date,
scoped to its region, with a constant number of queries; the family plan page and one CC's monthly report keep a
constant query count too (issue 11, Scale)."""
import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from adaptation.models import PlanItem, SupportState
from adaptation.services import plans, reports
from adaptation.services.chain import MemberInput, support_application_register
from kandas.models import Kinship
from tests.factories import PersonFactory

from .plan_world import app, english, filed_app  # noqa: F401
from .support_walk import walk
from .support_world import client_for, family, world  # noqa: F401

pytestmark = pytest.mark.django_db


def keep_items(plan, n):
    keep = list(plan.items.order_by("due", "pk").values_list("pk", flat=True)[:n])
    PlanItem.objects.filter(plan=plan).exclude(pk__in=keep).delete()


def test_inbox_lists_the_regions_items_by_due_date_with_filters(world, app):
    plan = plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    items = list(plan.items.order_by("due", "pk"))
    client = client_for(world.settle.cc_specialist)
    page = client.get("/adaptation/plan-items/").content.decode()
    assert f"{len(items)} items" in page and 'data-testid="nav-plan-inbox"' in page
    first = items[0]
    assert f'href="/adaptation/plan-items/{first.pk}/"' in page and first.due.strftime("%d.%m.%Y") in page
    assert page.index(f"/adaptation/plan-items/{items[0].pk}/") < page.index(f"/adaptation/plan-items/{items[1].pk}/")
    today = timezone.localdate()
    overdue = sum(1 for i in items if i.due < today)
    assert f"{overdue} item" in client.get("/adaptation/plan-items/?state=overdue").content.decode()
    son_items = [i for i in items if i.person_id == app.members.get(kinship=Kinship.SON).person_id]
    by_iin = client.get(f"/adaptation/plan-items/?q={son_items[0].person.iin}").content.decode()
    assert f"{len(son_items)} item" in by_iin
    pre = [i for i in items if i.service == 5]
    assert f"{len(pre)} item" in client.get("/adaptation/plan-items/?service=5").content.decode()
    month = first.due.strftime("%Y-%m")
    in_month = sum(1 for i in items if i.due.strftime("%Y-%m") == month)
    assert f"{in_month} item" in client.get(f"/adaptation/plan-items/?month={month}").content.decode()
    # a completed item leaves "overdue" and shows under "done"
    PlanItem.objects.filter(pk=first.pk).update(completed_on=today)
    done = client.get("/adaptation/plan-items/?state=done").content.decode()
    assert "1 item" in done and today.strftime("%d.%m.%Y") in done


def test_inbox_is_scoped_and_survives_any_input(world, app):
    plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    other = client_for(world.other.cc_specialist).get("/adaptation/plan-items/").content.decode()
    assert "0 items" in other and app.ref not in other
    assert client_for(world.settle.specialist).get("/adaptation/plan-items/").status_code == 403  # the MIO
    client = client_for(world.settle.lmc_specialist)
    for query in ("?state=x", "?service=99", "?service=²", "?month=2026-13", "?q=" + "я" * 300, "?page=-1", "?q=%00"):
        assert client.get("/adaptation/plan-items/" + query).status_code in (200, 400), query


@pytest.mark.parametrize("n", [5, 50])
def test_inbox_query_count_is_constant(world, app, n, django_assert_max_num_queries):
    plan = plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    keep_items(plan, n)
    client = client_for(world.settle.cc_specialist)
    client.get("/adaptation/plan-items/")
    with django_assert_max_num_queries(10):
        page = client.get("/adaptation/plan-items/?state=&q=")
    assert page.content.decode().count('data-testid="inbox-row"') == min(n, 25)


def family_of(world, n_members):
    applicant = PersonFactory(region=world.exit.region, birth_date=datetime.date(1980, 1, 1))
    from kandas.services import person_kandas_status_set

    today = timezone.localdate()
    person_kandas_status_set(person_id=applicant.pk, since=today - datetime.timedelta(days=40),
                             until=today + datetime.timedelta(days=320))
    kids = [PersonFactory(region=world.exit.region, birth_date=datetime.date(2000 + k, 1, 1)) for k in range(n_members - 1)]
    app = support_application_register(
        actor=world.exit.cc_specialist, applicant_iin=applicant.iin, settlement_region_id=world.settle.region.pk,
        locality_kato=world.locality.kato, members=[MemberInput(k.iin, Kinship.SON) for k in kids], consent=True)
    app = walk(world, app, SupportState.QUOTA_FILED)
    app.applicant.quota_included_on = datetime.date(2026, 3, 31)
    app.applicant.save(update_fields=["quota_included_on"])
    return plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)


@pytest.mark.parametrize("members", [2, 6])
def test_family_plan_page_query_count_is_constant(world, members, django_assert_max_num_queries):
    plan = family_of(world, members)
    assert plan.items.values("person").distinct().count() == members
    client = client_for(world.settle.cc_specialist)
    client.get(f"/adaptation/support/{plan.application_id}/plan/")
    with django_assert_max_num_queries(13):
        page = client.get(f"/adaptation/support/{plan.application_id}/plan/")
    assert page.content.decode().count('data-testid="plan-items"') == members


@pytest.mark.parametrize("persons", [5, 50])
def test_monthly_report_query_count_is_constant(world, app, persons, django_assert_max_num_queries):
    plan = plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    item = plan.items.first()
    on = datetime.date(2026, 11, 17)
    for k in range(persons):  # each person a row of the month
        person = PersonFactory(region=world.settle.region)
        PlanItem.objects.create(plan=plan, person=person, service=item.service, term_row=item.term_row,
                                term_length=1, term_unit="month", due=on, completed_on=on)
    cc = world.settle.cc
    client = client_for(world.settle.cc_specialist)
    with django_assert_max_num_queries(11):  # PostgreSQL: one more, the cursor planner setting
        xlsx = client.get(f"/adaptation/reports/{cc.pk}/2026-11.xlsx")
    assert xlsx.status_code == 200
    assert sum(1 for _r in reports.app3_rows(career_centre=cc, period="2026-11")) == persons


def test_inbox_count_is_capped_and_says_so(world, app, monkeypatch):
    from adaptation.views import inbox

    monkeypatch.setattr(inbox, "COUNT_CAP", 3)
    plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    page = client_for(world.settle.cc_specialist).get("/adaptation/plan-items/").content.decode()
    assert "More than 3 items: narrow the filter" in page and page.count('data-testid="inbox-row"') == 4


def test_inbox_pages_keep_the_filter(world, app):
    """The shared pagination links carry the filter: page 2 of "open items of this family" is that list's page 2."""
    plan = plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    keep_items(plan, 40)
    items = list(plan.items.order_by("due", "pk"))
    PlanItem.objects.filter(pk=items[0].pk).update(completed_on=timezone.localdate())  # not "open" any more
    open_count = len(items) - 1  # 39: two pages under the filter
    client = client_for(world.settle.cc_specialist)
    page = client.get("/adaptation/plan-items/", {"state": "open", "q": app.ref}).content.decode()
    assert f"{open_count} items" in page and "Page 1 of 2" in page
    next_href = re.search(r'href="([^"]+)" rel="next"', page).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(next_href).query) == {"state": ["open"], "q": [app.ref], "page": ["2"]}
    second = client.get("/adaptation/plan-items/" + next_href).content.decode()
    assert "Page 2 of 2" in second and second.count('data-testid="inbox-row"') == open_count - 25
    assert f'/adaptation/plan-items/{items[0].pk}/"' not in second
    prev_href = re.search(r'href="([^"]+)" rel="prev"', second).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(prev_href).query) == {"state": ["open"], "q": [app.ref], "page": ["1"]}
