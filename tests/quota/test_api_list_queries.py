"""Issue 14: GET /api/v1/quota/applications/ costs the same queries at 5 and 50 rows, and each row still says
what the schema promises (state, region, deadlines in due order)."""
import copy
import datetime

import pytest

from kandas.models import Deadline
from tests.factories import PersonFactory

from .helpers import file_kandas

URL = "/api/v1/quota/applications/"


def _more(app, n):
    """n more applications of the region, each with its deadlines (rows, not services)."""
    deadlines = list(Deadline.objects.filter(case_id=app.pk, case_type=app.deadlines.first().case_type))
    for i in range(n):
        twin = copy.copy(app)
        twin.pk = twin.id = None
        twin.ref = f"{app.ref}-{i}"
        twin.applicant = PersonFactory(region=app.region)
        twin.save()
        for d in deadlines:
            d2 = copy.copy(d)
            d2.pk = None
            d2.case_id = twin.pk
            d2.save()


@pytest.mark.parametrize("rows", [5, 50])
def test_api_list_queries_do_not_grow_with_rows(world, kandas_family, client, django_assert_max_num_queries, rows):
    app = file_kandas(world, kandas_family)
    _more(app, rows - 1)
    client.force_login(world.specialist)
    client.get(URL)  # warm the per-process caches
    with django_assert_max_num_queries(10):
        r = client.get(URL)
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == rows and len(body["results"]) == rows
    row = next(x for x in body["results"] if x["ref"] == app.ref)
    assert row["state"] == app.state and row["region_kato"] == world.region.kato
    assert row["filed_on"] == app.filed_on.isoformat()
    dues = [d["due"] for d in row["deadlines"]]
    assert dues and dues == sorted(dues)
    assert set(row["deadlines"][0]) == {"rule", "step", "due", "state", "is_service_term"}
    datetime.date.fromisoformat(dues[0])


def test_api_list_is_scoped(world, kandas_family, client):
    app = file_kandas(world, kandas_family)
    client.force_login(world.other_specialist)
    assert app.ref not in client.get(URL).content.decode()
