"""ADA-18 / Decisions 11: the monthly report app.3 per settlement CC and month — columns 1–27 as printed, one
row per person, each cell the completion date; due the 5th of the next month (a Sunday keeps it, CAL-3);
submitted by the CC and received by the MIO; PDF and XLSX."""
import datetime
import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from adaptation.obligations import MONTHLY_REPORT
from adaptation.services import evidence as ev, reports
from kandas.models import Obligation
from kandas.obligation_services import obligation_ensure
from kandas.obligations import obligation_kind

from .plan_world import app, loaded_plan, english  # noqa: F401
from .support_world import client_for, family, world  # noqa: F401

pytestmark = pytest.mark.django_db
DONE_ON = datetime.date(2026, 11, 17)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def complete(world, item, on=DONE_ON):
    actor = world.settle.cc_specialist
    up = ev.upload_start(actor=actor, item_id=item.pk, kind="photo", filename="p.jpg", size=10, latitude="52.1",
                         longitude="76.9", accuracy="5", taken_at="2026-11-17T10:00:00+05:00")
    ev.upload_chunk(actor=actor, upload_id=up.pk, offset=0, data=b"0123456789")
    return ev.item_complete(actor=actor, item_id=item.pk, completed_on=on)


def test_ada18_app3_columns_as_printed():
    cols = dict(reports.app3_columns())
    assert list(cols) == list(range(1, 28))
    assert cols[2] == "Индивидуальный идентификационный номер кандасов"
    assert cols[3] == "Регистрация кандаса, его семьи в \"Базе мобильных граждан\""
    assert cols[17] == "Регистрация лиц ищущих работу"
    assert cols[22].endswith("традициям Республики Казахстан, основам законодательства")
    assert cols[27] == "Предоставление информационных и справочных услуг"


def test_decisions11_one_row_per_person_each_cell_the_completion_date(world, family, app):
    plan = loaded_plan(world, app)
    complete(world, plan.items.get(person=family.son, service=9))
    complete(world, plan.items.get(person=family.son, service=7), on=datetime.date(2026, 11, 3))
    complete(world, plan.items.get(person=family.applicant, service=7), on=datetime.date(2026, 10, 30))  # October
    cc = world.settle.cc
    rows = list(reports.app3_rows(career_centre=cc, period="2026-11"))
    assert [r.iin for r in rows] == [family.son.iin]
    assert rows[0].cells[9 - 1] == DONE_ON and rows[0].cells[7 - 1] == datetime.date(2026, 11, 3)
    client = client_for(world.settle.cc_specialist)
    pdf = client.get(f"/adaptation/reports/{cc.pk}/2026-11.pdf")
    text = re.sub(r"\s+", " ", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages))
    assert family.son.iin in text and "17.11.2026" in text and "30.10.2026" not in text
    xlsx = client.get(f"/adaptation/reports/{cc.pk}/2026-11.xlsx")
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(ws.iter_rows(values_only=True))
    assert values[3][:3] == (1, 2, 3) and values[4][1] == family.son.iin and values[4][9 + 1] == "17.11.2026"
    assert client_for(world.other.cc_specialist).get(f"/adaptation/reports/{cc.pk}/2026-11.pdf").status_code == 404


def test_ada18_cal3_due_on_the_5th_even_a_sunday(world):
    """05.04.2026 is a Sunday: the March report is still due that day."""
    kind = obligation_kind(MONTHLY_REPORT)
    obligation, _ = obligation_ensure(kind=kind, organisation=world.settle.cc, period=kind.period("2026-03"),
                                      today=datetime.date(2026, 4, 1))
    assert obligation.due == datetime.date(2026, 4, 5) and obligation.due.weekday() == 6


def test_ada18_submitted_by_the_cc_and_received_by_the_mio(world, family, app):
    cc = world.settle.cc
    with pytest.raises(Exception, match="after the month ends"):
        reports.monthly_report_submit(actor=world.settle.cc_specialist, career_centre_id=cc.pk, period="2026-12")
    cc_client = client_for(world.settle.cc_specialist)
    cc_client.post(f"/adaptation/reports/{cc.pk}/2026-11/submit/")
    obligation = Obligation.objects.get(kind=MONTHLY_REPORT, organisation=cc, period="2026-11")
    assert obligation.state == "done" and obligation.due == datetime.date(2026, 12, 5)
    again = cc_client.post(f"/adaptation/reports/{cc.pk}/2026-11/submit/", follow=True)
    assert "already submitted" in again.content.decode()
    from adaptation.models import MonthlyReport
    report = MonthlyReport.objects.get()
    mio = client_for(world.settle.specialist)
    page = mio.get("/adaptation/reports/").content.decode()
    assert "Record as received" in page
    mio.post(f"/adaptation/reports/received/{report.pk}/")
    report.refresh_from_db()
    assert report.received_on is not None and report.received_by == world.settle.specialist
