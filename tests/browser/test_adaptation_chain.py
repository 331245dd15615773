"""ADA-1 … ADA-12 in the browser across two regions: each step taken by the user of the organisation that holds
it (seven users: exit CC specialist, exit LMC head, exit MIO head, settlement MIO head and specialist, settlement
LMC specialist, settlement CC specialist), ending in a filed quota application; form app.2 prints in Kazakh."""
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from adaptation.models import SupportApplication, SupportState
from quota.models import QuotaApplication
from tests.adaptation.support_world import build_world, make_family

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(page, action):
    page.click(f"[data-action={action}] summary")
    return f"[data-action={action}]"


def _sign_and_submit(page, action):
    form = _open(page, action)
    page.check(f"{form} input[name=sign_confirmed]")
    page.click(f"[data-testid=submit-{action}]")
    page.wait_for_selector("[data-testid=case-state]")


def _state(pk):
    return SupportApplication.objects.get(pk=pk).state


def test_ada_chain_walks_from_the_exit_cc_to_a_filed_quota_application_each_step_by_its_holder(page, login):
    """ADA-1 → ADA-2 → ADA-3 → ADA-4 → ADA-5 (p.11 assignment, p.13) → ADA-6 → ADA-7 → ADA-9 → ADA-12."""
    world = build_world()
    family = make_family(world.exit.region)
    today = timezone.localdate().isoformat()
    page.on("dialog", lambda dialog: dialog.accept())

    # 1. The exit CC specialist takes form app.2 (ADA-1) with every IIN and consent.
    login(world.exit.cc_specialist)
    page.click("[data-testid=nav-support]")
    page.click("[data-testid=support-register]")
    page.fill("#id_applicant_iin", family.applicant.iin)
    page.select_option("#id_settlement_region", str(world.settle.region.pk))
    page.fill("#id_locality_kato", world.locality.kato)
    page.fill("#id_member_1_iin", family.spouse.iin)
    page.select_option("#id_member_1_kinship", "spouse")
    page.fill("#id_member_2_iin", family.son.iin)
    page.select_option("#id_member_2_kinship", "son")
    page.check("#id_consent")
    page.click("[data-testid=support-register-form] button[type=submit]")
    page.wait_for_selector("[data-testid=case-state]")
    app = SupportApplication.objects.get()
    assert "ADA-2" in page.inner_text("[data-testid=case-deadlines]")

    # Form app.2 in Kazakh, as printed, with «Өтінішті қабылдады» and the name of who took it.
    response = page.request.get(page.get_attribute("[data-testid=app2-pdf-kk]", "href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages).split())
    assert "Қоныстандыру өңірінде қандастарға және олардың отбасы мүшелеріне бейімдеу және кіріктіру" in text
    assert "Қазақстан Республикасының азаматтары болып табылмайтын отбасы мүшелері" in text
    assert "Өтінішті қабылдады:" in text and world.exit.cc_specialist.get_full_name() in text
    assert family.spouse.full_name in text

    # The paper copies no state system holds (p.6), then the EDS signature and the send (ADA-2).
    form = _open(page, "copies")
    for box in page.locator(f"{form} input[name=copies]").all():
        box.check()
    page.click("[data-testid=submit-copies]")
    page.wait_for_selector("[data-testid=case-state]")
    _sign_and_submit(page, "submit")
    assert _state(app.pk) == SupportState.AT_EXIT_LMC

    # 2. The exit LMC head checks the Digital family map and signs (ADA-3).
    login(world.exit.lmc_head)
    page.goto(app.get_absolute_url())
    _sign_and_submit(page, "lmc_sign")
    assert _state(app.pk) == SupportState.AT_EXIT_MIO

    # 3. The exit MIO management signs and sends to the settlement region (ADA-4).
    login(world.exit.head)
    page.goto(app.get_absolute_url())
    _sign_and_submit(page, "exit_mio_sign")
    assert _state(app.pk) == SupportState.AT_SETTLEMENT_MIO

    # 4. The settlement MIO management assigns a specialist (ADA-5 p.11).
    login(world.settle.head)
    page.goto(app.get_absolute_url())
    form = _open(page, "assign")
    page.select_option(f"{form} select[name=specialist]", str(world.settle.specialist.pk))
    page.click("[data-testid=submit-assign]")
    page.wait_for_selector("[data-testid=case-state]")
    assert _state(app.pk) == SupportState.SETTLEMENT_CHECK

    # 5. The assigned specialist checks members, scans and consent, and signs (ADA-5 p.12–13).
    login(world.settle.specialist)
    page.goto(app.get_absolute_url())
    form = _open(page, "settlement_sign")
    for name in ("members_ok", "scans_ok", "consent_ok"):
        page.check(f"{form} input[name={name}]")
    page.check(f"{form} input[name=sign_confirmed]")
    page.click("[data-testid=submit-settlement_sign]")
    page.wait_for_selector("[data-testid=case-state]")
    assert _state(app.pk) == SupportState.AT_SETTLEMENT_LMC

    # 6. The settlement LMC contacts the kandas and records the vacancy, route and transport (ADA-6, ADA-7).
    login(world.settle.lmc_specialist)
    page.goto(app.get_absolute_url())
    form = _open(page, "lmc_contact")
    page.fill(f"{form} input[name=receipt_confirmed_on]", today)
    page.fill(f"{form} textarea[name=consultation_note]", "Условия переселения разъяснены")
    page.fill(f"{form} textarea[name=vacancies_offered]", "Сварщик, электромонтер")
    page.select_option(f"{form} select[name=interested]", "yes")
    page.click("[data-testid=submit-lmc_contact]")
    page.wait_for_selector("[data-testid=case-state]")
    form = _open(page, "route_agree")
    page.fill(f"{form} input[name=vacancy]", "Сварщик")
    page.fill(f"{form} input[name=route]", "Жаркент — Алматы — Павлодар")
    page.fill(f"{form} input[name=relocation_on]", today)
    page.select_option(f"{form} select[name=transport]", "rail")
    page.fill(f"{form} input[name=arriving_count]", "3")
    page.click("[data-testid=submit-route_agree]")
    page.wait_for_selector("[data-testid=case-state]")
    assert _state(app.pk) == SupportState.AT_SETTLEMENT_CC

    # 7. The settlement CC accepts, drafts the plan, records the final decision and files the quota application.
    login(world.settle.cc_specialist)
    page.goto(app.get_absolute_url())
    form = _open(page, "cc_accept")
    page.fill(f"{form} textarea[name=plan_draft]", "Регистрация, школа, поликлиника")
    page.click("[data-testid=submit-cc_accept]")
    page.wait_for_selector("[data-testid=case-state]")
    form = _open(page, "final_decide")
    page.fill(f"{form} input[name=relocation_on]", today)
    page.select_option(f"{form} select[name=transport]", "rail")
    page.fill(f"{form} input[name=employer]", "ТОО «Павлодар Энерго»")
    page.fill(f"{form} input[name=labour_contract]", "№ 17")
    page.check(f"{form} input[name=housing_requested]")
    page.click("[data-testid=submit-final_decide]")
    page.wait_for_selector("[data-testid=case-state]")
    _open(page, "quota_file")
    page.check("[data-action=quota_file] input[name=status_9_1]")
    page.click("[data-testid=submit-quota_file]")
    page.wait_for_selector("[data-testid=quota-link]")
    app = SupportApplication.objects.get(pk=app.pk)
    assert app.state == SupportState.QUOTA_FILED
    quota = QuotaApplication.objects.get(pk=app.quota_application_id)
    assert quota.ref in page.inner_text("[data-testid=quota-link]")
    assert quota.region == world.settle.region and quota.created_by == world.settle.cc_specialist
