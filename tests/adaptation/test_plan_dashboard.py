"""Dashboards: plan completion and overdue items per settlement region, monitoring rounds due, XLSX export."""
import pytest

from adaptation.services import plans
from kandas.models import ExportLog
from tests.exports import xlsx_rows

from .plan_world import app, english  # noqa: F401
from .support_world import client_for, family, world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_dashboard_counts_items_and_overdue_and_exports(world, app):
    plan = plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    total = plan.items.count()
    client = client_for(world.settle.cc_specialist)
    page = client.get("/adaptation/plans/dashboard/").content.decode()
    assert str(world.settle.region.name_en) in page and f"<td>{total}</td>" in page
    # included 31.03.2026, today 01.12.2026 or later: every 1–6-month item is overdue, the 12-month ones not
    overdue = plan.items.filter(due__lt=plan.included_on.replace(year=2026, month=12, day=1)).count()
    assert "export=xlsx&amp;table=regions" in page
    rows = xlsx_rows(client.get("/adaptation/plans/dashboard/", {"export": "xlsx", "table": "regions"}))
    assert rows[0][:2] == ("settlement region", "items")
    assert rows[1][1] == total and rows[1][3] >= overdue > 0
    assert ExportLog.objects.get(list_name="adaptation-dashboard-regions").fmt == "xlsx"
    other = client_for(world.other.cc_specialist).get("/adaptation/plans/dashboard/").content.decode()
    assert str(world.settle.region.name_en) not in other
