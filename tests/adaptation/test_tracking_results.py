"""Issue 15, the applicant's own view of residence and adaptation services: the public page /t/<token>/ links
the result PDF once there is one — the signed referral (RES-3), the MIO's signed decision on early termination
(RES-9), the individual plan approved by the settlement LMC (ADA-15) — and /t/<token>/result.pdf is 404
before. The PDF is the applicant's own document as issued (like status's decision); nobody else's case
shows in it, and the page keeps to the initials."""
import io
import re

import pytest
from django.core.cache import cache
from django.test import Client
from pypdf import PdfReader

from adaptation.models import ResidenceApplication, ResidenceState
from adaptation.services import plans
from adaptation.services.residence import check_in
from adaptation.services.stay import termination_decide, termination_propose
from kandas.models import TrackingAccess
from kandas.tracking import tracking_current

from .helpers import referred, register as residence_register
from .plan_world import filed_app
from .support_world import family, make_family, world  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counter():
    cache.clear()  # the tracking page counts requests per address
    yield
    cache.clear()


@pytest.fixture
def anon():
    return Client(HTTP_ACCEPT_LANGUAGE="ru", HTTP_USER_AGENT="Phone browser 1.0")


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))


def _undecided(anon, case) -> str:
    """The page links no result, its JSON says undecided and the PDF address is 404."""
    token = tracking_current(case).token
    html = anon.get(f"/t/{token}/").content.decode()
    assert "result.pdf" not in html
    data = anon.get(f"/api/v1/track/{token}/").json()
    assert data["decided"] is False and data["result_pdf"] is None
    assert anon.get(f"/t/{token}/result.pdf").status_code == 404
    return token


def _decided(anon, case) -> str:
    """The page and its JSON link the result; the PDF's text is returned (and its download is logged)."""
    token = tracking_current(case).token
    html = anon.get(f"/t/{token}/").content.decode()
    assert f"/t/{token}/result.pdf" in html
    person = case.applicant
    assert f"{person.surname[0]}. {person.given_name[0]}." in html
    assert person.iin not in html and person.full_name not in html  # the page keeps to the initials
    data = anon.get(f"/api/v1/track/{token}/").json()
    assert data["decided"] is True and data["result_pdf"] == f"/t/{token}/result.pdf"
    downloads = TrackingAccess.objects.filter(tracking__token=token, what="pdf")
    before = downloads.count()
    text = _pdf_text(anon.get(f"/t/{token}/result.pdf"))
    assert downloads.count() == before + 1
    return text


def test_res3_residence_result_is_the_signed_referral_and_404_before(anon, staff):
    """RES-3: before the MIO head signs the referral there is no result; then the referral (form app.1) is it,
    with the applicant's own family and none of another family referred to the same centre."""
    app = residence_register(staff, adults=1, surname="Жұмабеков")
    other = referred(staff, residence_register(staff, adults=1, surname="Оспанов"))
    token = _undecided(anon, app)

    app = referred(staff, app)
    text = _decided(anon, app)
    assert "НАПРАВЛЕНИЕ" in text and f"№ {app.referral_no}" in text and app.ref in text
    assert "Жұмабеков" in text and "супруг" in text.lower()
    for row in other.persons.select_related("person"):
        assert row.person.surname not in text and row.person.iin not in text
    assert "Оспанов" not in text and other.ref not in text
    kk = _pdf_text(anon.get(f"/t/{token}/result.pdf?lang=kk"))
    assert "ЖОЛДАМА" in kk and app.ref in kk


def test_res9_after_the_mio_decides_on_early_termination_the_result_is_its_decision(anon, staff):
    """RES-9: the MIO's signed eviction decision, issued after the referral, becomes the result."""
    app = referred(staff, residence_register(staff, adults=1))
    check_in(application_id=app.pk, actor=staff.centre_staff, house_rules_acknowledged=True)
    termination_propose(application_id=app.pk, actor=staff.centre_staff, violation="Нарушение распорядка")
    assert "НАПРАВЛЕНИЕ" in _decided(anon, app)  # while the proposal waits, the referral still stands

    termination_decide(application_id=app.pk, actor=staff.head, decision="evict", reason="подтверждено")
    app = ResidenceApplication.objects.get(pk=app.pk)
    assert app.state == ResidenceState.EVICTED
    text = _decided(anon, app)
    assert "РЕШЕНИЕ" in text and "выселить" in text.lower() and "Нарушение распорядка" in text
    assert app.ref in text and "НАПРАВЛЕНИЕ" not in text


def test_res3_a_referral_of_a_refused_application_is_no_result(anon, staff):
    from adaptation.services.residence import application_refuse

    app = referred(staff, residence_register(staff, adults=0))
    application_refuse(application_id=app.pk, actor=staff.head, reason="Заявитель отказался от заселения")
    _undecided(anon, ResidenceApplication.objects.get(pk=app.pk))


def test_ada15_support_result_is_the_plan_once_the_lmc_approves_it(anon, world, family):  # noqa: F811
    """ADA-15: a plan agreed with the kandas but not yet approved by the settlement LMC head is no result; once
    approved (signed) the plan is, naming this family's services and no other family's persons."""
    app = filed_app(world, family)
    other_family = make_family(world.exit.region)
    other = filed_app(world, other_family)
    plans.plan_agree(actor=world.settle.cc_specialist,
                     plan_id=plans.plan_create(actor=world.settle.cc_specialist, application_id=other.pk).pk)
    plan = plans.plan_create(actor=world.settle.cc_specialist, application_id=app.pk)
    plans.plan_agree(actor=world.settle.cc_specialist, plan_id=plan.pk)
    token = _undecided(anon, app)

    plans.plan_approve(actor=world.settle.lmc_head, plan_id=plan.pk)
    text = _decided(anon, app)
    assert "Индивидуальный план адаптации и интеграции" in text and app.ref in text
    assert family.applicant.iin in text and family.spouse.iin in text  # the applicant's own family, as issued
    assert "Содействие в регистрации по месту жительства" in text
    for person in (other_family.applicant, other_family.spouse, other_family.son, other_family.daughter):
        assert person.iin not in text
    assert other.ref not in text
    kk = _pdf_text(anon.get(f"/t/{token}/result.pdf?lang=kk"))
    assert "Тұрғылықты жері бойынша тіркелуге жәрдемдесу" in kk
