"""GEN-3 on the STA-3 commission agenda: the agenda exports every application waiting for the commission (all
pages, not the one shown), with the table's own Russian headers, only the secretary's region, and is logged."""
import pytest
from django.urls import reverse

from kandas.models import Deadline, ExportLog
from status.services import application_send_to_commission
from tests.exports import csv_rows, xlsx_rows

from .helpers import file_application
from tests.html import reader_client

pytestmark = pytest.mark.django_db
URL = reverse("status:commission")


_client = reader_client  # a client reading Russian, logged in


def _at_commission(world):
    return application_send_to_commission(actor=world.specialist, application_id=file_application(world).pk)


@pytest.fixture
def agenda(world, other, monkeypatch):
    """Two applications on the region's agenda (one page holds one of them), one still being registered, and one
    on another region's agenda."""
    monkeypatch.setattr("status.views.commission.PAGE_SIZE", 1)
    waiting = [_at_commission(world), _at_commission(world)]
    not_yet = file_application(world)
    theirs = _at_commission(other)
    return waiting, not_yet, theirs


def test_csv_has_the_agenda_headers_and_every_waiting_application_of_the_region(world, agenda):
    waiting, not_yet, theirs = agenda
    rows = csv_rows(_client(world.secretary).get(URL, {"export": "csv", "page": "1"}))
    assert rows[0] == ["номер", "Заявитель", "подвид услуги", "срок"]
    by_ref = {r[0]: r for r in rows[1:]}
    assert set(by_ref) == {a.ref for a in waiting}  # both pages; not the one in registration, not another region's
    assert not_yet.ref not in by_ref and theirs.ref not in by_ref
    first = waiting[0]
    due = Deadline.objects.get(case_id=first.pk, step_key="commission", closed_at__isnull=True).due
    assert by_ref[first.ref][1] == first.applicant.full_name
    assert by_ref[first.ref][2] == "Получение статуса в общем порядке"
    assert by_ref[first.ref][3] == due.strftime("%d.%m.%Y")


def test_xlsx_holds_the_same_rows_and_the_export_is_logged(world, agenda):
    waiting, _not_yet, _theirs = agenda
    response = _client(world.secretary).get(URL, {"export": "xlsx"})
    rows = xlsx_rows(response)
    assert rows[0][0] == "номер" and sorted(r[0] for r in rows[1:]) == sorted(a.ref for a in waiting)
    log = ExportLog.objects.get()
    assert (log.user, log.list_name, log.fmt, log.rows, log.personal_data) == (
        world.secretary, "status-commission", "xlsx", 2, False)


def test_another_regions_secretary_exports_only_their_agenda(other, agenda):
    waiting, _not_yet, theirs = agenda
    rows = csv_rows(_client(other.secretary).get(URL, {"export": "csv"}))
    assert [r[0] for r in rows[1:]] == [theirs.ref]


def test_the_page_links_the_export_and_a_role_without_the_agenda_gets_none(world, agenda):
    html = _client(world.secretary).get(URL, {"page": "2"}).content.decode()
    assert 'data-testid="export-links"' in html and 'href="?export=csv"' in html and 'href="?export=xlsx"' in html
    assert _client(world.operator).get(URL, {"export": "csv"}).status_code == 403
    assert _client(world.secretary).get(URL, {"export": "pdf"}).status_code == 400
    assert ExportLog.objects.count() == 0
