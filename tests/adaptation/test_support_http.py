"""The screens, printouts, API, admin and demo of the adaptation services: a user of the right role but the wrong
organisation or region cannot act (403 with the reason, or 404 outside both regions); form app.2 prints in Russian
and Kazakh as worded; the portal files, follows and reads the result (ADA-1…ADA-13, ADA-22, ADA-23)."""
import io
import re

import pytest
from pypdf import PdfReader

from adaptation.models import SupportApplication, SupportState
from kandas.models import Deadline, PersonalDataAccess
from kandas.roles import Role
from tests.factories import make_staff
from tests.html import field_error_shown

from .support_walk import receive_copies, walk
from .support_world import client_for, family, register, world  # noqa: F401

pytestmark = pytest.mark.django_db


def _act(user, app, action, data=None, language="en"):
    return client_for(user, language).post(f"/adaptation/support/{app.pk}/act/{action}/",
                                           {"seen_version": app.version, "sign_confirmed": "1", **(data or {})})


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_ada1_the_exit_cc_registers_form_app2_in_the_browser_form(world, family):
    """ADA-1: the registration screen takes the IINs, the settlement region, the locality (KATO) and consent."""
    client = client_for(world.exit.cc_specialist)
    assert client.get("/adaptation/support/new/").status_code == 200
    response = client.post("/adaptation/support/new/", {
        "applicant_iin": family.applicant.iin, "settlement_region": world.settle.region.pk,
        "locality_kato": world.locality.kato, "consent": "on", "member_1_iin": family.spouse.iin,
        "member_1_kinship": "spouse", "member_1_lives_with": "on"})
    app = SupportApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == app.get_absolute_url()
    assert app.members.get().person == family.spouse
    no_consent = client.post("/adaptation/support/new/", {
        "applicant_iin": family.applicant.iin, "settlement_region": world.settle.region.pk,
        "locality_kato": world.locality.kato})
    assert no_consent.status_code == 200 and field_error_shown(no_consent.content.decode(), "consent")
    assert client_for(world.exit.specialist).get("/adaptation/support/new/").status_code == 403


def test_ada3_right_role_wrong_organisation_gets_403_with_the_reason_and_the_holder_acts(world, family):
    """ADA-3 / Decisions 2: the settlement LMC head (right role, wrong organisation) sees the case but may not sign
    the exit LMC's step — 403 naming the holder; another region's LMC head does not see it at all (404)."""
    app = walk(world, register(world, family), SupportState.AT_EXIT_LMC)
    page = client_for(world.settle.lmc_head).get(app.get_absolute_url())
    assert page.status_code == 200 and 'data-action="lmc_sign"' not in page.content.decode()
    refused = _act(world.settle.lmc_head, app, "lmc_sign")
    assert refused.status_code == 403
    assert "held by" in refused.content.decode() and str(world.exit.lmc) in refused.content.decode()
    assert _act(world.other.lmc_head, app, "lmc_sign").status_code == 404
    assert SupportApplication.objects.get(pk=app.pk).state == SupportState.AT_EXIT_LMC
    page = client_for(world.exit.lmc_head).get(app.get_absolute_url()).content.decode()
    assert 'data-action="lmc_sign"' in page and 'data-testid="sign-preview-lmc_sign"' in page
    assert _act(world.exit.lmc_head, app, "lmc_sign").status_code == 302
    assert SupportApplication.objects.get(pk=app.pk).state == SupportState.AT_EXIT_MIO


def test_ada5_settlement_mio_steps_refuse_the_exit_mio_head_and_an_unassigned_colleague(world, family):
    """ADA-5 p.11–13: the exit MIO head (right role) cannot assign at the settlement MIO; after the assignment a
    colleague who is not the assignee is refused with the reason; the head's assignment starts the 1 wd."""
    app = walk(world, register(world, family), SupportState.AT_SETTLEMENT_MIO)
    refused = _act(world.exit.head, app, "assign", {"specialist": world.exit.specialist.pk})
    assert refused.status_code == 403 and str(world.settle.mio) in refused.content.decode()
    page = client_for(world.settle.head).get(app.get_absolute_url()).content.decode()
    assert 'data-action="assign"' in page
    assert _act(world.settle.head, app, "assign", {"specialist": world.settle.specialist.pk}).status_code == 302
    app = SupportApplication.objects.get(pk=app.pk)
    refused = _act(world.settle.mio_specialist2, app, "settlement_sign",
                   {"members_ok": "on", "scans_ok": "on", "consent_ok": "on"})
    assert refused.status_code == 403 and "assigned to" in refused.content.decode()
    unchecked = _act(world.settle.specialist, app, "settlement_sign", {"members_ok": "on"})
    assert unchecked.status_code == 400  # every check of p.12 must be ticked
    ok = _act(world.settle.specialist, app, "settlement_sign", {"members_ok": "on", "scans_ok": "on",
                                                                "consent_ok": "on"})
    assert ok.status_code == 302
    assert SupportApplication.objects.get(pk=app.pk).state == SupportState.AT_SETTLEMENT_LMC


