"""ADA-16 / ADA-18 at phone width (390 px): the settlement CC specialist opens a plan item, takes a photo
(the file input with capture), the browser context gives the position, the photo goes up in chunks, the
item is completed; the monthly report app.3 PDF shows that date in the person's cell."""
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from adaptation.models import Evidence, PlanItem
from tests.adaptation.plan_world import filed_app, loaded_plan
from tests.adaptation.support_world import build_world, make_family

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JPEG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + b"z" * 600_000 + b"\xff\xd9"  # > 2 chunks of 256 KB


def test_ada16_phone_completes_a_plan_item_with_photo_and_position_and_app3_shows_the_date(browser, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    world = build_world()
    family = make_family(world.exit.region)
    app = filed_app(world, family)
    plan = loaded_plan(world, app)
    item = plan.items.get(person=family.son, service=9)
    context = browser.new_context(base_url=live_server.url, locale="ru-RU", viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True, geolocation={"latitude": 52.2873, "longitude": 76.9674,
                                                                                "accuracy": 15},
                                  permissions=["geolocation"])
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto("/login/")
    page.fill("#id_username", world.settle.cc_specialist.username)
    page.fill("#id_password", "pass12345")
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)

    page.goto(f"/adaptation/plan-items/{item.pk}/")
    assert page.get_attribute("[data-testid=evidence-file]", "capture") == "environment"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_input_files("[data-testid=evidence-file]", files=[{"name": "school.jpg", "mimeType": "image/jpeg",
                                                                 "buffer": JPEG}])
    page.click("[data-testid=evidence-send]")
    page.wait_for_selector("[data-testid=evidence-position]")
    evidence = Evidence.objects.get(item=item)
    assert evidence.size == len(JPEG) and float(evidence.latitude) == pytest.approx(52.2873)
    page.click("[data-testid=item-complete]")
    page.wait_for_selector("[data-testid=item-done]")
    today = timezone.localdate()
    assert PlanItem.objects.get(pk=item.pk).completed_on == today

    pdf = page.request.get(f"/adaptation/reports/{world.settle.cc.pk}/{today:%Y-%m}.pdf")
    assert pdf.status == 200
    text = re.sub(r"\s+", " ", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages))
    assert family.son.iin in text and today.strftime("%d.%m.%Y") in text
    context.close()
