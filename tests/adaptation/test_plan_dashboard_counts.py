"""Dashboards (issue 11): completion and overdue items per settlement region, CC and LMC; monitoring rounds
overdue and due this quarter; CRTR scores by quarter — the page and its XLSX match a hand-counted fixture, the
national analyst sees every region without personal data, a region's staff their region, in a constant number
of queries."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from adaptation.models import MonitoringRound, PlanItem, QualityEvaluation
from adaptation.services import plans
from adaptation.services.dashboards import quarter_end
from kandas.roles import Role
from tests.exports import csv_rows, xlsx_rows
from tests.factories import OrganisationFactory, make_staff

from .plan_world import app, english  # noqa: F401
from .support_world import client_for, family, world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(world, app):
    """4 items: 1 completed, 2 overdue, 1 open not yet due; rounds: 1 overdue, 1 due this quarter, 1 later, 1 held
    late; evaluations: 2026-Q2 totals 9 (low) and 15 (high), 2026-Q3 one of 12 (medium)."""
    today = timezone.localdate()
    plan = plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    items = list(plan.items.order_by("pk")[:4])
    PlanItem.objects.filter(plan=plan).exclude(pk__in=[i.pk for i in items]).delete()
    dues = [today - datetime.timedelta(days=40), today - datetime.timedelta(days=5), today - datetime.timedelta(days=1),
            today + datetime.timedelta(days=60)]
    for item, due in zip(items, dues):
        PlanItem.objects.filter(pk=item.pk).update(due=due, completed_on=today if item is items[0] else None)
    MonitoringRound.objects.filter(plan=plan).delete()
    end = quarter_end(today)
    for n, (due, done) in enumerate([(today - datetime.timedelta(days=3), None), (end, None),
                                     (end + datetime.timedelta(days=200), None),
                                     (today - datetime.timedelta(days=10), today)], start=1):
        MonitoringRound.objects.create(plan=plan, number=n, period_start=due - datetime.timedelta(days=90), due=due,
                                       done_on=done)
    analyst = make_staff(Role.CRTR_ANALYST)
    for org, quarter, scores, band in ((world.settle.cc, "2026-Q2", (3, 3, 3), "low"),
                                       (world.settle.lmc, "2026-Q2", (5, 5, 5), "high"),
                                       (world.settle.cc, "2026-Q3", (4, 4, 4), "medium")):
        QualityEvaluation.objects.create(organisation=org, quarter=quarter, relevance=scores[0],
                                         effectiveness=scores[1], social_effect=scores[2], total=sum(scores),
                                         band=band, evaluated_by=analyst, evaluated_on=today)
    return plan


def test_dashboard_numbers_match_the_hand_count_and_the_xlsx(world, counted):
    client = client_for(world.settle.cc_specialist)
    page = client.get("/adaptation/plans/dashboard/").content.decode()
    region, cc, lmc = world.settle.region.name_en, world.settle.cc.name_en, world.settle.lmc.name_en  # an English reader
    row = "<td>{}</td><td>4</td><td>1</td><td>2</td><td>25%</td>"
    assert row.format(region) in page and row.format(cc) in page and row.format(lmc) in page
    assert "overdue: 1 · due this quarter" in page and f"<td>{region}</td><td>1</td><td>1</td>" in page
    assert "<td>2026-Q2</td><td>2</td><td>4.00</td><td>4.00</td><td>4.00</td><td>12.00</td><td>1 / 0 / 1</td>" in page
    assert "<td>2026-Q3</td><td>1</td>" in page and 'id="chart-ccs"' in page and "chartjs/chart.umd.min.js" in page
    def table(name, fmt="xlsx"):  # each table exports through kandas.exports (GEN-3)
        response = client.get("/adaptation/plans/dashboard/", {"export": fmt, "table": name})
        return xlsx_rows(response) if fmt == "xlsx" else csv_rows(response)

    for name, org in (("regions", region), ("ccs", cc), ("lmcs", lmc)):
        assert table(name)[1:] == [(org, 4, 1, 2, 25)]
    assert table("rounds")[1:] == [(region, 1, 1)]
    scores = table("scores")
    assert scores[1] == ("2026-Q2", 2, 4.0, 4.0, 4.0, 12.0, "1 / 0 / 1") and scores[2][:2] == ("2026-Q3", 1)
    assert table("ccs", "csv") == [["career centre", "items", "completed", "overdue", "%"], [cc, "4", "1", "2", "25"]]


def test_dashboard_scope_and_no_personal_data(world, counted, django_assert_max_num_queries):
    app = counted.application
    other = client_for(world.other.cc_specialist).get("/adaptation/plans/dashboard/").content.decode()
    assert world.settle.region.name_en not in other and "2026-Q2" not in other
    national = client_for(make_staff(Role.MINISTRY_ANALYST))
    national.get("/adaptation/plans/dashboard/")
    with django_assert_max_num_queries(13):
        page = national.get("/adaptation/plans/dashboard/").content.decode()
    assert world.settle.region.name_en in page
    assert app.applicant.iin not in page and app.applicant.surname not in page and app.ref not in page
    assert client_for(make_staff(Role.MIO_SPECIALIST, organisation=OrganisationFactory(kind="MISSION", region=None))
                      ).get("/adaptation/plans/dashboard/").status_code == 403


def test_dashboard_names_organisations_and_regions_in_the_readers_language(world, counted):
    """A Kazakh reader sees the registry's Kazakh names on the page and in every table's export, in as many
    queries as a Russian reader (the names come with the aggregate)."""
    settle = world.settle
    kk = client_for(settle.cc_specialist, "kk")
    page = kk.get("/adaptation/plans/dashboard/").content.decode()
    row = "<td>{}</td><td>4</td><td>1</td><td>2</td><td>25%</td>"
    for org in (settle.region, settle.cc, settle.lmc):
        assert row.format(org.name_kk) in page and org.name_ru not in page
    assert f"<td>{settle.region.name_kk}</td><td>1</td><td>1</td>" in page  # monitoring rounds by region
    for table, org in (("regions", settle.region), ("ccs", settle.cc), ("lmcs", settle.lmc), ("rounds", settle.region)):
        rows = csv_rows(kk.get("/adaptation/plans/dashboard/", {"export": "csv", "table": table}))
        assert rows[1][0] == org.name_kk and org.name_ru not in {r[0] for r in rows}
    ru = client_for(settle.cc_specialist, "ru")
    with CaptureQueriesContext(connection) as in_russian:
        assert row.format(settle.cc.name_ru) in ru.get("/adaptation/plans/dashboard/").content.decode()
    with CaptureQueriesContext(connection) as in_kazakh:
        kk.get("/adaptation/plans/dashboard/")
    assert len(in_kazakh) == len(in_russian)