def test_ada4_the_exit_mio_remarks_path_says_decisions_15_on_screen_and_returns_for_rework(world, family):
    """ADA-4 / Decisions 15: the page says that p.10 has no remarks path and this system returns to the exit CC."""
    app = walk(world, register(world, family), SupportState.AT_EXIT_MIO)
    page = client_for(world.exit.head).get(app.get_absolute_url()).content.decode()
    assert "Decisions 15" in page and 'data-action="exit_mio_return"' in page
    assert _act(world.exit.head, app, "exit_mio_return", {"remarks": "Неверный КАТО"}).status_code == 302
    app = SupportApplication.objects.get(pk=app.pk)
    assert app.state == SupportState.REWORK
    page = client_for(world.exit.cc_specialist).get(app.get_absolute_url()).content.decode()
    assert "Неверный КАТО" in page and 'data-action="submit"' in page


def test_support_list_filters_by_step_and_region_keep_their_values_and_search(world, family):
    """The list a CC specialist works from: step and region filters that stay filled in, search, who holds it."""
    first = walk(world, register(world, family), SupportState.AT_EXIT_LMC)
    second = register(world, family)
    client = client_for(world.settle.specialist)
    everything = client.get("/adaptation/support/").content.decode()
    assert first.ref in everything and second.ref in everything
    page = client.get("/adaptation/support/", {"state": "at_exit_lmc", "region": world.exit.region.pk}).content.decode()
    assert first.ref in page and second.ref not in page
    assert '<option value="at_exit_lmc" selected>' in page and str(world.exit.lmc) in page
    found = client.get("/adaptation/support/", {"q": first.ref}).content.decode()
    assert first.ref in found and second.ref not in found
    assert first.ref not in client_for(world.other.specialist).get("/adaptation/support/").content.decode()
    held = client_for(world.exit.lmc_head).get("/adaptation/support/", {"held_by_me": "on"}).content.decode()
    assert first.ref in held and second.ref not in held
    assert re.search(r'<input type="checkbox" name="held_by_me"[^>]*checked', held)  # the filter stays ticked


def test_case_page_shows_the_chain_as_a_timeline_with_who_holds_it_now_and_until_when(world, family):
    """Decisions 2: the chain on the page — each step with its holder and due date — and "now: … held by … until"."""
    app = walk(world, register(world, family), SupportState.AT_EXIT_MIO)
    page = client_for(world.exit.cc_specialist).get(app.get_absolute_url()).content.decode()
    chain = page.split('data-testid="support-chain"')[1].split("</section>")[0]
    assert chain.index('data-step="recheck"') < chain.index('data-step="exit_lmc"') < chain.index('data-step="exit_mio"')
    now = page.split('data-testid="held-now"')[1].split("</div>")[0]
    d = Deadline.objects.get(case_id=app.pk, step_key="exit_mio")
    assert str(world.exit.mio) in now and d.due.strftime("%d.%m.%Y") in now
    assert PersonalDataAccess.objects.filter(user=world.exit.cc_specialist, person=family.applicant).exists()


def test_my_work_lists_the_step_for_the_holding_organisation_only(world, family):
    """"My work": the step appears for the organisation that holds it, not for the one that sent it on."""
    app = walk(world, register(world, family), SupportState.AT_SETTLEMENT_LMC)
    assert app.ref in client_for(world.settle.lmc_specialist).get("/?tab=unassigned").content.decode()
    assert app.ref not in client_for(world.exit.cc_specialist).get("/?tab=unassigned").content.decode()


