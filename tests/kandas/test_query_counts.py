"""List pages issue a constant number of queries whatever the row count (10 vs 500 rows)."""
import datetime
import math

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kandas.iin import iin_build
from kandas.models import Deadline, Family, FamilyMember, Kinship, Person, PersonalDataAccess
from kandas.roles import Role
from tests.factories import RegionFactory, make_staff

pytestmark = pytest.mark.django_db


def _persons(region, n, start=0):
    persons = []
    for i in range(start, start + n):
        birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=i % 20000)
        iin = iin_build(birth, "M", 1000 + i // 20000) or iin_build(birth, "M", 6000 + i // 20000)
        p = Person(iin=iin, surname=f"Жұмабаев{i:04d}", given_name="Ерлан", birth_date=birth, sex="M", region=region)
        p.name_latin, p.search_text = "x", f"жұмабаев{i:04d} ерлан zhumabaev{i:04d} erlan"
        persons.append(p)
    return Person.objects.bulk_create(persons)


def _count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries), response


ACCESS_LOG_INSERT = f'INSERT INTO "{PersonalDataAccess._meta.db_table}"'


def _count_reads(client, url):
    """(queries other than the access-log insert, access-log INSERT statements) of one page view."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    inserts = sum(q["sql"].startswith(ACCESS_LOG_INSERT) for q in ctx.captured_queries)
    return len(ctx.captured_queries) - inserts, inserts


def _insert_statements(rows: int) -> int:
    """How many INSERT statements the backend needs for one bulk_create of `rows` access-log rows: one on
    PostgreSQL; on SQLite one per 199 rows (its 999 bound parameters per statement, 5 columns a row)."""
    fields = [f for f in PersonalDataAccess._meta.concrete_fields if not f.primary_key]
    return math.ceil(rows / connection.ops.bulk_batch_size(fields, [None] * rows))


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def client_mio(client, region):
    client.force_login(make_staff(Role.MIO_SPECIALIST, region=region))
    return client


def test_person_search_queries_constant_at_10_and_500_rows(client_mio, region):
    _persons(region, 10)
    small, response = _count(client_mio, reverse("kandas:person_search"), {"q": "Zhumabaev"})
    assert response.context["page"].paginator.count == 10
    _persons(region, 490, start=10)
    large, response = _count(client_mio, reverse("kandas:person_search"), {"q": "Zhumabaev"})
    assert response.context["page"].paginator.count == 500
    assert small == large, (small, large)


def test_family_search_and_page_queries_constant(client_mio, region):
    """The family page reads a constant number of queries at 11 and 520 persons, and logs their access
    (GEN-3) in one bulk insert, which the backend may split into statements by its parameter limit."""
    people = _persons(region, 520)
    family = Family.objects.create(applicant=people[0], region=region)
    FamilyMember.objects.bulk_create([FamilyMember(family=family, person=p, kinship=Kinship.SON) for p in people[1:11]])
    small, small_inserts = _count_reads(client_mio, family.get_absolute_url())
    small_search, _ = _count(client_mio, reverse("kandas:family_search"), {"q": "Zhumabaev"})
    FamilyMember.objects.bulk_create([FamilyMember(family=family, person=p, kinship=Kinship.SON) for p in people[11:]])
    Family.objects.bulk_create([Family(applicant=p, region=region) for p in people[1:500]])
    large, large_inserts = _count_reads(client_mio, family.get_absolute_url())
    large_search, response = _count(client_mio, reverse("kandas:family_search"), {"q": "Zhumabaev"})
    assert response.context["page"].paginator.count == 500
    assert (small, small_search) == (large, large_search)
    assert (small_inserts, large_inserts) == (_insert_statements(11), _insert_statements(520))
    assert PersonalDataAccess.objects.filter(detail=family.get_absolute_url()).count() == 11 + 520


def _deadlines(organisation, n):
    ct = ContentType.objects.get_for_model(Person)
    today = datetime.date.today()
    Deadline.objects.bulk_create([
        Deadline(case_type=ct, case_id=i + 1, case_ref=f"TST-2026-{i:06d}", rule="CAL-1", step="check",
                 organisation=organisation, region=organisation.region, unit="working", length=1, start=today,
                 due=today + datetime.timedelta(days=i % 30 - 10), explanation="1 working day")
        for i in range(n)])


def test_my_work_queries_constant_at_10_and_500_rows(client, region):
    user = make_staff(Role.CC_SPECIALIST, region=region)
    client.force_login(user)
    _deadlines(user.staff.organisation, 10)
    small, response = _count(client, reverse("kandas:my_work"))
    _deadlines(user.staff.organisation, 490)
    large, response = _count(client, reverse("kandas:my_work"))
    assert response.context["page"].paginator.count == 500
    assert small == large, (small, large)
