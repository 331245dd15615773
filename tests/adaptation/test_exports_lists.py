"""Exports of the adaptation lists and dashboards (GEN-3): each exports what the page shows under its filter, with
the page's Russian headers, never another region's rows, the dates of birth only for those who may see them,
and a logged ExportLog row; the page shows the export links keeping its filter."""
import datetime

import pytest
from django.utils import timezone

from adaptation.models import JobFair, MonthlyReport, PreliminaryConsultation, QualityEvaluation, ResidenceApplication
from adaptation.services import consultation as consult
from adaptation.services import fairs
from kandas.models import ExportLog
from kandas.roles import Role
from tests.exports import csv_rows, xlsx_rows
from tests.factories import PersonFactory, make_staff

from .factories import residence_world
from .helpers import referred, register
from .plan_world import app, english, loaded_plan  # noqa: F401
from .support_world import client_for, family, world  # noqa: F401

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _links(page: str) -> str:
    """The export line(s) of a page: the partial's paragraph, with & as the template escapes it."""
    return "".join(line for line in page.split("<p") if 'data-testid="export-links"' in line).replace("&amp;", "&")


# Centres and beds (RES): the occupancy index and one centre's beds.

def test_centres_index_exports_its_own_centres_with_the_page_headers(staff):
    other = residence_world(beds=2)
    client = client_for(staff.specialist, "ru")
    page = client.get("/adaptation/centres/").content.decode()
    assert "export=csv" in _links(page) and "export=xlsx" in _links(page)
    rows = csv_rows(client.get("/adaptation/centres/", {"export": "csv"}))
    assert rows[0] == ["Центр", "Койко-места", "свободно", "забронировано по направлению", "занято", "Резерв"]
    assert rows[1:] == [[str(staff.centre), "4", "4", "0", "0", "0"]]
    assert str(other.centre) not in {r[0] for r in rows}
    assert ExportLog.objects.filter(user=staff.specialist, list_name="centres", fmt="csv").exists()


def test_occupancy_exports_the_centres_beds_and_the_held_ones_name_the_referral(staff):
    application = referred(staff, register(staff, adults=1))
    client = client_for(staff.specialist, "ru")
    url = f"/adaptation/centres/{staff.centre.pk}/"
    assert "export=xlsx" in _links(client.get(url).content.decode())
    rows = xlsx_rows(client.get(url, {"export": "xlsx"}))
    assert rows[0] == ("комната", "койко-место", "состояние", "проживающий", "заявление")
    assert len(rows) == 1 + 4
    assert sum(1 for r in rows[1:] if r[4] == application.ref) == 2  # the applicant and the spouse
    other = client_for(residence_world().specialist, "ru")
    assert other.get(url, {"export": "csv"}).status_code == 404
    assert ExportLog.objects.filter(list_name="centre-occupancy", fmt="xlsx").count() == 1


# The registration journal (RES-4, form app.3): the period's rows; dates of birth only with the right.

@pytest.fixture
def journal(staff):
    kept = register(staff, adults=0)
    old = register(staff, adults=0)
    ResidenceApplication.objects.filter(pk=old.pk).update(filed_on=TODAY() - datetime.timedelta(days=40))
    return kept, old


def test_journal_exports_the_period_with_birth_dates_for_the_specialist(staff, journal):
    kept, old = journal
    first = TODAY() - datetime.timedelta(days=10)
    client = client_for(staff.specialist, "ru")
    url = f"/adaptation/centres/{staff.centre.pk}/journal/"
    page = client.get(url, {"first": first.isoformat(), "last": TODAY().isoformat()}).content.decode()
    assert f"first={first.isoformat()}" in _links(page) and 'data-testid="journal-pdf"' in page  # the PDF stays
    rows = csv_rows(client.get(url, {"first": first.isoformat(), "last": TODAY().isoformat(), "export": "csv"}))
    assert rows[0] == ["№", "Заявитель", "Место и дата рождения", "Страна выезда", "Номер и дата заявления",
                       "Номер и дата направления"]
    assert [r[0] for r in rows[1:]] == [str(kept.journal_no)]  # the application filed 40 days ago is outside
    assert "04.03.1980" in rows[1][2] and rows[1][4] == f"{kept.ref}, {TODAY():%d.%m.%Y}"
    log = ExportLog.objects.get(list_name="residence-journal")
    assert log.personal_data and f"first={first.isoformat()}" in log.query_string


