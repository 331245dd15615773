"""Demo status cases (idempotent): in each demo region an application in every state, walked through the
real services by the demo users (mio_specialist_<r>, commission_secretary_<r>, mio_head_<r>, …)."""
import datetime

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from kandas.demo import DEMO_REGIONS
from kandas.models import Consent, DocumentKind, Region
from kandas.workdays import WorkCalendar

from . import services
from .models import StatusApplication

NAMES = [("Тұрсынбаев", "Ержан"), ("Қалиева", "Гүлнар"), ("Оспанов", "Мұрат"), ("Сәрсенова", "Әйгерім"),
         ("Бекмұханов", "Талғат"), ("Ермекова", "Динара"), ("Жақыпов", "Нұрлан"), ("Әлімова", "Сая"),
         ("Құрманов", "Арман"), ("Төлеуова", "Жұлдыз"), ("Ысқақов", "Бақыт"), ("Мұқанова", "Ләззат"),
         ("Серікбаев", "Асхат")]
# The state each demo application is walked to, in order.
SCRIPT = ["registered", "at_commission", "recommended_assign", "recommended_refuse", "hearing", "hearing_postponed",
          "heard", "awaiting_arrival", "assigned", "refused", "expired", "extension_registered", "extended"]


def _scan(name):
    return ContentFile(b"%PDF-1.4 demo scan", name=name)


def _file(users, region, index, *, complete=True, mission=False):
    surname, given = NAMES[index % len(NAMES)]
    sex = "F" if surname.endswith("а") else "M"
    documents = [{"kind": DocumentKind.AUTOBIOGRAPHY, "file": _scan("autobiography.pdf")},
                 {"kind": DocumentKind.IDENTITY, "number": f"E{index:07d}", "file": _scan("passport.pdf")},
                 {"kind": DocumentKind.NATIONALITY, "number": f"BC-{index}", "file": _scan("birth.pdf")}]
    actor = users["gov"] if not mission else users["mission"]
    app = services.application_submit(
        actor=actor, channel="mission" if mission else "govcorp",
        sub_type="mission" if mission else "general", region=region, settlement_region=region if mission else None,
        applicant={"surname": surname, "given_name": given, "sex": sex, "country_of_exit": "Китай",
                   "birth_date": datetime.date(1980 + index, 1 + index % 12, 10), "citizenship": "CN"},
        members=[({"surname": surname, "given_name": "Әлихан", "birth_date": datetime.date(2012, 3, 1), "sex": "M"},
                  "son")] if index % 3 == 0 else [],
        documents=documents if complete else documents[:1], consent_method=Consent.Method.PAPER)
    if complete:
        for member in app.members.all():
            app = services.application_document_attach(actor=actor, application_id=app.pk, person_id=member.person_id,
                                                       kind=DocumentKind.IDENTITY, file=_scan("child-id.pdf"))
    return app


def _walk(users, app, target):
    today = timezone.localdate()
    hearing_at = timezone.make_aware(datetime.datetime.combine(
        WorkCalendar.load().add_working_days(today, 1), datetime.time(10, 0)))
    if target in ("heard", "refused"):
        # STA-4: an outcome is recorded only after the hearing: the demo's hearing was held this morning.
        hearing_at = max(timezone.now() - datetime.timedelta(minutes=1),
                         timezone.make_aware(datetime.datetime.combine(today, datetime.time(0, 0))))
    if target == "registered":
        return app
    app = services.application_send_to_commission(actor=users["spec"], application_id=app.pk)
    if target == "at_commission":
        return app
    refuse = target in ("recommended_refuse", "hearing", "hearing_postponed", "heard", "refused")
    app = services.application_recommend(
        actor=users["sec"], application_id=app.pk, outcome="refuse" if refuse else "assign",
        protocol_number=f"{app.pk}", protocol_date=today, video_reference=f"video://kcom/{today:%Y%m%d}/{app.pk}",
        remarks="Сведения о национальности требуют проверки" if refuse else "")
    if target in ("recommended_assign", "recommended_refuse"):
        return app
    if refuse:
        app = services.hearing_notify(actor=users["spec"], case=app, remarks="Не подтверждена национальность",
                                      channel="sms", hearing_at=hearing_at, place="Управление, каб. 204")
        if target == "hearing":
            return app
        if target == "hearing_postponed":
            return services.hearing_postpone(actor=users["spec"], case=app, reason="Болезнь заявителя",
                                             until=today + datetime.timedelta(days=7),
                                             document_file=_scan("sick-leave.pdf"))
        app = services.hearing_record(actor=users["spec"], case=app, outcome="refused",
                                      minutes="Заявитель не представил дополнительных документов")
        if target == "heard":
            return app
        return services.decision_refuse(actor=users["head"], case=app, grounds=["1", "2"],
                                        motivation="Не подтверждена принадлежность к казахской национальности")
    app = services.application_assign(actor=users["head"], application_id=app.pk)
    if target == "awaiting_arrival":
        return app
    if target == "expired":
        StatusApplication.objects.filter(pk=app.pk).update(status_until=today - datetime.timedelta(days=1))
        services.status_expire(application_id=app.pk)
        return app
    if target in ("extension_registered", "extended"):
        ext = services.extension_submit(actor=users["gov"], application_id=app.pk, channel="govcorp",
                                        requested_until=app.status_until + relativedelta(months=6),
                                        reason="Оформление гражданства")
        if target == "extended":
            services.extension_grant(actor=users["head"], extension_id=ext.pk)
    return app


@transaction.atomic
def demo_load(stdout=None) -> int:
    created = 0
    for code, kato in DEMO_REGIONS.items():
        region = Region.objects.get(kato=kato)
        if StatusApplication.objects.filter(region=region).exists():
            continue
        users = {key: User.objects.get(username=f"{name}_{code}") for key, name in (
            ("spec", "mio_specialist"), ("head", "mio_head"), ("sec", "commission_secretary"),
            ("gov", "govcorp_operator"))}
        users["mission"] = User.objects.get(username="mission_officer")
        for index, target in enumerate(SCRIPT):
            app = _file(users, region, index, complete=target != "registered", mission=target == "awaiting_arrival")
            _walk(users, app, target)
            created += 1
    if stdout is not None:
        stdout.write(f"status: {created} demo applications\n")
    return created
