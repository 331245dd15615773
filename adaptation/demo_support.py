"""Demo data of the adaptation services (idempotent): applications at every step of the chain for two pairs of
regions — Almaty region (exit) → Pavlodar and → North Kazakhstan (settlement) — each step taken by the demo
user of the organisation that holds it; a preliminary consultation and a job fair. Called by adaptation.demo."""
import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone, translation

from kandas.iin import iin_build
from kandas.models import Kinship, Locality, Organisation, Person, Region, StateRecord
from kandas.reference import organisation_name_en
from kandas.services import person_kandas_status_set

from .models import ConsultationTopic, SupportApplication, SupportCopy, SupportState
from .services import chain, consultation, fairs, relocation

PAIRS = [("alm", "pvl", "551010000"), ("alm", "sko", "591010000")]
# Every state a case can be left in, in chain order (the last three end the two branches and ADA-22).
STAGES = [SupportState.REGISTERED, SupportState.REWORK, SupportState.AT_EXIT_LMC, SupportState.AT_EXIT_MIO,
          SupportState.AT_SETTLEMENT_MIO, SupportState.SETTLEMENT_CHECK, SupportState.AT_SETTLEMENT_LMC,
          SupportState.LMC_ROUTING, SupportState.AT_SETTLEMENT_CC, SupportState.CC_WORKING,
          SupportState.UNEMPLOYMENT_DRAFT, SupportState.UNEMPLOYMENT_SENT, SupportState.FINAL_DECISION,
          SupportState.QUOTA_FILED, SupportState.RELOCATED, SupportState.SUPPORT_RETURN]
SURNAMES = ["Бекболат", "Нұрсейіт", "Оралхан", "Серікбай", "Тұрсын", "Қайрат", "Мұхтар", "Жанболат"]
GIVEN = ["Ерболат", "Дархан", "Қуаныш", "Мейрам", "Талғат", "Асылбек", "Бақыт", "Жандос"]


def _users(exit_code, settle_code):
    names = {"cc": f"cc_specialist_{exit_code}", "lmc_head": f"lmc_head_{exit_code}",
             "exit_mio": f"mio_head_{exit_code}", "mio_head": f"mio_head_{settle_code}",
             "mio": f"mio_specialist_{settle_code}", "lmc": f"lmc_specialist_{settle_code}",
             "scc": f"cc_specialist_{settle_code}", "director": f"cc_director_{settle_code}"}
    users = {k: User.objects.filter(username=v).first() for k, v in names.items()}
    return users if all(users.values()) else None


def _person(region, serial, birth, sex, surname, given):
    iin = next(i for i in (iin_build(birth, sex, serial + k * 997) for k in range(50)) if i)
    person = Person.objects.filter(iin=iin).first()
    if person is None:
        person = Person.objects.create(iin=iin, surname=surname, given_name=given, birth_date=birth, sex=sex,
                                       citizenship="CN", country_of_exit="Китай", region=region)
        StateRecord.objects.get_or_create(iin=iin, kind=StateRecord.Kind.IDENTITY, defaults={"payload": {
            "surname": surname, "given_name": given, "birth_date": birth.isoformat(), "sex": sex,
            "citizenship": "CN"}})
    return person


def _family(region, n):
    today = timezone.localdate()
    surname = SURNAMES[n % len(SURNAMES)]
    applicant = _person(region, 7000 + n * 3, datetime.date(1978 + n % 15, 1 + n % 12, 5), "M", surname,
                        GIVEN[n % len(GIVEN)])
    spouse = _person(region, 7001 + n * 3, datetime.date(1980 + n % 15, 2 + n % 10, 9), "F", surname + "а", "Гүлнар")
    child = _person(region, 7002 + n * 3, datetime.date(today.year - 7, 3, 14), "M", surname, "Әлихан")
    if applicant.kandas_status_since is None:
        person_kandas_status_set(person_id=applicant.pk, since=today - datetime.timedelta(days=90),
                                 until=today + datetime.timedelta(days=275))
    return applicant, spouse, child


