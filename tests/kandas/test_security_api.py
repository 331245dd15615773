"""Security of the API surface: login everywhere except the explicitly public endpoints; the public
signature verification shows the signer and digests, never the applicant's personal data."""
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from kandas.roles import Role
from kandas.signing import signature_create
from tests.factories import make_staff
from tests.status.helpers import build_region, file_application

pytestmark = pytest.mark.django_db

# Public on purpose: the QR code of a printed decision leads to the verification; the published
# locality lists are what the Electronic Labour Exchange shows to everyone (003 p.8).
ZERO_UUID = "00000000-0000-0000-0000-000000000000"
# The tracking JSON (issue 15): the token printed on the applicant's receipt is the permission.
PUBLIC = {f"/api/v1/signatures/{ZERO_UUID}/verify", "/api/v1/quota/localities/", "/api/v1/track/unknown-token/"}


def _api_paths(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern).replace("^", "").replace("$", "")
        if isinstance(p, URLResolver):
            yield from _api_paths(p, route)
        elif isinstance(p, URLPattern) and route.startswith("api/"):
            path = route
            for name in ("<int:pk>", "<str:iin>", "<int:centre>", "<int:proposal>"):
                path = path.replace(name, "1" if "int" in name else "123456789012")
            path = path.replace("<uuid:token>", ZERO_UUID).replace("<str:token>", "unknown-token")
            yield "/" + path.replace("\\.", ".")


def test_every_api_endpoint_but_the_public_ones_needs_a_login(client):
    paths = sorted(set(_api_paths()))
    assert "/api/schema/" in paths and "/api/v1/status/applications/" in paths
    for path in paths:
        status = client.get(path).status_code
        if path in PUBLIC:
            assert status in (200, 404), path
        else:
            assert status in (401, 403), f"{path} answered {status} to an anonymous caller"


def test_public_signature_verification_shows_no_personal_data_of_the_applicant(client):
    """The signed snapshot holds the applicant's name and IIN: the public page and API show digests only."""
    world = build_region()
    application = file_application(world)
    head = make_staff(Role.MIO_HEAD, organisation=world.mio)
    signature = signature_create(case=application, purpose="decision", signer=head, role=Role.MIO_HEAD)
    applicant = application.applicant
    assert applicant.iin in str(signature.snapshot)
    for url in (f"/signatures/{signature.token}/verify/", f"/api/v1/signatures/{signature.token}/verify"):
        body = client.get(url).content.decode()
        assert signature.digest in body
        for secret in (applicant.iin, applicant.surname, applicant.given_name,
                       applicant.birth_date.strftime("%d.%m.%Y")):
            assert secret not in body, (url, secret)


# /health/ is for load balancers and monitoring: it names components and their state, no records.
# /t/<token>/ is the applicant's tracking page (issue 15): the token printed on the receipt is the permission.
PUBLIC_PAGES = {f"/signatures/{ZERO_UUID}/verify/", "/quota/localities/public/", "/login/", "/logout/", "/health/",
                "/t/unknown-token/", "/t/unknown-token/result.pdf"}


def _all_paths(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern).replace("^", "").replace("$", "")
        if isinstance(p, URLResolver):
            yield from _all_paths(p, route)
        elif isinstance(p, URLPattern):
            path = route
            path = path.replace("<uuid:token>", ZERO_UUID).replace("<str:token>", "unknown-token")
            for conv in ("int", "str"):
                path = re.sub(r"<%s:\w+>" % conv, "1" if conv == "int" else "x", path)
            yield "/" + path.replace("\\.", ".")


def test_every_screen_but_the_public_ones_asks_for_a_login(client):
    """Web screens: an anonymous visitor is sent to the login page (never shown a record) except on the
    public verification page and the published locality lists."""
    for path in sorted(set(_all_paths())):
        if path.startswith(("/api/", "/admin/", "/i18n/", "/static/", "/media/", "/example/")) or "<" in path:
            continue
        status = client.get(path).status_code
        if path in PUBLIC_PAGES:
            assert status in (200, 302, 404, 405, 500), path  # /health/ answers 500 when a part is down
        else:
            assert status in (302, 405), f"{path} answered {status} to an anonymous visitor"
            if status == 302:
                assert client.get(path)["Location"].startswith("/login/"), path
