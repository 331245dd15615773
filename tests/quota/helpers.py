"""Test worlds and filing helpers of the quota tests."""
import datetime
from dataclasses import dataclass

from kandas.models import Kinship, Organisation, Region, StateRecord
from tests.factories import PersonFactory
from quota.models import Channel, QuotaKind
from quota.services import (DocumentInput, MemberInput, application_file, application_preliminary_refusal,
                            application_record_hearing)

FILED = datetime.date(2026, 3, 16)  # a Monday


@dataclass
class World:
    region: Region
    exit_region: Region
    mio: Organisation
    specialist: object
    head: object
    secretary: object  # of the kandas commission (KCOM)
    operator: object
    ecom_secretary: object  # of the regional employment commission (settlers)
    cc_specialist: object  # of the career centre of the region of exit
    exit_specialist: object  # an MIO specialist of the region of exit
    exit_mio: Organisation
    other_specialist: object
    other_head: object


def file_kandas(world, family, *, channel=Channel.GOVCORP, filed_on=FILED, actor=None, members=None, **kw):
    applicant, spouse, son = family
    if members is None:
        members = [MemberInput(spouse.pk, Kinship.SPOUSE), MemberInput(son.pk, Kinship.SON)]
    kw.setdefault("eligibility_answers", {"status_9_1": True})  # QUO-1: confirmed from the status decision
    return application_file(
        actor=actor or world.operator, kind=QuotaKind.KANDAS, channel=channel, applicant_id=applicant.pk,
        region_id=world.region.pk, consent=True, filed_on=filed_on, members=members,
        documents=[DocumentInput("identity", "Паспорт КНР E12345678", datetime.date(2030, 1, 1))], **kw)


def file_settler(world, person, *, channel=Channel.GOVCORP, filed_on=FILED, actor=None, documents=None, **kw):
    kw.setdefault("employment_category", "9")
    kw.setdefault("job_seeker_registered_on", datetime.date(2026, 2, 1))
    return application_file(
        actor=actor or world.operator, kind=QuotaKind.SETTLERS, channel=channel, applicant_id=person.pk,
        region_id=world.region.pk, consent=True, filed_on=filed_on,
        documents=documents if documents is not None else [
            DocumentInput("identity", "Удостоверение личности 045678123", datetime.date(2031, 5, 1)),
            DocumentInput("job_seeker", "Справка о регистрации безработным", None)], **kw)


def heard(world, app, *, on, remarks="Квота в территориальной единице исчерпана", actor=None):
    """QUO-7: after a positive recommendation a refusal needs the MIO's preliminary decision and the hearing."""
    app = application_preliminary_refusal(
        application_id=app.pk, actor=actor or world.specialist, remarks=remarks, hearing_place="каб. 204",
        hearing_at=datetime.datetime.combine(on, datetime.time(10), tzinfo=datetime.UTC), on=on)
    return application_record_hearing(application_id=app.pk, actor=actor or world.specialist, objections="",
                                      minutes="Заявитель ознакомлен", on=on)


def settler_make(world):
    """A citizen registered in the region of exit since 2020 (the state systems say so, GEN-2)."""
    person = PersonFactory(region=world.exit_region, surname="Жұмабаев", given_name="Асқар", citizenship="KZ",
                           address="Туркестанская обл., с. Шаян")
    StateRecord.objects.create(iin=person.iin, kind="identity", payload={
        "surname": person.surname, "given_name": person.given_name, "citizenship": "KZ"})
    StateRecord.objects.create(iin=person.iin, kind="registration", payload={
        "address": "Туркестанская обл., с. Шаян", "kato": "615630100", "registered_since": "2020-02-01"})
    return person


def kandas_applicant_make(world, surname="Қасымов"):
    """Another kandas with status and no family (one person has one open application per kind, issue 14)."""
    applicant = PersonFactory(region=world.region, surname=surname, kandas_status_since=datetime.date(2025, 6, 1),
                              kandas_status_until=datetime.date(2027, 6, 1))
    return applicant


def rows_post(prefix: str, rows: list[dict]) -> dict:
    """POST data of a formset of the application page (quota.forms_rows): the management form and the rows."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data
