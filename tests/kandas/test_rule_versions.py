"""GEN-1: a case follows the rule version in force on its filing date, for every step it opens later,
and an administrator sees that version."""
import datetime

import pytest

from kandas.transitions import StepOpen

from kandas.calendar_seed import calendar_seed
from kandas.models import Deadline
from kandas.roles import Role
from kandas.transitions import case_transition
from tests.example_case.models import ExampleCase
from tests.factories import RegionFactory, make_staff

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def two_cases():
    calendar_seed([2025, 2026])
    region = RegionFactory()
    specialist = make_staff(Role.MIO_SPECIALIST, region=region)
    org = specialist.staff.organisation
    before = ExampleCase.objects.create(region=region, organisation=org, filed_on=D(2025, 12, 30))
    after = ExampleCase.objects.create(region=region, organisation=org, filed_on=D(2026, 1, 5))
    return before, after, specialist, org


def test_gen1_old_case_keeps_the_old_terms_even_when_acted_on_after_the_amendment(two_cases):
    """GEN-1: both cases act on 02.02.2026; the one filed before 01.01.2026 still gets 5 working days for
    review and a 14-day service term, the one filed after gets 3 and 10."""
    before, after, specialist, org = two_cases
    for case in (before, after):
        case_transition(case=case, transition="review", actor=specialist,
                        open=[StepOpen("review", org, start=D(2026, 2, 2)), StepOpen("term", org, start=case.filed_on)])
    review = {c.rule_version: Deadline.objects.get(case_id=c.pk, rule="CAL-1") for c in (before, after)}
    term = {c.rule_version: Deadline.objects.get(case_id=c.pk, rule="GEN-1") for c in (before, after)}
    assert (review["2025"].length, review["2025"].due) == (5, D(2026, 2, 9))
    assert (review["2026"].length, review["2026"].due) == (3, D(2026, 2, 5))
    assert term["2025"].is_service_term and term["2025"].length == 14
    assert term["2026"].length == 10 and term["2026"].due == D(2026, 1, 20)  # 7.01 Christmas


def test_gen1_admin_sees_the_rule_version_of_a_case(admin_client, two_cases):
    """GEN-1: the case list and page in admin show the version and its effective date."""
    before, after, *_ = two_cases
    listing = admin_client.get("/admin/example_case/examplecase/").content.decode()
    assert "2025 (" in listing and "2026 (" in listing
    page = admin_client.get(f"/admin/example_case/examplecase/{after.pk}/change/").content.decode()
    assert "01.01.2026" in page and "as amended from 01.01.2026" in page
    assert admin_client.get("/admin/example_case/examplecase/?rule_version__exact=2025").content.decode().count(
        before.ref) >= 1


def test_gen1_every_app_admin_shows_the_rule_version_of_a_case(admin_client):
    """GEN-1: an administrator sees which rule version a case runs under, in every app's case admin."""
    from tests.status.helpers import build_region, file_application

    application = file_application(build_region())
    page = admin_client.get(f"/admin/status/statusapplication/{application.pk}/change/").content.decode()
    assert application.rule_version in page
    listing = admin_client.get("/admin/status/statusapplication/").content.decode()
    assert application.rule_version in listing
    for url in ("/admin/quota/quotaapplication/", "/admin/adaptation/residenceapplication/"):
        assert admin_client.get(url).status_code == 200
