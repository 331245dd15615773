"""Issue 12, quota (002, 003): what a second reading of the seeds found. Each test names its rule."""
import datetime
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from django.core.exceptions import ValidationError

from kandas.deadlines import step_deadlines
from kandas.models import Locality
from tests.factories import PersonFactory
from kandas.scoping import user_organisation

from quota.models import AppState, Channel, QuotaApplication, QuotaPlan
from kandas.transitions import ActionNotAllowed
from quota.services import (application_check_completeness, application_decide_include, application_decide_refuse,
                            application_recommend, application_record_hearing, application_send_to_commission,
                            DocumentInput, QuotaExhausted, quota_plan_set)

from .helpers import FILED, file_kandas, file_settler, heard, kandas_applicant_make, settler_make
from tests.html import field_error_shown

pytestmark = pytest.mark.django_db
D = datetime.date


def _pdf(client, app, form, lang="ru") -> str:
    r = client.get(reverse("quota:application_print", args=[app.pk, form]) + f"?lang={lang}")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf", form
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages).replace("\n", " ")


def _recommended(world, app, on=FILED):
    app = application_check_completeness(application_id=app.pk, actor=world.operator, on=on)
    app = application_send_to_commission(application_id=app.pk, actor=world.specialist, on=on)
    secretary = world.ecom_secretary if app.is_settlers else world.secretary
    return application_recommend(application_id=app.pk, actor=secretary, include=True, on=on)


# --- printed forms ---------------------------------------------------------------------------------------

def test_quo3_app3_and_app8_print_the_heads_eds_and_the_state_corporation_branch(client, world, kandas_family,
                                                                                 settler):
    """QUO-3 (app.3, app.8): the refusal-to-accept receipt carries «Басшының ЭЦҚ» and the branch of the State
    Corporation that refused."""
    client.force_login(world.operator)
    app = application_check_completeness(application_id=file_kandas(world, kandas_family).pk,
                                         actor=world.operator, missing=["Свидетельство о браке"], on=FILED)
    kk = _pdf(client, app, "app3", "kk")
    assert kk.count("Басшының ЭЦҚ") == 2  # on both copies
    ru = _pdf(client, app, "app3")
    assert "ЭЦП руководителя" in ru
    assert f"Филиал Государственной корпорации: {user_organisation(world.operator).name}" in ru
    other = application_check_completeness(application_id=file_settler(world, settler).pk, actor=world.operator,
                                           missing=["Справка о регистрации безработным"], on=FILED)
    kk = _pdf(client, other, "app8", "kk")
    assert "Басшының ЭЦҚ" in kk and "Мемлекеттік корпорация филиалы:" in kk


def test_quo8_app4_prints_no_iin_of_the_applicant(client, world, kandas_family, plans):
    """QUO-8 (app.4): the kandas inclusion decision has no IIN field for the applicant (members keep theirs)."""
    applicant, spouse, _son = kandas_family
    app = application_decide_include(application_id=_recommended(world, file_kandas(world, kandas_family)).pk,
                                     actor=world.head, on=D(2026, 3, 17))
    client.force_login(world.specialist)
    text = _pdf(client, app, "app4")
    assert applicant.iin not in text.replace(" ", "")
    assert spouse.iin in text.replace(" ", "")


def test_printed_forms_receipt_p6_carries_no_note_about_its_source(client, world, kandas_family):
    """Printed forms (issue 12): the acceptance receipt (p.6) is for the applicant; its source note lives in the
    README catalogue and the PDF metadata, not on the page."""
    app = application_check_completeness(application_id=file_kandas(world, kandas_family).pk,
                                         actor=world.operator, on=FILED)
    client.force_login(world.operator)
    text = _pdf(client, app, "receipt")
    assert "Расписка о приёме документов" in text
    assert "форма не утверждена" not in text and "составлена по сведениям" not in text


# --- QUO-7 ----------------------------------------------------------------------------------------------