def test_app2_prints_as_worded_in_russian_and_kazakh_behind_the_print_gate(world, family):
    """ADA-1: form app.2 as printed in the seed, with the «Заявление принял» block, in ru and kk; GEN-3 gate."""
    app = register(world, family)
    client = client_for(world.exit.cc_specialist)
    ru = _pdf_text(client.get(f"/adaptation/support/{app.pk}/app2.pdf?lang=ru"))
    flat = " ".join(ru.split())
    assert "Заявление об оказании содействия кандасам и членам их семей в получении адаптационных" in flat
    assert "Члены семьи, не являющиеся гражданами Республики Казахстан" in flat
    assert "в соответствии со статьей 8 Закона \"О персональных данных\"" in flat
    assert "Заявление принял:" in flat and world.exit.cc_specialist.get_full_name() in flat
    assert family.spouse.full_name in flat
    kk = " ".join(_pdf_text(client.get(f"/adaptation/support/{app.pk}/app2.pdf?lang=kk")).split())
    assert "бейімдеу және кіріктіру қызметтерін алуға жәрдем көрсету туралы өтініш" in kk
    assert "Өтінішті қабылдады:" in kk and "Қазақстан Республикасының азаматтары болып табылмайтын" in kk
    assert PersonalDataAccess.objects.filter(user=world.exit.cc_specialist, action="print").exists()
    analyst = make_staff(Role.MINISTRY_ANALYST)
    assert client_for(analyst).get(f"/adaptation/support/{app.pk}/app2.pdf").status_code == 403


def test_ada8_draft_unemployment_decision_and_ada13_relocation_sheet_print_in_both_languages(world, family):
    """ADA-8 / ADA-13: the draft decision carries the CC director's signature; the relocation sheet its data."""
    from adaptation.services import chain

    app = walk(world, register(world, family), SupportState.CC_WORKING)
    app = chain.support_job_refused(actor=world.settle.cc_specialist, application_id=app.pk, reason="Отказ")
    app = chain.support_unemployment_sign(actor=world.settle.cc_director, application_id=app.pk)
    client = client_for(world.settle.cc_specialist)
    text = " ".join(_pdf_text(client.get(f"/adaptation/support/{app.pk}/unemployment.pdf?lang=ru")).split())
    assert "безработн" in text and world.settle.cc_director.get_full_name() in text
    kk = " ".join(_pdf_text(client.get(f"/adaptation/support/{app.pk}/unemployment.pdf?lang=kk")).split())
    assert "жұмыссыз" in kk
    other = walk(world, register(world, family), SupportState.QUOTA_FILED)
    sheet = " ".join(_pdf_text(client.get(f"/adaptation/support/{other.pk}/relocation.pdf?lang=kk")).split())
    assert other.quota_application.ref in sheet and "Көшу парағы" in sheet


