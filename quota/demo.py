"""Demo data of the quota slice (idempotent): plans, localities lists, applications in several states."""
import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from kandas.models import Family, Locality, Region, StateRecord
from kandas.reference import LOCALITY_NAMES_EN

from .models import Channel, QuotaApplication, QuotaKind, QuotaPlan, QuotaUnit
from .services import (MemberInput, application_check_completeness, application_decide_include,
                       application_file, application_recommend, application_send_to_commission,
                       locality_list_entry_add, locality_list_start, quota_plan_set)

PLANS = {"550000000": (120, 300), "590000000": (150, 400)}
LOCALITIES = {
    "550000000": [("551610000", "г. Экибастуз", "Екібастұз қ."), ("552210000", "г. Аксу", "Ақсу қ."),
                  ("553630100", "с. Успенка", "Успенка а.")],
    "590000000": [("591010000", "г. Петропавловск", "Петропавл қ."), ("594430100", "с. Сергеевка", "Сергеевка а.")],
}


def _user(name):
    return User.objects.filter(username=name).first()


@transaction.atomic
def demo_load(stdout=None) -> None:
    today = timezone.localdate()
    for kato, (kandas, settlers) in PLANS.items():
        region = Region.objects.get(kato=kato)
        if not QuotaPlan.objects.filter(region=region, year=today.year).exists():
            quota_plan_set(region_id=region.pk, year=today.year, kind=QuotaKind.KANDAS, admitted=kandas,
                           basis="Постановление Правительства РК (демо)")
            quota_plan_set(region_id=region.pk, year=today.year, kind=QuotaKind.SETTLERS, admitted=settlers,
                           unit=QuotaUnit.FAMILIES, basis="Постановление Правительства РК (демо)")
        for loc_kato, ru, kk in LOCALITIES[kato]:
            Locality.objects.get_or_create(kato=loc_kato, defaults={"region": region, "name_ru": ru, "name_kk": kk,
                                                                    "name_en": LOCALITY_NAMES_EN.get(loc_kato, ""),
                                                                    "is_rural": ru.startswith("с.")})
        code = {"550000000": "pvl", "590000000": "sko"}[kato]
        mio = _user(f"mio_specialist_{code}")
        lst = locality_list_start(region_id=region.pk, year=today.year + 1, actor=mio)
        if mio and not lst.entries.exists():
            for loc in Locality.objects.filter(region=region):
                locality_list_entry_add(list_id=lst.pk, actor=mio, locality_id=loc.pk, direction="quota",
                                        places=25, jobs="Вакансии: сварщик, учитель, тракторист")
    _demo_applications(today)
    if stdout:
        stdout.write("quota: plans, localities lists and applications loaded\n")


def _demo_applications(today: datetime.date) -> None:
    region = Region.objects.get(kato="550000000")
    if QuotaApplication.objects.filter(region=region).exists():
        return
    operator, specialist = _user("govcorp_operator_pvl"), _user("mio_specialist_pvl")
    secretary, head = _user("commission_secretary_pvl"), _user("mio_head_pvl")
    if not all((operator, specialist, secretary, head)):
        return
    families = list(Family.objects.filter(region=region).select_related("applicant")[:5])
    for i, family in enumerate(families):
        applicant = family.applicant
        applicant.kandas_status_since = applicant.kandas_status_since or today - datetime.timedelta(days=120)
        applicant.kandas_status_until = applicant.kandas_status_until or today + datetime.timedelta(days=245)
        applicant.save()
        StateRecord.objects.get_or_create(iin=applicant.iin, kind="registration", defaults={"payload": {
            "address": "г. Павлодар", "kato": "551010000", "registered_since": str(today.replace(day=1))}})
        members = [MemberInput(m.person_id, m.kinship) for m in family.members.all()]
        app = application_file(actor=operator if i % 2 == 0 else specialist, kind=QuotaKind.KANDAS,
                               channel=Channel.GOVCORP if i % 2 == 0 else Channel.PORTAL, applicant_id=applicant.pk,
                               region_id=region.pk, consent=True, members=members,
                               eligibility_answers={"status_9_1": True})
        if i >= 1:
            app = application_check_completeness(application_id=app.pk, actor=operator if i % 2 == 0 else specialist)
        if i >= 2:
            app = application_send_to_commission(application_id=app.pk, actor=specialist)
        if i >= 3:
            app = application_recommend(application_id=app.pk, actor=secretary, include=True)
        if i >= 4:
            application_decide_include(application_id=app.pk, actor=head)
