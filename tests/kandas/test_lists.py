"""Person and family search and the obligations list to the standard of every list (tests/list_checks.py),
and registry names in the reader's language (issue 13, Language)."""
import re

import pytest

import kandas.views.families as family_views
from kandas.models import Family, Region
from tests.factories import PersonFactory, staffed_region
from tests.list_checks import assert_next_page_keeps, client_for, empty_message, one_per_page, visible_text
from tests.status.helpers import build_region, file_application

pytestmark = pytest.mark.django_db
CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


@pytest.fixture
def world():
    return staffed_region(Region.objects.get(kato="110000000"), kinds=("MIO",), roles=("specialist",))


@pytest.mark.parametrize("query", ["kasymov", "KASYMOV", "Қасымов", "ҚАСЫМОВ"])
def test_person_search_ignores_case_and_script(world, query):
    found = PersonFactory(region=world.region, surname="Қасымов", given_name="Бауыржан")
    PersonFactory(region=world.region, surname="Ермеков")
    page = client_for(world.specialist).get("/persons/", {"q": query}).content.decode()
    assert found.iin in page and page.count('data-testid="person-results"') == 1


@pytest.mark.parametrize(("language", "start"), [("en", "Nobody matches «Zzyx»"), ("ru", "Никого не найдено"),
                                                 ("kk", "Сұрау бойынша ешкім табылмады: «Zzyx»")])
def test_person_search_empty_result_names_the_query(world, language, start):
    message = empty_message(client_for(world.specialist, language).get("/persons/", {"q": "Zzyx"}).content.decode())
    assert message.startswith(start) and "«Zzyx»" in message, message


def test_family_search_second_page_keeps_the_query_and_empty_result_names_it(world, monkeypatch):
    for _ in range(2):
        Family.objects.create(applicant=PersonFactory(region=world.region, surname="Қасымов"), region=world.region)
    client = client_for(world.specialist)
    assert "No family matches «Zzyx»" in empty_message(client.get("/families/", {"q": "Zzyx"}).content.decode())
    one_per_page(monkeypatch, family_views)
    assert "Қасымов" in assert_next_page_keeps(client, "/families/", {"q": "KASYMOV"})


def test_obligations_empty_result_names_the_filters_by_their_labels(world):
    page = client_for(world.specialist).get("/obligations/", {"state": "done", "period": "1999"}).content.decode()
    message = empty_message(page)
    assert message == "No obligations match state: fulfilled, period: 1999.", message  # the label, not "done"


def test_an_english_page_shows_english_registry_names_and_a_kazakh_page_kazakh_ones():
    world = build_region()
    world.region.name_ru, world.region.name_kk, world.region.name_en = "Акмолинская область", "Ақмола облысы", \
        "Akmola Region"
    world.region.save()
    application = file_application(world)
    en = client_for(world.specialist, "en").get("/status/").content.decode()
    row = re.search(r'data-testid="status-list".*?</table>', en, flags=re.S).group(0)
    assert "Akmola Region" in row and "Акмолинская" not in row
    cells = [visible_text(c) for c in re.findall(r"<td>(.*?)</td>", row, flags=re.S)]
    applicant = application.applicant.full_name
    assert not [c for c in cells if CYRILLIC.search(c) and applicant not in c], cells  # only the person's name
    kk = client_for(world.specialist, "kk").get("/status/").content.decode()
    assert "Ақмола облысы" in kk and "Акмолинская" not in kk
    assert "Akmola Region" in client_for(world.specialist, "en").get("/status/").content.decode()


def test_holiday_and_organisation_names_follow_the_language():
    from django.utils import translation

    from kandas.models import CalendarDay, Organisation

    day = CalendarDay.objects.filter(kind="holiday", name_en="Victory Day").first()
    assert day is not None, "the holidays package's English names are seeded"
    org = Organisation.objects.create(kind="MIO", name_ru="Управление", name_kk="Басқарма", name_en="Department")
    for language, holiday, name in (("en", "Victory Day", "Department"), ("kk", "Жеңіс күні", "Басқарма"),
                                    ("ru", "День Победы", "Управление")):
        with translation.override(language):
            assert holiday in str(day) and str(org) == name
