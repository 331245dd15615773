"""ADA-17: a rural settlement's roadmap approved in 3 copies with each handover recorded."""
import pytest
from django.core.exceptions import ValidationError

from adaptation.services import plans, roadmap

from .plan_world import app, english  # noqa: F401
from .support_world import family, world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_ada17_roadmap_three_copies_for_a_rural_locality_only(world, app):
    plan = plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    with pytest.raises(ValidationError, match="rural settlement only"):
        roadmap.roadmap_approve(actor=world.settle.cc_specialist, plan_id=plan.pk, content="Меры")
    app.locality.is_rural = True
    app.locality.save()
    rm = roadmap.roadmap_approve(actor=world.settle.cc_specialist, plan_id=plan.pk, content="Обмен сведениями с акимом")
    assert rm.copies_missing == ["district_akim_on", "rural_akim_on", "cc_on"]
    for copy in rm.COPIES:
        rm = roadmap.roadmap_handover(actor=world.settle.cc_specialist, roadmap_id=rm.pk, copy=copy)
    assert rm.copies_missing == []
    with pytest.raises(ValidationError, match="already handed over"):
        roadmap.roadmap_handover(actor=world.settle.cc_specialist, roadmap_id=rm.pk, copy="cc_on")


def test_ada17_roadmap_prints(world, app):
    import io

    from pypdf import PdfReader

    from .support_world import client_for

    plan = plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    app.locality.is_rural = True
    app.locality.save()
    rm = roadmap.roadmap_approve(actor=world.settle.cc_specialist, plan_id=plan.pk, content="Обмен сведениями")
    roadmap.roadmap_handover(actor=world.settle.cc_specialist, roadmap_id=rm.pk, copy="rural_akim_on")
    r = client_for(world.settle.cc_specialist).get(f"/adaptation/support/{app.pk}/roadmap.pdf?lang=ru")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    assert r.status_code == 200 and "Обмен сведениями" in text and rm.approved_on.strftime("%d.%m.%Y") in text
