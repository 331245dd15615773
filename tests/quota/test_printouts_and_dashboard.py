"""Every appendix prints in Russian and Kazakh with its real content; the dashboard shows plan vs used; the
decision form offers ground 5 when the quota is exhausted (QUO-10); a family plan counts families."""
import datetime
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kandas.models import Deadline
from quota.models import QuotaPlan, QuotaUnit
from quota.services import (application_check_completeness, application_decide_include, application_decide_refuse,
                            application_recommend, application_send_to_commission)

from .helpers import FILED, file_kandas, file_settler, heard

pytestmark = pytest.mark.django_db
D = datetime.date


def _text(client, app, form, lang="ru") -> str:
    r = client.get(reverse("quota:application_print", args=[app.pk, form]) + f"?lang={lang}")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf", form
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages).replace("\n", " ")


def _to_recommended(world, app):
    app = application_check_completeness(application_id=app.pk, actor=world.operator, on=FILED)
    app = application_send_to_commission(application_id=app.pk, actor=world.specialist, on=FILED)
    # QUO-5 / QUO-6: the kandas commission, or the employment commission for settlers, holds the recommendation
    secretary = world.ecom_secretary if app.is_settlers else world.secretary
    return application_recommend(application_id=app.pk, actor=secretary, include=True, on=FILED)


def test_quo8_every_decision_prints_in_both_languages_with_the_signature(client, world, kandas_family, settler,
                                                                         plans):
    """QUO-2 / QUO-8 / QUO-9: app.1, app.4 / app.5 (kandas) and app.6, app.9 / app.10 (settlers) in ru and kk."""
    client.force_login(world.specialist)
    kandas = _to_recommended(world, file_kandas(world, kandas_family))
    assert "Прошу включить меня" in _text(client, kandas, "app1")
    assert "Мені/мені және менің отбасы мүшелерімді" in _text(client, kandas, "app1", "kk")
    kandas = heard(world, kandas, on=D(2026, 3, 17))  # QUO-7
    refused = application_decide_refuse(application_id=kandas.pk, actor=world.head, grounds=["k2", "k4"],
                                        reasoning="Паспорт не подтверждён", on=D(2026, 3, 17))
    ru = _text(client, refused, "app5")
    assert "РЕШЕНИЕ об отказе во включении в региональную квоту приема кандасов" in ru
    assert "2) установление недостоверности" in ru and "4) отсутствие согласия" in ru
    assert refused.signatures.get(purpose="decision").digest[:20] in ru.replace(" ", "")
    kk = _text(client, refused, "app5", "kk")
    assert "енгізуден бас тарту туралы ШЕШІМ" in kk and "Басшының ЭЦҚ" in kk
    settler_app = _to_recommended(world, file_settler(world, settler))
    included = application_decide_include(application_id=settler_app.pk, actor=world.head, on=D(2026, 3, 17))
    ru = _text(client, included, "app9")
    assert "РЕШЕНИЕ о включении в региональную квоту приема переселенцев" in ru
    assert "Региональная комиссия по вопросам занятости населения" in ru  # Decisions 8: printed as written
    assert "Жұмабаев" in ru
    assert "Қоныс аударушыларды қабылдаудың өңірлік квотасына енгізу туралы ШЕШІМ" in _text(client, included,
                                                                                           "app9", "kk")
    other = _to_recommended(world, file_settler(world, settler))
    other = heard(world, other, on=D(2026, 3, 17))  # QUO-7
    other = application_decide_refuse(application_id=other.pk, actor=world.head, grounds=["s4"], on=D(2026, 3, 17))
    assert "4) отсутствие региональной квоты" in _text(client, other, "app10")
    assert "Қоныс аударушыларды қабылдаудың өңірлік квотасына енгізуден бас тарту туралы ШЕШІМ" in _text(
        client, other, "app10", "kk")


def test_quo3_kandas_acceptance_receipt_at_the_state_corporation(client, world, kandas_family):
    """QUO-3: complete documents at the State Corporation → a receipt of acceptance (p.6)."""
    app = application_check_completeness(application_id=file_kandas(world, kandas_family).pk,
                                         actor=world.operator, on=FILED)
    client.force_login(world.operator)
    text = _text(client, app, "receipt")
    assert "Расписка о приёме документов" in text and app.ref in text
    assert "Құжаттарды қабылдағаны туралы қолхат" in _text(client, app, "receipt", "kk")


def test_quo10_dashboard_shows_plan_used_reserved_free_as_a_chart(client, world, kandas_family, plans):
    """QUO-10: the dashboard shows, per region and kind, the quota, used, reserved (recommended) and free."""
    _to_recommended(world, file_kandas(world, kandas_family))  # 3 persons reserved
    QuotaPlan.objects.filter(pk=plans["kandas"].pk).update(used=4)
    client.force_login(world.specialist)
    r = client.get(reverse("quota:plan_dashboard"), {"year": 2026})
    html = r.content.decode()
    assert r.status_code == 200 and 'id="quota-chart"' in html and "chart.umd.min.js" in html
    assert '"admitted": [10, 10]' in html and '"used": [4, 0]' in html and '"reserved": [3, 0]' in html
    # free = quota − used (QuotaPlan.free, the one definition), the reserved 3 shown as its part
    assert '<td>10</td><td>4</td><td data-testid="plan-free">6</td><td>3</td>' in html.replace("\n", "")


def test_quo10_exhausted_quota_offers_ground_5_on_the_decision_form(client, world, kandas_family, plans):
    """QUO-10: when the quota cannot take the family, the page says so, hides 'include' and ticks ground 5."""
    app = _to_recommended(world, file_kandas(world, kandas_family))
    QuotaPlan.objects.filter(pk=plans["kandas"].pk).update(used=9)
    client.force_login(world.head)
    html = client.get(app.get_absolute_url()).content.decode()
    assert 'data-testid="quota-exhausted"' in html and 'data-action="include"' not in html
    # QUO-7: the refusal starts with a preliminary decision whose remarks name ground 5 ...
    assert 'data-action="preliminary_refusal"' in html and "5) отсутствие региональной квоты" in html
    app = heard(world, app, on=FILED)
    html = client.get(app.get_absolute_url()).content.decode()
    # ... and after the hearing the refusal form has ground 5 ticked.
    assert re.search(r'value="k5"\s+id="id_refuse_grounds_4" checked', html)


def test_quo10_family_plan_counts_one_per_family(world, kandas_family):
    """QUO-10 / Decisions 7: a plan counted in families takes 1 for the applicant with two members."""
    plan = QuotaPlan.objects.create(region=world.region, year=2026, kind="kandas", admitted=1,
                                    unit=QuotaUnit.FAMILIES)
    app = _to_recommended(world, file_kandas(world, kandas_family))
    app = application_decide_include(application_id=app.pk, actor=world.head, on=D(2026, 3, 17))
    assert app.quota_units == 1 and QuotaPlan.objects.get(pk=plan.pk).used == 1
    assert Deadline.objects.filter(case_id=app.pk, rule="QUO-8", unit="date").exists()