def test_journal_export_without_the_personal_data_right_has_no_birth_column(staff, journal):
    kept, _old = journal
    analyst = make_staff(Role.CRTR_ANALYST)
    rows = csv_rows(client_for(analyst, "ru").get(f"/adaptation/centres/{staff.centre.pk}/journal/",
                                                  {"export": "csv"}))
    assert "Место и дата рождения" not in rows[0] and rows[0][1] == "Заявитель"
    assert kept.ref in rows[1][3] and not any("1980" in cell for row in rows for cell in row)
    assert ExportLog.objects.get(user=analyst, list_name="residence-journal").personal_data is False


# Preliminary consultations (ADA-23) and job fairs (ADA-10).

def test_consultations_export_the_centres_own_with_the_topic_count(world, family):
    mine = consult.consultation_start(actor=world.exit.cc_specialist, person_iin=family.applicant.iin,
                                      surname="", given_name="")
    stranger = PersonFactory(region=world.other.region, surname="Чужаков")
    PreliminaryConsultation.objects.create(person=stranger, career_centre=world.other.cc, started_on=TODAY(),
                                           consultant=world.other.cc_specialist)
    client = client_for(world.exit.cc_specialist, "ru")
    page = client.get("/adaptation/support/consultations/").content.decode()
    assert "export=csv" in _links(page)
    rows = csv_rows(client.get("/adaptation/support/consultations/", {"export": "csv"}))
    assert rows[0] == ["кандас", "карьерный центр", "дата", "темы"] and "<th>кандас</th>" in page  # one person, as on the page
    assert rows[1:] == [[mine.person.full_name, str(world.exit.cc), f"{TODAY():%d.%m.%Y}", "0/11"]]
    assert ExportLog.objects.filter(list_name="consultations").count() == 1


def test_fairs_export_those_of_the_centre_and_a_post_still_creates(world):
    fair = fairs.fair_create(actor=world.exit.cc_specialist, mode="online", held_on=TODAY(), title="Ярмарка вакансий",
                             settlement_cc_id=world.settle.cc.pk)
    JobFair.objects.create(mode="offline", held_on=TODAY(), title="Чужая ярмарка", exit_cc=world.other.cc,
                           settlement_cc=world.other.cc, created_by=world.other.cc_specialist)
    client = client_for(world.exit.cc_specialist, "ru")
    assert "export=xlsx" in _links(client.get("/adaptation/support/fairs/").content.decode())
    rows = csv_rows(client.get("/adaptation/support/fairs/", {"export": "csv"}))
    assert rows[0] == ["название", "форма", "дата проведения", "карьерный центр региона выбытия",
                       "карьерный центр региона расселения", "список претендентов направлен"]
    assert [r[0] for r in rows[1:]] == [fair.title]
    assert rows[1][4] == str(world.settle.cc) and rows[1][5] == ""
    assert ExportLog.objects.filter(list_name="job-fairs").count() == 1


# The monthly reports app.3 (ADA-18).

def test_monthly_reports_export_the_months_of_the_centre(world):
    cc = world.settle.cc
    last_month = (TODAY().replace(day=1) - datetime.timedelta(days=1))
    period = f"{last_month:%Y-%m}"
    MonthlyReport.objects.create(career_centre=cc, period=period, rows=0, submitted_on=TODAY(),
                                 submitted_by=world.settle.cc_specialist)
    client = client_for(world.settle.cc_specialist, "ru")
    assert "export=csv" in _links(client.get("/adaptation/reports/").content.decode())
    rows = csv_rows(client.get("/adaptation/reports/", {"export": "csv"}))
    assert rows[0] == ["карьерный центр", "месяц", "представлен", "получен МИО"]
    assert len(rows) == 1 + 12 and {r[0] for r in rows[1:]} == {str(cc)}
    assert rows[1] == [str(cc), period, f"{TODAY():%d.%m.%Y}", ""]
    other = csv_rows(client_for(world.other.specialist, "ru").get("/adaptation/reports/", {"export": "csv"}))
    assert str(cc) not in {r[0] for r in other[1:]}
    assert ExportLog.objects.filter(list_name="monthly-reports").count() == 2


# Monitoring rounds (ADA-19): due / overdue of the region, and a family's 16.