def test_quo7_no_refusal_after_a_positive_recommendation_without_preliminary_decision_and_hearing(
        client, world, kandas_family, plans):
    """QUO-7 (p.12, APPC art.73): after a positive recommendation the head cannot refuse at once; the refusal
    says why, and is possible after the MIO's preliminary decision (with the hearing's time and place) and the
    hearing."""
    app = _recommended(world, file_kandas(world, kandas_family))
    with pytest.raises(ActionNotAllowed, match="предварительного решения"):
        application_decide_refuse(application_id=app.pk, actor=world.head, grounds=["k2"], on=D(2026, 3, 17))
    client.force_login(world.head)
    r = client.post(reverse("quota:application_act", args=[app.pk, "refuse"]),
                    {"seen_version": app.version, "grounds": ["k2"], "sign_confirmed": "1"}, follow=True)
    assert r.status_code == 200 and "предварительного решения" in r.content.decode()
    assert QuotaApplication.objects.get(pk=app.pk).state == AppState.RECOMMENDED
    r = client.post(reverse("quota:application_act", args=[app.pk, "preliminary_refusal"]), {
        "seen_version": app.version, "remarks": "Заявитель отказался от предложенного района",
        "hearing_at": "2026-03-19T10:00", "hearing_place": "каб. 204"})
    assert r.status_code == 302
    app = QuotaApplication.objects.get(pk=app.pk)
    assert app.state == AppState.PRELIMINARY_REFUSAL
    assert app.notices.filter(kind="preliminary").exists()
    app = application_record_hearing(application_id=app.pk, actor=world.specialist, objections="",
                                     minutes="Заявитель подтвердил отказ", on=D(2026, 3, 19))
    app = application_decide_refuse(application_id=app.pk, actor=world.head, grounds=["k5"], on=D(2026, 3, 19))
    assert app.state == AppState.REFUSED


# --- QUO-3, QUO-5, QUO-6: acceptance and the counts from arrival ------------------------------------------

def _deadline(app, step):
    return step_deadlines(app, step).order_by("-pk").first()


def test_quo3_paper_refusal_at_the_state_corporation_is_on_the_spot(world, kandas_family, settler):
    """QUO-3 (p.6, p.14): at the State Corporation the completeness check and the refusal receipt happen on the
    spot — the step is due the day of filing, not 1 (kandas) / 2 (settlers) working days later."""
    for app in (file_kandas(world, kandas_family), file_settler(world, settler)):
        check = _deadline(app, "govcorp_check")
        assert check is not None and check.due == FILED and check.rule == "QUO-3"
        assert _deadline(app, "k_acceptance") is None and _deadline(app, "s_acceptance") is None
    second = kandas_applicant_make(world)
    portal = file_kandas(world, (second, None, None), channel=Channel.PORTAL, actor=world.specialist, members=[])
    assert _deadline(portal, "k_acceptance").due == D(2026, 3, 17)  # p.8: the portal's 1 working day stays


def test_quo5_six_working_days_count_from_the_day_the_application_arrives(world, kandas_family):
    """QUO-5 (p.10 «өтініштер келіп түскен күннен кейін алты жұмыс күні»): filed (arrived) on Mon 16.03, accepted
    on 18.03 → the file is due at the commission 6 working days after 16.03 (Nauryz 21–25.03 off): 27.03."""
    app = application_check_completeness(application_id=file_kandas(world, kandas_family).pk,
                                         actor=world.operator, on=D(2026, 3, 18))
    assert _deadline(app, "k_to_commission").due == D(2026, 3, 27)


def test_quo6_five_working_days_count_from_the_day_the_application_arrives(world, settler):
    """QUO-6 (p.19 «келіп түскен күннен бастап бес жұмыс күні»): arrived 16.03, accepted 18.03 → due 26.03."""
    app = application_check_completeness(application_id=file_settler(world, settler).pk,
                                         actor=world.operator, on=D(2026, 3, 18))
    assert _deadline(app, "s_to_commission").due == D(2026, 3, 26)


def test_quo3_settler_documents_ending_on_the_decision_day_are_refused_not_up_to_the_term_end(world, settler):
    """QUO-3 (p.15, 2026): a settler's document whose validity ends by the decision day is refused; the decision
    day is the decision step's due date (arrival 16.03 + 5 → 26.03, + 3 → 31.03, + 3 → 03.04), not the end
    of the 14-day term (08.04)."""
    ends_on_decision_day = file_settler(world, settler, documents=[
        DocumentInput("identity", "Удостоверение личности 045678123", D(2026, 4, 3))])
    app = application_check_completeness(application_id=ends_on_decision_day.pk, actor=world.operator, on=FILED)
    assert app.state == AppState.REFUSED_TO_ACCEPT and "03.04.2026" in app.missing_documents[0]
    valid_after_decision = file_settler(world, settler, documents=[
        DocumentInput("identity", "Удостоверение личности 045678123", D(2026, 4, 6))])
    app = application_check_completeness(application_id=valid_after_decision.pk, actor=world.operator, on=FILED)
    assert app.state == AppState.REGISTERED