def _advance(app, users, target):
    """Take each step as the demo user of its holder until the case is in `target`."""
    today = timezone.localdate()
    while app.state != target:
        s = app.state
        if s in (SupportState.REGISTERED, SupportState.REWORK):
            if target == SupportState.REWORK and s == SupportState.REGISTERED:
                app = chain.support_submit(actor=users["cc"], application_id=_copies(app, users).pk)
                app = chain.support_lmc_return(actor=users["lmc_head"], application_id=app.pk,
                                               remarks="Уточните состав семьи по Цифровой карте семьи")
                continue
            app = chain.support_submit(actor=users["cc"], application_id=_copies(app, users).pk)
        elif s == SupportState.AT_EXIT_LMC:
            app = chain.support_lmc_sign(actor=users["lmc_head"], application_id=app.pk)
        elif s == SupportState.AT_EXIT_MIO:
            app = chain.support_exit_mio_sign(actor=users["exit_mio"], application_id=app.pk)
        elif s == SupportState.AT_SETTLEMENT_MIO:
            app = chain.support_assign(actor=users["mio_head"], application_id=app.pk, specialist_id=users["mio"].pk)
        elif s == SupportState.SETTLEMENT_CHECK:
            app = chain.support_settlement_sign(actor=users["mio"], application_id=app.pk)
        elif s == SupportState.AT_SETTLEMENT_LMC:
            app = chain.support_lmc_contact(actor=users["lmc"], application_id=app.pk, receipt_confirmed_on=today,
                                            consultation_note="Проконсультирован по условиям переселения",
                                            vacancies_offered="Электромонтер; слесарь-ремонтник; курсы «Серпін»",
                                            interested=True)
        elif s == SupportState.LMC_ROUTING:
            app = chain.support_route_agree(actor=users["lmc"], application_id=app.pk, vacancy="Электромонтер",
                                            route="Алматы — Астана — место расселения",
                                            relocation_on=today + datetime.timedelta(days=14), transport="rail",
                                            arriving_count=3)
        elif s == SupportState.AT_SETTLEMENT_CC:
            app = chain.support_cc_accept(actor=users["scc"], application_id=app.pk,
                                          plan_draft="Регистрация по месту жительства, школа, поликлиника, работа")
        elif s == SupportState.CC_WORKING:
            if target in (SupportState.UNEMPLOYMENT_DRAFT, SupportState.UNEMPLOYMENT_SENT):
                app = chain.support_job_refused(actor=users["scc"], application_id=app.pk,
                                                reason="Отказ от вакансии электромонтера (сменный график)")
            else:
                app = relocation.support_final_decide(
                    actor=users["scc"], application_id=app.pk, relocation_on=today + datetime.timedelta(days=14),
                    transport="rail", employer="ТОО «Энергосервис»", position="электромонтер",
                    labour_contract=f"№ {app.pk} от {today:%d.%m.%Y}", housing_requested=True)
        elif s == SupportState.UNEMPLOYMENT_DRAFT:
            app = chain.support_unemployment_sign(actor=users["director"], application_id=app.pk)
        elif s == SupportState.FINAL_DECISION:
            app = relocation.support_quota_file(actor=users["scc"], application_id=app.pk, status_9_1=True)
        elif s == SupportState.QUOTA_FILED:
            tac = Organisation.objects.filter(region=app.settlement_region, kind=Organisation.Kind.TAC).first()
            app = relocation.support_relocate(actor=users["scc"], application_id=app.pk, arrived_on=today,
                                              met_at="ж/д вокзал", temporary_housing=str(tac),
                                              registration_kind="temporary", registered_on=today,
                                              registration_centre_id=tac.pk)
        elif s == SupportState.RELOCATED:
            app = relocation.support_self_migration(actor=users["scc"], application_id=app.pk, on=today,
                                                    evidence="Снят с регистрации по месту пребывания (демо)")
        else:
            raise RuntimeError(f"demo: no way from {s} to {target}")
    return app


def _copies(app, users):
    ids = list(SupportCopy.objects.filter(member__application=app, source="paper", received_on__isnull=True)
               .values_list("pk", flat=True))
    if ids:
        return chain.support_copies_receive(actor=users["cc"], application_id=app.pk, copy_ids=ids)
    return app


def demo_load(stdout=None) -> dict:
    with translation.override("ru"):  # stored step labels and messages in the interface's default language
        return _demo_load(stdout)


@transaction.atomic
def _demo_load(stdout=None) -> dict:
    from kandas.demo import DEMO_REGIONS

    made = {}
    for pair_no, (exit_code, settle_code, locality_kato) in enumerate(PAIRS):
        users = _users(exit_code, settle_code)
        settle = Region.objects.filter(kato=DEMO_REGIONS[settle_code]).first()
        exit_region = Region.objects.filter(kato=DEMO_REGIONS[exit_code]).first()
        if users is None or settle is None or not Locality.objects.filter(kato=locality_kato).exists():
            continue
        Organisation.objects.get_or_create(kind=Organisation.Kind.TAC, region=settle, defaults={
            "name_ru": f"Центр временного размещения ({settle.name_ru})",
            "name_kk": f"Уақытша орналастыру орталығы ({settle.name_kk})",
            "name_en": organisation_name_en(Organisation.Kind.TAC, settle)})
        if SupportApplication.objects.filter(exit_region=exit_region, settlement_region=settle).exists():
            continue
        for n, stage in enumerate(STAGES):
            applicant, spouse, child = _family(exit_region, pair_no * 100 + n)
            app = chain.support_application_register(
                actor=users["cc"], applicant_iin=applicant.iin, settlement_region_id=settle.pk,
                locality_kato=locality_kato, consent=True,
                members=[chain.MemberInput(spouse.iin, Kinship.SPOUSE), chain.MemberInput(child.iin, Kinship.SON)])
            _advance(app, users, stage)
        made[f"{exit_code}→{settle_code}"] = len(STAGES)
        if pair_no == 0:
            c = consultation.consultation_start(actor=users["cc"], person_iin=_family(exit_region, 99)[0].iin)
            for topic in ConsultationTopic.values[:6]:
                consultation.consultation_topic_record(actor=users["cc"], consultation_id=c.pk, topic=topic)
            settle_cc = Organisation.objects.filter(kind=Organisation.Kind.CC, region=settle).first()
            fair = fairs.fair_create(actor=users["cc"], mode="online", held_on=timezone.localdate(),
                                     title="Ярмарка вакансий (видеоконференция)", settlement_cc_id=settle_cc.pk)
            for app in SupportApplication.objects.filter(exit_region=exit_region, settlement_region=settle)[:3]:
                fairs.fair_candidate_add(actor=users["cc"], fair_id=fair.pk, application_id=app.pk)
            fairs.fair_list_send(actor=users["cc"], fair_id=fair.pk)
    if stdout is not None:
        stdout.write(f"Adaptation services demo: {made or 'already loaded'}\n")
    return made
