"""Decision 18 (kandas.filer_view) on residence: the portal client that filed sees its filing; a person named
there who is registered outside the client's region reads as the IIN filed (API detail and list, the
application printout), while the centre region's MIO sees the person on the case page."""
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from adaptation.models import ResidenceApplication
from kandas.filer_view import person_visible_to
from kandas.roles import Role
from tests.factories import make_staff

from .factories import make_kandas_family, residence_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(client, staff):
    elsewhere = residence_world(beds=1)
    applicant, _ = make_kandas_family(elsewhere.region)
    api = make_staff(Role.API_CLIENT, region=elsewhere.region)
    client.force_login(api)
    r = client.post(reverse("adaptation_api:residence_applications"),
                    {"applicant_iin": applicant.iin, "centre": staff.centre.pk}, content_type="application/json")
    assert r.status_code == 201, r.content
    applicant.region = staff.region  # registered in the centre's region now: outside the client's registry
    applicant.save()
    return ResidenceApplication.objects.get(pk=r.json()["id"]), applicant, api


def test_d18_residence_filer_api_shows_the_iin_as_filed(client, staff, filed):
    app, applicant, api = filed
    assert not person_visible_to(api, applicant, app)
    client.force_login(api)
    detail = client.get(reverse("adaptation_api:residence_application", args=[app.pk]))
    listing = client.get(reverse("adaptation_api:residence_applications"))
    assert detail.status_code == listing.status_code == 200
    assert applicant.surname not in detail.content.decode() + listing.content.decode()
    assert detail.json()["applicant"] == applicant.iin


def test_d18_residence_provider_sees_the_person(client, staff, filed):
    app, applicant, _api = filed
    assert person_visible_to(staff.specialist, applicant, app)
    client.force_login(staff.specialist)
    page = client.get(reverse("adaptation:residence_detail", args=[app.pk]))
    assert page.status_code == 200 and applicant.surname in page.content.decode()
    pdf = client.get(reverse("adaptation:residence_application_pdf", args=[app.pk]))
    assert pdf.status_code == 200
    assert applicant.surname in " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