# --- QUO-10: one free count; plans by territorial unit -----------------------------------------------------

def test_quo10_one_free_count_on_the_dashboard_the_case_page_and_the_api(client, world, kandas_family):
    """QUO-10: a plan of 120 with 5 used and one recommended family of 3 → free 115 everywhere (quota − used),
    with the 3 reserved shown as its part — the dashboard, the case page and /api/v1/quota/plans/ agree."""
    QuotaPlan.objects.create(region=world.region, year=2026, kind="kandas", admitted=120, used=5)
    app = _recommended(world, file_kandas(world, kandas_family))
    client.force_login(world.head)
    dashboard = client.get(reverse("quota:plan_dashboard"), {"year": 2026}).content.decode().replace("\n", "")
    assert '<td>120</td><td>5</td><td data-testid="plan-free">115</td><td>3</td>' in dashboard
    page = client.get(app.get_absolute_url()).content.decode()
    assert "свободно 115 из 120 (из них зарезервировано 3)" in page and "использовано 5" in page
    rows = client.get("/api/v1/quota/plans/", {"year": 2026}).json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    row = next(r for r in rows if r["kind"] == "kandas" and r["region_kato"] == world.region.kato)
    assert (row["admitted"], row["used"], row["free"], row["reserved"]) == (120, 5, 115, 3)


def test_quo10_inclusion_consumes_the_plan_of_the_applications_district_or_falls_back_to_the_region(
        world, kandas_family, locality):
    """QUO-10: a district's own plan is consumed by an application for that district; an application for a
    unit without a plan consumes the region's plan; a unit plan must lie inside its region."""
    region_plan = QuotaPlan.objects.create(region=world.region, year=2026, kind="kandas", admitted=10)
    unit_plan = quota_plan_set(region_id=world.region.pk, locality_id=locality.pk, year=2026, kind="kandas",
                               admitted=3)
    app = application_decide_include(
        application_id=_recommended(world, file_kandas(world, kandas_family, locality_id=locality.pk)).pk,
        actor=world.head, on=D(2026, 3, 17))
    assert app.quota_plan == unit_plan and app.quota_units == 3
    assert (QuotaPlan.objects.get(pk=unit_plan.pk).used, QuotaPlan.objects.get(pk=region_plan.pk).used) == (3, 0)
    other_town = Locality.objects.create(region=world.region, kato="552210000", name_ru="г. Аксу",
                                         name_kk="Ақсу қ.", kind="town")
    applicant = PersonFactory(region=world.region, kandas_status_since=D(2025, 1, 1))
    app = application_decide_include(application_id=_recommended(world, file_kandas(
        world, (applicant, None, None), members=[], locality_id=other_town.pk)).pk, actor=world.head,
        on=D(2026, 3, 17))
    assert app.quota_plan == region_plan and QuotaPlan.objects.get(pk=region_plan.pk).used == 1
    elsewhere = Locality.objects.create(region=world.exit_region, kato="611010000", name_ru="г. Туркестан",
                                        name_kk="Түркістан қ.", kind="town")
    with pytest.raises(ActionNotAllowed):
        quota_plan_set(region_id=world.region.pk, locality_id=elsewhere.pk, year=2026, kind="kandas", admitted=1)
    with pytest.raises(ValidationError):
        file_kandas(world, kandas_family, locality_id=elsewhere.pk)


def test_quo10_applicants_refusal_of_the_offered_unit_is_ground_5(client, world, kandas_family, locality):
    """QUO-10 / QUO-9 (ground 5 kandas): the applicant's refusal of the offered district is recorded on the case;
    inclusion is then refused with the reason, and the refusal (after the hearing) has ground 5 ticked."""
    QuotaPlan.objects.create(region=world.region, year=2026, kind="kandas", admitted=10)
    app = _recommended(world, file_kandas(world, kandas_family, locality_id=locality.pk))
    client.force_login(world.specialist)
    r = client.post(reverse("quota:application_act", args=[app.pk, "unit_refused"]),
                    {"seen_version": app.version, "on": "2026-03-17"})
    assert r.status_code == 302
    app = QuotaApplication.objects.get(pk=app.pk)
    assert app.locality_refused_on == D(2026, 3, 17)
    with pytest.raises(QuotaExhausted) as exc:
        application_decide_include(application_id=app.pk, actor=world.head, on=D(2026, 3, 17))
    assert exc.value.ground == "k5" and "Экибастуз" in str(exc.value)
    app = heard(world, app, on=D(2026, 3, 18))
    client.force_login(world.head)
    html = client.get(app.get_absolute_url()).content.decode()
    assert re.search(r'value="k5"\s+id="id_refuse_grounds_4" checked', html) and "отказался" in html


