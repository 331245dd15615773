"""The centres' occupancy index (RES): beds by state and the reserve of every centre of the region, on the page,
in its export and through the API, in a number of queries that does not grow with the number of centres."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from adaptation.services.residence import reserve_enter
from kandas.models import Organisation
from tests.exports import csv_rows
from tests.factories import OrganisationFactory

from .factories import make_centre, residence_world
from .helpers import referred, register, talons_all
from .support_world import client_for

pytestmark = pytest.mark.django_db
URL = "/adaptation/centres/"


def _more_centres(staff, n: int, beds: int = 2):
    return [make_centre(organisation=OrganisationFactory(kind=Organisation.Kind.ACC, region=staff.region), beds=beds)
            for _i in range(n)]


def _read(client, url, query=None):
    """The response and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query or {})
    assert response.status_code == 200
    return response, len(queries)


def test_centres_index_export_and_api_take_as_many_queries_for_6_centres_as_for_2(staff):
    # given: the staff's 4-bed centre holds 2 beds for a referral; a full 2-bed centre has a family in its reserve
    referred(staff, register(staff, adults=1))
    small = _more_centres(staff, 1)[0]
    referred(staff, register(staff, adults=1, centre=small))
    waiting = register(staff, adults=1, centre=small)
    talons_all(staff, waiting)
    reserve_enter(application_id=waiting.pk, actor=staff.specialist)
    other = residence_world(beds=3)
    client = client_for(staff.specialist, "ru")
    api = reverse("adaptation_api:residence_centres")
    client.get(URL)  # the session and per-user caches are warm before counting

    # when: the index, its CSV and the API are read with 2 centres, then with 6
    page, page_2 = _read(client, URL)
    csv, csv_2 = _read(client, URL, {"export": "csv"})
    _body, api_2 = _read(client, api)
    _more_centres(staff, 4)
    page6, page_6 = _read(client, URL)
    csv6, csv_6 = _read(client, URL, {"export": "csv"})
    body6, api_6 = _read(client, api)

    # then: each centre's own figures, no centre of another region, and no query per centre
    rows = csv_rows(csv)
    assert rows[1:] == [[str(staff.centre), "4", "2", "2", "0", "0"], [str(small), "2", "0", "2", "0", "1"]]
    assert str(other.centre) not in page.content.decode() and str(other.centre) not in {r[0] for r in rows}
    assert page6.content.decode().count('/journal/">') == 6 and len(csv_rows(csv6)) == 1 + 6
    assert len(body6.json()) == 6
    assert (page_6, csv_6, api_6) == (page_2, csv_2, api_2)
