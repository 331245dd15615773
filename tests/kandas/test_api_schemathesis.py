"""Issue 14, "the API is what its schema says": schemathesis generates requests from the OpenAPI schema for every
operation and sends them to the Django WSGI application in-process, as a regional API client and as a regional
MIO specialist (Basic auth). No answer may be a server error or differ from the schema (status code, media type,
headers, body). Bounded: 10 examples per operation."""
import base64
import json

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_headers_conformance, response_schema_conformance, status_code_conformance,
)

from adaptation.services.residence import application_register
from kandas.models import Region
from tests.adaptation.factories import make_centre, make_kandas_family
from tests.factories import staffed_region
from tests.status.helpers import file_application

CHECKS = [schemathesis.checks.not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
PASSWORD = "fuzz-password-1"


@pytest.fixture
def api_world(db):
    """A staffed region with a specialist and an API client who log in with Basic auth, and something for each of
    them to read: a status application and a residence application (not yet referred, so its check-in day is
    still null) filed by each."""
    world = staffed_region(Region.objects.get(kato="550000000"), roles=("specialist", "api", "acc_staff"))
    for user in (world.specialist, world.api):
        user.set_password(PASSWORD)
        user.save()
        file_application(world, actor=user)
    centre = make_centre(beds=8, organisation=world.orgs["ACC"])
    for actor in (world.specialist, world.api):
        applicant, _members = make_kandas_family(world.region, adults=1)
        application_register(actor=actor, centre_id=centre.pk, applicant_id=applicant.pk, whole_family=True)
    return world


@pytest.fixture
def wsgi_app(db):
    """The project's WSGI application, sharing the test's database transaction: Django would close the
    connection (and with it the test's transaction) at the end of each request, as its own test client knows."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_app):
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    raw = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = wsgi_app
    return schema


def _basic_auth(user) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{user.username}:{PASSWORD}".encode()).decode()}


SETTINGS = settings(max_examples=10, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))


def _run_every_operation(schema, headers) -> str:
    """Each operation's strategy through Hypothesis, one operation after the other (schemathesis' lazy pytest
    loader does not run on pytest 9); returns what failed, operation by operation."""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @SETTINGS
        @given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            check()
        except Exception as exc:  # noqa: BLE001 — collected and reported together below
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    return "\n\n".join(failures)


def test_every_api_answer_to_an_api_client_is_what_the_schema_says(api_schema, api_world):
    """Issue 14: 0 server errors and 0 schema violations for a regional API client (the State Corporation)."""
    assert not (failed := _run_every_operation(api_schema, _basic_auth(api_world.api))), failed


def test_every_api_answer_to_a_specialist_is_what_the_schema_says(api_schema, api_world):
    """Issue 14: 0 server errors and 0 schema violations for a regional MIO specialist."""
    assert not (failed := _run_every_operation(api_schema, _basic_auth(api_world.specialist))), failed
