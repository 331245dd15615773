"""Exports (GEN-3): a list exports what is filtered, as CSV and XLSX, IIN only for those who may see it,
never another region's cases, and every export is logged."""

import pytest

from kandas.models import ExportLog, Person
from status.models import ApplicationState
from tests.exports import csv_rows, xlsx_rows
from tests.status.helpers import build_region, file_application
from tests.html import reader_client

pytestmark = pytest.mark.django_db
URL = "/status/"


_client = reader_client  # a client reading Russian, logged in


def _named(world, surname):
    app = file_application(world)
    person = Person.objects.get(pk=app.applicant_id)
    person.surname, person.given_name, person.patronymic = surname, "Бауыржан", ""
    person.save()  # the search text follows the names
    return app


@pytest.fixture
def cases():
    world = build_region()
    return world, [_named(world, "Қасымов"), _named(world, "Қасымов"), _named(world, "Ермеков")]





def test_csv_keeps_the_filter_with_cyrillic_header_and_dates(cases):
    world, (a, b, c) = cases
    rows = csv_rows(_client(world.specialist).get(URL, {"q": "Қасымов", "export": "csv"}))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Номер", "Заявитель", "ИИН"]
    assert sorted(r[0] for r in body) == sorted([a.ref, b.ref])  # Ермеков filtered out
    by_ref = {r[0]: r for r in body}
    assert by_ref[a.ref][1].startswith("Қасымов")
    assert by_ref[a.ref][2] == Person.objects.get(pk=a.applicant_id).iin
    assert a.filed_on.strftime("%d.%m.%Y") in by_ref[a.ref]


def test_xlsx_opens_with_the_same_rows(cases):
    world, (a, b, _c) = cases
    response = _client(world.specialist).get(URL, {"q": "Қасымов", "export": "xlsx"})
    assert response.status_code == 200
    rows = xlsx_rows(response)
    assert rows[0][0] == "Номер"
    assert sorted(r[0] for r in rows[1:]) == sorted([a.ref, b.ref])
    filed = {r[0]: r[4] for r in rows[1:]}
    assert filed[a.ref].date() == a.filed_on


def test_state_filter_kept(cases):
    world, (a, _b, _c) = cases
    rows = csv_rows(_client(world.specialist).get(URL, {"state": ApplicationState.REFUSED, "export": "csv"}))
    assert rows[1:] == []


def test_an_invalid_filter_is_said_on_the_page_once_not_again_after_an_export(cases):
    world, (a, b, c) = cases
    client = _client(world.specialist)
    page = client.get(URL, {"q": "Қасымов", "state": "nonsense"}).content.decode()
    assert page.count("не применён") == 1  # the page names the filter it left out
    rows = csv_rows(client.get(URL, {"q": "Қасымов", "state": "nonsense", "export": "csv"}))
    assert sorted(r[0] for r in rows[1:]) == sorted([a.ref, b.ref])  # the rows the page showed
    assert "не применён" not in client.get(URL).content.decode()  # no stray message on the next page


def test_no_iin_column_without_personal_data_rights(cases, monkeypatch):
    world, (a, _b, _c) = cases
    monkeypatch.setattr("kandas.exports.user_may_see_personal_data", lambda user: False)
    rows = csv_rows(_client(world.specialist).get(URL, {"export": "csv"}))
    assert "ИИН" not in rows[0]
    iin = Person.objects.get(pk=a.applicant_id).iin
    assert all(iin not in cell for row in rows for cell in row)
    assert ExportLog.objects.get().personal_data is False


def test_other_region_cases_never_exported(cases):
    world, (a, b, c) = cases
    other = build_region()
    theirs = file_application(other)
    rows = csv_rows(_client(world.specialist).get(URL, {"export": "csv"}))
    refs = {r[0] for r in rows[1:]}
    assert refs == {a.ref, b.ref, c.ref}
    assert theirs.ref not in refs
    rows = csv_rows(_client(other.specialist).get(URL, {"q": "Қасымов", "export": "csv"}))
    assert rows[1:] == []


def test_export_is_logged(cases):
    world, _apps = cases
    csv_rows(_client(world.specialist).get(URL, {"q": "Қасымов", "export": "csv", "page": "2"}))
    log = ExportLog.objects.get()
    assert (log.user, log.list_name, log.fmt, log.rows, log.personal_data) == (
        world.specialist, "status-applications", "csv", 2, True)
    assert "export" not in log.query_string and "page" not in log.query_string and "q=" in log.query_string


def test_unknown_format_is_400(cases):
    world, _apps = cases
    response = _client(world.specialist).get(URL, {"export": "pdf"})
    assert response.status_code == 400
    assert ExportLog.objects.count() == 0


def test_list_links_keep_the_filter(cases):
    world, _apps = cases
    html = _client(world.specialist).get(URL, {"q": "Ермеков", "page": "1"}).content.decode()
    assert "?q=%D0%95%D1%80%D0%BC%D0%B5%D0%BA%D0%BE%D0%B2&amp;export=csv" in html
    assert "export=xlsx" in html


@pytest.mark.parametrize("url", ["/quota/", "/adaptation/residence/", "/adaptation/support/"])
def test_other_case_lists_export(url):
    world = build_region()
    response = _client(world.specialist).get(url, {"export": "csv"})
    assert response.status_code == 200
    if response.status_code == 200:
        assert csv_rows(response)[0][0] == "Номер"


def test_person_search_exports_every_match_of_the_region_only(cases):
    world, (a, b, _c) = cases
    other = build_region()
    _named(other, "Қасымов")
    rows = csv_rows(_client(world.specialist).get("/persons/", {"q": "Қасымов", "export": "csv"}))
    assert rows[0][:3] == ["ФИО", "ИИН", "Дата рождения"]
    person = Person.objects.get(pk=a.applicant_id)
    assert len(rows) == 3
    assert [person.iin, person.birth_date.strftime("%d.%m.%Y")] in [r[1:3] for r in rows[1:]]
    assert ExportLog.objects.get().list_name == "person-search"


def test_the_obligations_list_and_the_plan_inbox_export_what_they_show(client, db):
    """Issue 15: two more lists, each through the same filtered queryset as its page; the links keep the filter."""
    import csv
    import io

    from django.urls import reverse

    from kandas.models import ExportLog
    from tests.factories import staffed_region

    world = staffed_region()
    client.force_login(world.specialist)
    page = client.get(reverse("kandas:obligations") + "?state=open")
    assert 'data-testid="export-links"' in page.content.decode() and "state=open&amp;export=csv" in page.content.decode()
    response = client.get(reverse("kandas:obligations") + "?state=open&export=csv", HTTP_ACCEPT_LANGUAGE="ru")
    rows = csv_rows(response)
    assert rows[0][:2] == ["Номер", "Обязательство"]
    client.force_login(world.cc_specialist)
    response = client.get(reverse("adaptation:plan_inbox") + "?export=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert set(ExportLog.objects.values_list("list_name", flat=True)) == {"obligations", "plan-items"}