def test_api_the_portal_files_follows_and_reads_the_result_scoped_to_its_own_filings(world, family):
    """ADA-1 via the migration portal: an API client files for a career centre of its region; it reads only its
    own filings (another client's is 404); a CC of another region is refused."""
    client = client_for(world.exit.api)
    body = {"career_centre": world.exit.cc.pk, "applicant_iin": family.applicant.iin,
            "settlement_region": world.settle.region.kato, "locality_kato": world.locality.kato, "consent": True,
            "members": [{"iin": family.spouse.iin, "kinship": "spouse"}]}
    created = client.post("/api/v1/adaptation/support/applications/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["state"] == "registered" and data["held_by"][0]["rule"] == "ADA-2"
    app = SupportApplication.objects.get(pk=data["id"])
    walk(world, app, SupportState.AT_EXIT_MIO)
    followed = client.get(f"/api/v1/adaptation/support/applications/{app.pk}/").json()
    assert followed["state"] == "at_exit_mio" and [s["rule"] for s in followed["steps"]] == ["ADA-2", "ADA-3", "ADA-4"]
    assert followed["result"]["quota_application"] is None
    listed = client.get("/api/v1/adaptation/support/applications/").json()
    assert [r["ref"] for r in listed["results"]] == [app.ref]
    stranger = make_staff(Role.API_CLIENT, organisation=world.exit.govcorp)
    assert client_for(stranger).get(f"/api/v1/adaptation/support/applications/{app.pk}/").status_code == 404
    foreign = client.post("/api/v1/adaptation/support/applications/", {**body, "career_centre": world.other.cc.pk},
                          content_type="application/json")
    assert foreign.status_code == 400
    no_consent = client.post("/api/v1/adaptation/support/applications/", {**body, "consent": False},
                             content_type="application/json")
    assert no_consent.status_code == 400 and "consent" in no_consent.json()


def test_consultation_and_fair_screens_for_the_exit_cc(world, family):
    """ADA-23 / ADA-10 on screen: the exit CC records topics one by one; a settlement CC may not start one."""
    client = client_for(world.exit.cc_specialist)
    response = client.post("/adaptation/support/consultations/new/", {"person_iin": family.applicant.iin})
    assert response.status_code == 302
    detail = response["Location"]
    client.post(detail + "topic/", {"topic": "quota", "note": "квота"})
    page = client.get(detail).content.decode()
    assert "квота" in page and world.exit.cc_specialist.get_full_name() in page
    assert client_for(world.settle.cc_specialist).post("/adaptation/support/consultations/new/", {
        "person_iin": family.applicant.iin}).status_code == 403
    fairs = client.post("/adaptation/support/fairs/", {"title": "Ярмарка", "mode": "offline",
                                                       "held_on": "2026-12-10", "settlement_cc": world.settle.cc.pk})
    assert fairs.status_code == 302 and client.get(fairs["Location"]).status_code == 200


def test_admin_shows_the_cases_read_only(world, family, admin_client):
    app = register(world, family)
    assert admin_client.get("/admin/adaptation/supportapplication/").status_code == 200
    assert admin_client.get(f"/admin/adaptation/supportapplication/{app.pk}/change/").status_code == 200
    assert admin_client.get("/admin/adaptation/jobfair/").status_code == 200
    assert admin_client.get("/admin/adaptation/preliminaryconsultation/").status_code == 200


def test_demo_has_cases_at_every_step_in_two_pairs_of_regions_and_loads_once():
    """The demo: every state of the chain for Almaty region → Pavlodar and → North Kazakhstan; idempotent."""
    from adaptation.demo_support import STAGES, demo_load
    from kandas.demo import demo_load as kandas_demo_load

    kandas_demo_load()
    demo_load()
    count = SupportApplication.objects.count()
    demo_load()
    assert SupportApplication.objects.count() == count == 2 * len(STAGES)
    for settle in ("550000000", "590000000"):
        states = set(SupportApplication.objects.filter(settlement_region__kato=settle).values_list("state", flat=True))
        assert states == set(STAGES)


def test_a_kazakh_reader_sees_the_chain_in_kazakh_what_the_system_wrote_in_russian(world, family):
    """Texts the system writes (timeline, step labels) are stored messages, read in the reader's language."""
    from django.utils import translation

    with translation.override("ru"):
        app = walk(world, register(world, family), SupportState.AT_EXIT_MIO)
    page = client_for(world.exit.head, "kk").get(app.get_absolute_url()).content.decode()
    assert "кету өңірі ЖАО басшылығында" in page  # the state
    assert "Отбасы құрамы Отбасының цифрлық картасы бойынша тексерілді" in page  # the timeline message
    assert "Тексеру және қол қою (кету өңірі ЖАО басшылығы)" in page  # the step label
    assert "Состав семьи проверен" not in page


def test_a_stale_page_is_refused_with_changed_by_someone_else_and_nothing_is_saved(world, family):
    """Two people at once: the second, who saw an older version, is told to reload; the case does not move."""
    app = walk(world, register(world, family), SupportState.AT_EXIT_LMC)
    stale = app.version
    assert _act(world.exit.lmc_head, app, "lmc_sign").status_code == 302
    app = SupportApplication.objects.get(pk=app.pk)
    response = client_for(world.exit.head).post(f"/adaptation/support/{app.pk}/act/exit_mio_sign/", {
        "seen_version": stale, "sign_confirmed": "1"}, follow=True)
    assert "changed by someone else" in response.content.decode()
    assert SupportApplication.objects.get(pk=app.pk).state == SupportState.AT_EXIT_MIO


def test_the_list_takes_a_constant_number_of_queries_whatever_the_number_of_cases(world, family):
    """The list a CC specialist uses all day (with who holds each case now) does not slow down with more cases."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.settle.specialist)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    walk(world, register(world, family), SupportState.AT_SETTLEMENT_LMC)
    few = count("/adaptation/support/")
    for _ in range(4):
        walk(world, register(world, family), SupportState.AT_SETTLEMENT_LMC)
    assert count("/adaptation/support/") == few
