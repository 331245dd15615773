"""ADA-14…16 through the screens: the plan is formed, agreed, approved and loaded from its page, prints in
ru and kk, and a plan item is completed from the phone page with a positioned photo sent in chunks."""
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from .plan_world import app, loaded_plan, english  # noqa: F401
from .support_world import client_for, family, world  # noqa: F401

pytestmark = pytest.mark.django_db
PHOTO = b"\xff\xd8\xff\xe0" + b"p" * 3000


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))


def test_ada15_plan_page_forms_agrees_approves_loads(world, app):
    cc, lmc = client_for(world.settle.cc_specialist), client_for(world.settle.lmc_head)
    url = f"/adaptation/support/{app.pk}/plan/"
    assert "Form the plan" in cc.get(url).content.decode()
    cc.post(url + "create/")
    page = cc.get(url).content.decode()
    assert "Registration at the place of residence" in page or "residence" in page
    assert "31.03.2026" in page
    r = lmc.post(url + "approve/", follow=True)
    assert "approved after the kandas has agreed" in r.content.decode()
    cc.post(url + "agree/")
    lmc.post(url + "approve/")
    r = cc.post(url + "load/", follow=True)
    assert "loaded into the information system" in r.content.decode()
    # the wrong region's CC sees nothing
    assert client_for(world.other.cc_specialist).get(url).status_code == 404


def test_ada14_plan_pdf_in_russian_and_kazakh(world, app):
    loaded_plan(world, app)
    cc = client_for(world.settle.cc_specialist)
    ru = _pdf_text(cc.get(f"/adaptation/support/{app.pk}/plan.pdf?lang=ru"))
    assert "Содействие в регистрации по месту жительства" in ru and "31.03.2026" in ru
    kk = _pdf_text(cc.get(f"/adaptation/support/{app.pk}/plan.pdf?lang=kk"))
    assert "Тұрғылықты жері бойынша тіркелуге жәрдемдесу" in kk


def test_ada16_phone_page_upload_and_complete(world, app):
    plan = loaded_plan(world, app)
    item = plan.items.get(person=app.applicant, service=7)
    cc = client_for(world.settle.cc_specialist)
    page = cc.get(f"/adaptation/plan-items/{item.pk}/").content.decode()
    assert 'capture="environment"' in page and "geolocation" in page
    start = f"/adaptation/plan-items/{item.pk}/uploads/"
    refused = cc.post(start, {"kind": "photo", "filename": "a.jpg", "size": len(PHOTO)})
    assert refused.status_code == 400 and "no position" in refused.json()["error"]
    ok = cc.post(start, {"kind": "photo", "filename": "a.jpg", "size": len(PHOTO), "latitude": "52.28",
                         "longitude": "76.96", "accuracy": "8", "taken_at": "2026-12-01T09:00:00Z"}).json()
    url = f"/adaptation/uploads/{ok['id']}/"
    first = cc.post(url, PHOTO[:1000], content_type="application/octet-stream", HTTP_UPLOAD_OFFSET="0")
    assert first.json()["offset"] == 1000
    stale = cc.post(url, PHOTO[:1000], content_type="application/octet-stream", HTTP_UPLOAD_OFFSET="0")
    assert stale.status_code == 409 and stale.json()["offset"] == 1000
    assert cc.get(url).json()["offset"] == 1000
    done = cc.post(url, PHOTO[1000:], content_type="application/octet-stream", HTTP_UPLOAD_OFFSET="1000").json()
    assert done["done"] is True
    today = timezone.localdate()
    r = cc.post(f"/adaptation/plan-items/{item.pk}/", {"completed_on": today.isoformat(), "documents": "Справка"}, follow=True)
    body = r.content.decode()
    assert "Completed on" in body and today.strftime("%d.%m.%Y") in body and "geo:52.280000,76.960000" in body


def test_ada16_evidence_file_to_the_case_readers_only_gen3(world, app):
    """GEN-3: an evidence photo is served through its case (MEDIA_URL is not served), logged; 404 elsewhere."""
    from adaptation.models import Evidence
    from adaptation.services import evidence as ev
    from kandas.models import PersonalDataAccess

    plan = loaded_plan(world, app)
    item = plan.items.get(person=app.applicant, service=7)
    up = ev.upload_start(actor=world.settle.cc_specialist, item_id=item.pk, kind="photo", filename="a.jpg",
                         size=len(PHOTO), latitude="52.1", longitude="76.9", accuracy="5", taken_at="2026-12-01T09:00:00Z")
    ev.upload_chunk(actor=world.settle.cc_specialist, upload_id=up.pk, offset=0, data=PHOTO)
    evidence = Evidence.objects.get()
    cc = client_for(world.settle.cc_specialist)
    assert f"/adaptation/evidence/{evidence.pk}/" in cc.get(f"/adaptation/plan-items/{item.pk}/").content.decode()
    r = cc.get(f"/adaptation/evidence/{evidence.pk}/")
    assert r.status_code == 200 and b"".join(r.streaming_content) == PHOTO
    assert PersonalDataAccess.objects.filter(detail=f"evidence {evidence.pk}").exists()
    assert client_for(world.other.cc_specialist).get(f"/adaptation/evidence/{evidence.pk}/").status_code == 404
