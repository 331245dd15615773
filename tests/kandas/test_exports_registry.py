"""Exports (GEN-3) of the family search and the duplicate list: what the page shows under its filter, as
CSV/XLSX, in the reader's language, IIN only for those who may see it, never another region's rows, logged."""
import datetime

import pytest
from django.urls import reverse

from kandas.duplicate_services import duplicates_find
from kandas.models import ExportLog, Kinship
from kandas.roles import Role
from tests.exports import csv_rows, xlsx_rows
from tests.factories import FamilyFactory, PersonFactory, add_member, make_staff, staffed_region, valid_iin
from tests.html import reader_client

pytestmark = pytest.mark.django_db
BORN = datetime.date(1979, 3, 8)


_client = reader_client  # a client reading Russian, logged in


@pytest.fixture
def families():
    """Two Оразбеков families in the region (two members, none), an Ермеков one, an Оразбеков one elsewhere."""
    world, other = staffed_region(), staffed_region()
    big = FamilyFactory(applicant=PersonFactory(region=world.region, surname="Оразбеков", given_name="Ерлан"))
    add_member(big, Kinship.SPOUSE, surname="Төлеуова", sex="F")
    add_member(big, Kinship.SON, surname="Оразбеков", sex="M")
    small = FamilyFactory(applicant=PersonFactory(region=world.region, surname="Оразбеков", given_name="Бауыржан"))
    FamilyFactory(applicant=PersonFactory(region=world.region, surname="Ермеков"))
    theirs = FamilyFactory(applicant=PersonFactory(region=other.region, surname="Оразбеков", given_name="Марат"))
    return world, big, small, theirs


FAMILY_URL = reverse("kandas:family_search")
DUPLICATE_URL = reverse("kandas:duplicate_list")


def test_family_search_csv_has_the_pages_headers_and_only_the_regions_matching_families(families):
    world, big, small, theirs = families
    rows = csv_rows(_client(world.specialist).get(FAMILY_URL, {"q": "Оразбеков", "export": "csv", "page": "2"}))
    assert rows[0] == ["Заявитель", "ИИН", "Членов семьи", "Регион"]
    assert sorted(rows[1:]) == sorted([
        [big.applicant.full_name, big.applicant.iin, "2", str(world.region)],
        [small.applicant.full_name, small.applicant.iin, "0", str(world.region)]])  # Ермеков filtered out
    assert theirs.applicant.full_name not in {r[0] for r in rows[1:]}  # another region's family
    log = ExportLog.objects.get()
    assert (log.user, log.list_name, log.fmt, log.rows, log.personal_data) == (
        world.specialist, "family-search", "csv", 2, True)
    assert "q=" in log.query_string and "page" not in log.query_string


def test_family_search_export_has_no_iin_for_an_analyst(families):
    _world, big, _small, _theirs = families
    analyst = make_staff(Role.MINISTRY_ANALYST)
    rows = csv_rows(_client(analyst).get(FAMILY_URL, {"q": "Оразбеков", "export": "csv"}))
    assert rows[0] == ["Заявитель", "Членов семьи", "Регион"]
    assert [big.applicant.full_name, "2", str(big.region)] in rows[1:]
    assert all(big.applicant.iin not in cell for row in rows for cell in row)
    assert ExportLog.objects.get().personal_data is False


def test_family_search_xlsx_and_the_links_keep_the_query(families):
    world, big, small, _theirs = families
    client = _client(world.specialist)
    rows = xlsx_rows(client.get(FAMILY_URL, {"q": "Оразбеков", "export": "xlsx"}))
    assert rows[0][0] == "Заявитель"
    assert sorted(r[0] for r in rows[1:]) == sorted([big.applicant.full_name, small.applicant.full_name])
    html = client.get(FAMILY_URL, {"q": "Ермеков", "page": "1"}).content.decode()
    assert 'data-testid="export-links"' in html
    assert "?q=%D0%95%D1%80%D0%BC%D0%B5%D0%BA%D0%BE%D0%B2&amp;export=csv" in html and "page=1&amp;export" not in html
    assert client.get(FAMILY_URL, {"q": "Ермеков", "export": "pdf"}).status_code == 400


def _person(region, surname, given, *, iin=True):
    return PersonFactory(region=region, surname=surname, given_name=given, birth_date=BORN,
                         iin=valid_iin(BORN) if iin else None)


@pytest.fixture
def pairs():
    """Two pairs the nightly search finds in the region, one in another region."""
    world, other = staffed_region(), staffed_region()
    toleuov = (_person(world.region, "Төлеуов", "Айгүл"), _person(world.region, "Tuleuov", "Aigul", iin=False))
    akhmetov = (_person(world.region, "Ахметов", "Арман"), _person(world.region, "Akhmetov", "Arman", iin=False))
    theirs = (_person(other.region, "Жұмабаев", "Ерлан"), _person(other.region, "Jumabayev", "Yerlan", iin=False))
    assert duplicates_find(region=world.region) == 2 and duplicates_find(region=other.region) == 1
    return world, toleuov, akhmetov, theirs


def test_duplicate_list_csv_has_the_pages_columns_and_the_filtered_pairs_only(pairs):
    world, (a, b), _akhmetov, _theirs = pairs
    rows = csv_rows(_client(world.specialist).get(DUPLICATE_URL, {"q": "Tuleuov", "export": "csv"}))
    assert rows[0] == ["Лицо", "Дата рождения лица", "Возможный дубликат", "Дата рождения возможного дубликата",
                       "Почему", "Регион"]
    assert len(rows) == 2  # Ахметов filtered out
    assert rows[1][:4] == [a.full_name, "08.03.1979", b.full_name, "08.03.1979"] and rows[1][5] == str(world.region)
    assert rows[1][4]  # the reason, in words
    log = ExportLog.objects.get()
    assert (log.list_name, log.rows, log.query_string) == ("duplicates", 1, "q=Tuleuov")


def test_duplicate_list_export_never_has_another_regions_pairs(pairs):
    world, toleuov, akhmetov, theirs = pairs
    client = _client(world.specialist)
    rows = xlsx_rows(client.get(DUPLICATE_URL, {"export": "xlsx"}))
    assert rows[0][0] == "Лицо"
    assert sorted(r[0] for r in rows[1:]) == sorted([toleuov[0].full_name, akhmetov[0].full_name])
    assert rows[1][1] == datetime.datetime(1979, 3, 8)  # a date cell, not text
    html = client.get(DUPLICATE_URL, {"q": "Akhmetov"}).content.decode()
    assert "?q=Akhmetov&amp;export=csv" in html and "export=xlsx" in html


def test_duplicate_list_export_does_not_exist_for_an_analyst(pairs):
    analyst = make_staff(Role.CRTR_ANALYST)
    assert _client(analyst).get(DUPLICATE_URL, {"export": "csv"}).status_code == 404
    assert ExportLog.objects.count() == 0