# --- QUO-1 ----------------------------------------------------------------------------------------------

def test_quo1_status_under_condition_9_1_must_be_confirmed_and_is_recorded(client, world, kandas_family):
    """QUO-1 (p.3): the basis is status obtained under condition 9.1) of the status rules, not any kandas
    status; the registry does not record the condition, so the filer confirms it and the answer is kept."""
    with pytest.raises(ValidationError) as exc:
        file_kandas(world, kandas_family, eligibility_answers={})
    assert "status_9_1" in exc.value.message_dict and "9" in exc.value.message_dict["status_9_1"][0]
    client.force_login(world.operator)
    applicant = kandas_family[0]
    form = {"region": world.region.pk, "channel": "govcorp", "applicant_iin": applicant.iin, "consent": "on"}
    r = client.post(reverse("quota:application_new", args=["kandas"]), form)
    assert r.status_code == 400 and field_error_shown(r.content.decode(), 'status_9_1')
    assert not QuotaApplication.objects.exists()
    r = client.post(reverse("quota:application_new", args=["kandas"]), {**form, "status_9_1": "on"})
    app = QuotaApplication.objects.get()
    assert r.status_code == 302 and app.eligibility_answers == {"status_9_1": True}
    assert "9.1" in app.eligibility_note or "пункта 9" in app.eligibility_note


def test_quo1_widow_children_common_from_the_registry_or_asked(world, kandas_family):
    """QUO-1 (p.3): a widow applies with her common children and/or children born in Kazakhstan before the
    parents' citizenship: a child in the late spouse's family is taken from the registry, any other child needs
    the explicit answer, other relatives are refused; the answers are recorded."""
    from kandas.models import Family, FamilyMember, Kinship
    from quota.models import EligibilityBasis
    from quota.services import MemberInput

    widow, spouse, son = kandas_family
    late = PersonFactory(region=world.region, quota_included_on=D(2024, 5, 1))
    daughter = PersonFactory(region=world.region, birth_date=D(2015, 2, 2))
    FamilyMember.objects.create(family=Family.objects.create(applicant=late, region=world.region), person=daughter,
                                kinship=Kinship.DAUGHTER)
    widow_case = {"eligibility_basis": EligibilityBasis.WIDOW, "widow_of_id": late.pk}
    with pytest.raises(ValidationError) as exc:
        file_kandas(world, kandas_family, members=[MemberInput(spouse.pk, Kinship.SPOUSE)], **widow_case)
    assert "members" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        file_kandas(world, kandas_family, members=[MemberInput(daughter.pk, Kinship.DAUGHTER),
                                                   MemberInput(son.pk, Kinship.SON)], **widow_case)
    assert "widow_children" in exc.value.message_dict
    app = file_kandas(world, kandas_family, members=[MemberInput(daughter.pk, Kinship.DAUGHTER),
                                                     MemberInput(son.pk, Kinship.SON)],
                      eligibility_answers={"children": {str(son.pk): "born_kz"}}, **widow_case)
    assert app.eligibility_answers["children"] == {
        str(daughter.pk): {"answer": "common", "source": "registry"},
        str(son.pk): {"answer": "born_kz", "source": "applicant"}}


# --- QUO-6: the application period ---------------------------------------------------------------------

def test_quo6_settlers_apply_within_the_period_of_p12_sub4(client, world, settler):
    """QUO-6 (002 p.14 → order 234 p.12 sub.4, a setting since that text is not in the seeds): with a period
    01.02–30.11 in force, a settler filing on 01.12 is refused with the reason and nothing is saved; inside the
    period the filing goes through; with no period set (the default) applications are taken all year."""
    from quota.models import SettlerApplicationPeriod

    file_settler(world, settler, filed_on=D(2026, 12, 1))  # the default: no period, all year
    SettlerApplicationPeriod.objects.create(effective_from=D(2026, 1, 1), starts_month=2, starts_day=1,
                                            ends_month=11, ends_day=30, source="приказ № 234, п.12 пп.4")
    with pytest.raises(ValidationError) as exc:
        file_settler(world, settler_make(world), filed_on=D(2026, 12, 2))
    assert "01.02–30.11" in " ".join(exc.value.messages) and "02.12.2026" in " ".join(exc.value.messages)
    assert QuotaApplication.objects.count() == 1
    assert file_settler(world, settler_make(world), filed_on=FILED).pk
