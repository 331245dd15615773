"""ADA-20 / ADA-21 through the screens: the CRTR scores an LMC's quarter (social effect pre-filled from the
left-the-region count), sends the conclusion (printable in ru and kk), the ministry forwards it, the MIO
records its measures; regional staff see only their own organisations (another region: 404)."""
import datetime
import io
import re

import pytest
from pypdf import PdfReader

from adaptation.models import ConclusionMeasures, QualityEvaluation
from adaptation.services import evaluation, monitoring
from kandas.models import StateRecord
from kandas.roles import Role
from tests.exports import csv_rows
from tests.factories import make_staff

from .plan_world import app, english, loaded_plan  # noqa: F401
from .support_world import client_for, family, world  # noqa: F401

pytestmark = pytest.mark.django_db


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))


def test_ada20_evaluation_screen_prefills_and_records(world, app):
    plan = loaded_plan(world, app)
    StateRecord.objects.create(iin=app.applicant.iin, kind="registration", payload={"kato": "751010000"})
    monitoring.residence_check(actor=world.settle.cc_specialist, round_id=plan.rounds.get(number=1).pk,
                               now=datetime.datetime(2026, 6, 20, 10, tzinfo=datetime.UTC))
    crtr = client_for(make_staff(Role.CRTR_ANALYST))
    url = f"/adaptation/quality/{world.settle.cc.pk}/2026-Q2/"
    page = crtr.get(url).content.decode()
    assert "1 / 1 (100%)" in page and 'value="1" selected' in page
    page = crtr.post(url, {"relevance": 5, "effectiveness": 5, "social_effect": 4}).content.decode()
    assert "give the reason" in page and not QualityEvaluation.objects.exists()
    page = crtr.post(url, {"relevance": 5, "effectiveness": 5, "social_effect": 4, "reason": "Переехали к родным"},
                     follow=True).content.decode()
    assert "14/15" in page and "medium (satisfactory)" in page
    assert crtr.get("/adaptation/quality/?quarter=2026-Q2").status_code == 200
    assert client_for(world.settle.cc_specialist).get(url).status_code == 200  # its own, read-only
    assert client_for(world.other.cc_specialist).get(url).status_code == 404
    assert crtr.get(f"/adaptation/quality/{world.settle.cc.pk}/2026-Q9/").status_code == 404


def test_ada20_quality_index_and_conclusion_print_the_level_in_the_readers_language(world):
    """The stored level code ("medium") is shown as its regulation wording: Russian page, CSV and conclusion."""
    crtr = make_staff(Role.CRTR_ANALYST)
    QualityEvaluation.objects.create(organisation=world.settle.cc, quarter="2026-Q2", relevance=5, effectiveness=5,
                                     social_effect=4, total=14, band=QualityEvaluation.Band.MEDIUM,
                                     evaluated_by=crtr, evaluated_on=datetime.date(2026, 7, 5))
    client = client_for(crtr, "ru")
    page = client.get("/adaptation/quality/", {"quarter": "2026-Q2"}).content.decode()
    table = page.split('data-testid="quality-orgs"')[1].split("</table>")[0]
    assert "14/15" in table and "средний (удовлетворительный)" in table and ">medium<" not in table
    rows = csv_rows(client.get("/adaptation/quality/", {"quarter": "2026-Q2", "export": "csv"}))
    assert rows[0][3] == "уровень"
    assert {r[1]: r[3] for r in rows[1:]}[world.settle.cc.name] == "средний (удовлетворительный)"
    page = client.get("/adaptation/quality/conclusions/2026-Q2/").content.decode()
    assert "средний (удовлетворительный)" in page
    page = client_for(crtr, "kk").get("/adaptation/quality/", {"quarter": "2026-Q2"}).content.decode()
    assert "орташа (қанағаттанарлық)" in page


def test_ada21_conclusion_sent_printed_forwarded_and_measures_recorded(world):
    crtr, ministry = client_for(make_staff(Role.CRTR_ANALYST)), client_for(make_staff(Role.MINISTRY_ANALYST))
    url = "/adaptation/quality/conclusions/2026-Q3/"
    page = crtr.get(url).content.decode()
    assert "25.10.2026" in page
    page = crtr.post(url, {"report": "Отчёт о качестве", "follow_up": "Рекомендации исполнены",
                           "recommendations": "Усилить работу с кандасами"}, follow=True).content.decode()
    assert "sent to the ministry" in page.lower()
    conclusion = evaluation.EvaluationConclusion.objects.get()
    for lang, title in (("ru", "Заключение"), ("kk", "қорытынды")):
        text = _pdf_text(crtr.get(f"/adaptation/quality/conclusions/{conclusion.pk}.pdf?lang={lang}"))
        assert title.lower() in text.lower() and "Усилить работу с кандасами" in text and "2026-Q3" in text
    assert client_for(world.settle.head).get(f"/adaptation/quality/conclusions/{conclusion.pk}.pdf").status_code == 404
    assert client_for(world.settle.head).get(url).status_code == 404
    page = ministry.post(f"/adaptation/quality/conclusions/{conclusion.pk}/forward/", follow=True).content.decode()
    assert "Forwarded to" in page
    row = ConclusionMeasures.objects.get(mio=world.settle.mio)
    mio = client_for(world.settle.head)
    page = mio.get(f"/adaptation/quality/measures/{row.pk}/").content.decode()
    assert row.due.strftime("%d.%m.%Y") in page and "Усилить работу" in page
    assert client_for(world.other.head).get(f"/adaptation/quality/measures/{row.pk}/").status_code == 404
    page = mio.post(f"/adaptation/quality/measures/{row.pk}/", {"measures": "Совещание с ЦТМ и КЦ"},
                    follow=True).content.decode()
    assert "Совещание с ЦТМ и КЦ" in page
    assert mio.get(f"/adaptation/quality/conclusions/{conclusion.pk}.pdf?lang=ru").status_code == 200
