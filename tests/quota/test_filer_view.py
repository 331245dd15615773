"""Decision 18 (kandas.filer_view) on quota: the portal client of the region of exit that filed sees its
filing; once the person named is registered in another region (here: the settlement region, where they moved)
it sees the IIN as filed, not the registry's name or birth date, on the API result PDF; the provider's
staff see the person on the case page and the printouts."""
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kandas.filer_view import person_visible_to
from kandas.roles import Role
from quota.models import QuotaApplication
from tests.factories import make_staff

pytestmark = pytest.mark.django_db
URL = "/api/v1/quota/applications/"


def _text(response) -> str:
    if response["Content-Type"].startswith("application/pdf"):
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    return response.content.decode()


@pytest.fixture
def filed(client, world, kandas_family):
    applicant = kandas_family[0]
    applicant.region = world.exit_region
    applicant.save()
    portal = make_staff(Role.API_CLIENT, region=world.exit_region)
    client.force_login(portal)
    r = client.post(URL, {"kind": "kandas", "channel": "portal", "region_kato": world.region.kato,
                          "applicant_iin": applicant.iin, "consent": True, "status_9_1": True,
                          "documents": [{"title": "Паспорт", "valid_until": "2031-01-01"}]},
                    content_type="application/json")
    assert r.status_code == 201, r.content
    applicant.region = world.region  # re-registered where they settle: no longer the filer's registry
    applicant.save()
    return QuotaApplication.objects.get(pk=r.json()["id"]), applicant, portal


def test_d18_quota_filer_reads_its_filing_without_the_person(client, world, filed):
    app, applicant, portal = filed
    assert not person_visible_to(portal, applicant, app)
    client.force_login(portal)
    detail = client.get(f"{URL}{app.pk}/")
    assert detail.status_code == 200 and applicant.surname not in detail.content.decode()


@pytest.mark.parametrize("form", ["app1"])
def test_d18_quota_printout_for_the_filer_and_for_the_provider(client, world, filed, form):
    from quota.views.printing import TEMPLATES, application_pdf_context
    from kandas.pdf import pdf_render

    app, applicant, portal = filed
    text_filer = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_render(
        TEMPLATES[form], application_pdf_context(app, form, portal), language="ru"))).pages)
    assert applicant.surname not in text_filer and applicant.iin in text_filer
    assert applicant.birth_date.strftime("%d.%m.%Y") not in text_filer
    client.force_login(world.specialist)
    page = client.get(app.get_absolute_url())
    assert page.status_code == 200 and applicant.surname in page.content.decode()
    pdf = client.get(reverse("quota:application_print", args=[app.pk, form]))
    assert pdf.status_code == 200 and applicant.surname in _text(pdf)