def test_rounds_due_export_keeps_the_overdue_filter_and_every_row(world, app):
    plan = loaded_plan(world, app)
    client = client_for(world.settle.cc_specialist, "ru")
    page = client.get("/adaptation/monitoring/", {"show": "overdue"}).content.decode()
    assert "show=overdue" in _links(page)
    rows = csv_rows(client.get("/adaptation/monitoring/", {"show": "overdue", "export": "csv"}))
    assert rows[0][:3] == ["срок", "этап", "дело"] and f"<th>{rows[0][3]}</th>" in page  # as on the page
    overdue = [r for r in plan.rounds.order_by("due", "pk") if r.due < TODAY()]
    assert [r[1] for r in rows[1:]] == [str(r.number) for r in overdue]  # rounds not yet due are absent
    assert all(r[2] == app.ref for r in rows[1:])
    other = csv_rows(client_for(world.other.cc_specialist, "ru").get("/adaptation/monitoring/",
                                                                     {"show": "overdue", "export": "csv"}))
    assert other[1:] == []
    assert "show=overdue" in ExportLog.objects.filter(list_name="monitoring-rounds").first().query_string


def test_family_rounds_export_the_sixteen_rounds(world, app):
    plan = loaded_plan(world, app)
    client = client_for(world.settle.cc_specialist, "ru")
    url = f"/adaptation/support/{app.pk}/monitoring/"
    assert "export=csv" in _links(client.get(url).content.decode())
    rows = csv_rows(client.get(url, {"export": "csv"}))
    assert rows[0] == ["№", "срок", "дата проведения", "проживание"]
    assert [r[1] for r in rows[1:]] == [f"{r.due:%d.%m.%Y}" for r in plan.rounds.order_by("number")]
    assert rows[-1][1] == "31.03.2031" and rows[1][2] == "" and rows[1][3] == "—"  # not yet held
    assert client_for(world.other.cc_specialist).get(url, {"export": "csv"}).status_code == 404
    assert ExportLog.objects.filter(list_name="family-monitoring-rounds").count() == 1


# Quality evaluation (ADA-20).

def test_quality_index_exports_the_quarter_of_the_region(world):
    QualityEvaluation.objects.create(organisation=world.settle.cc, quarter="2026-Q2", relevance=3, effectiveness=3,
                                     social_effect=3, total=9, band="low", evaluated_by=make_staff(Role.CRTR_ANALYST),
                                     evaluated_on=TODAY())
    client = client_for(world.settle.cc_specialist, "ru")
    assert "quarter=2026-Q2" in _links(client.get("/adaptation/quality/", {"quarter": "2026-Q2"}).content.decode())
    rows = csv_rows(client.get("/adaptation/quality/", {"quarter": "2026-Q2", "export": "csv"}))
    assert rows[0] == ["регион расселения", "оцениваемая организация", "итого", "уровень"]
    by_org = {r[1]: r for r in rows[1:]}
    assert by_org[world.settle.cc.name][2:] == ["9/15", "низкий (неудовлетворительный)"]  # the label, not the code
    assert world.other.cc.name not in by_org and world.settle.lmc.name in by_org
    q3 = csv_rows(client.get("/adaptation/quality/", {"quarter": "2026-Q3", "export": "csv"}))
    assert {r[2] for r in q3[1:]} == {"—"}  # the Q2 evaluation is not in Q3's export
    assert ExportLog.objects.filter(list_name="quality-evaluations").count() == 2


# The plan dashboard: one export line per table; a table not named is a 400 with the reason.

def test_dashboard_has_one_export_line_per_table_and_an_unknown_table_is_a_400(world):
    client = client_for(world.settle.cc_specialist, "ru")
    links = _links(client.get("/adaptation/plans/dashboard/").content.decode())
    for table in ("regions", "ccs", "lmcs", "rounds", "scores"):
        assert f"export=csv&table={table}" in links and f"export=xlsx&table={table}" in links
    for query in ({"export": "csv"}, {"export": "csv", "table": "persons"}):
        response = client.get("/adaptation/plans/dashboard/", query)
        assert response.status_code == 400 and "Выберите одну из таблиц" in response.content.decode()
    assert client.get("/adaptation/plans/dashboard/", {"export": "pdf", "table": "ccs"}).status_code == 400
    assert not ExportLog.objects.exists()
