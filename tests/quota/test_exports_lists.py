"""GEN-3 on the quota lists: the commission agenda, the plan dashboard's table, the MIO's lists of localities, the
public page of published localities and the proposals to the ministry export what the page shows under its filter,
with its Russian headers, never another region's rows; each export by a user is logged."""
import datetime

import pytest
from django.urls import reverse

from kandas.models import ExportLog, Locality, Region
from quota.models import QuotaKind, QuotaPlan, QuotaProposal
from quota.services import (application_check_completeness, application_send_to_commission, locality_list_entry_add,
                            locality_list_publish, locality_list_start, proposal_create, proposal_send)
from tests.exports import csv_rows, xlsx_rows
from tests.factories import PersonFactory

from .helpers import FILED, file_kandas
from tests.html import reader_client

pytestmark = pytest.mark.django_db
D = datetime.date


_client = reader_client  # a client reading Russian, logged in


def _filed(world, surname):
    applicant = PersonFactory(region=world.region, surname=surname, given_name="Айгерім",
                              kandas_status_since=D(2025, 1, 1))
    app = file_kandas(world, (applicant, None, None), members=[])
    return application_check_completeness(application_id=app.pk, actor=world.operator, on=FILED)


def test_commission_agenda_exports_every_waiting_application_of_the_region(world, monkeypatch):
    """QUO-5: all of the agenda (one page holds one row here), not the application still being checked."""
    monkeypatch.setattr("quota.views.commission.PAGE_SIZE", 1)
    waiting = [application_send_to_commission(application_id=_filed(world, name).pk, actor=world.specialist, on=FILED)
               for name in ("Бекова", "Ахметова")]
    not_yet = _filed(world, "Серікова")
    rows = csv_rows(_client(world.secretary).get(reverse("quota:commission"), {"export": "csv", "page": "1"}))
    assert rows[0] == ["Номер", "Заявитель", "Подвид услуги", "Направлено в комиссию", "Срок"]
    by_ref = {r[0]: r for r in rows[1:]}
    assert set(by_ref) == {a.ref for a in waiting} and not_yet.ref not in by_ref
    assert by_ref[waiting[0].ref][1] == waiting[0].applicant.full_name
    assert by_ref[waiting[0].ref][3] == FILED.strftime("%d.%m.%Y")
    log = ExportLog.objects.get()
    assert (log.user, log.list_name, log.rows) == (world.secretary, "quota-commission", 2)
    # another region's MIO exports its own (empty) agenda; the page links the export
    assert csv_rows(_client(world.other_specialist).get(reverse("quota:commission"), {"export": "csv"}))[1:] == []
    html = _client(world.secretary).get(reverse("quota:commission"), {"page": "2"}).content.decode()
    assert 'href="?export=csv"' in html and 'href="?export=xlsx"' in html


def test_plan_dashboard_exports_its_table_under_the_year_and_kind(world, plans):
    """QUO-10: the table's rows under ?year= and ?kind=; another year's, kind's or region's plan is absent."""
    QuotaPlan.objects.filter(pk=plans[QuotaKind.KANDAS].pk).update(used=4)
    QuotaPlan.objects.create(region=world.region, year=2025, kind=QuotaKind.KANDAS, admitted=7)
    QuotaPlan.objects.create(region=Region.objects.get(kato="590000000"), year=2026, kind=QuotaKind.KANDAS, admitted=9)
    query = {"year": "2026", "kind": "kandas"}
    client = _client(world.specialist)
    rows = xlsx_rows(client.get(reverse("quota:plan_dashboard"), {**query, "export": "xlsx"}))
    assert rows[0] == ("Административно-территориальная единица (КАТО)", "Вид", "Единица учёта", "Квота",
                       "Использовано", "Свободно (квота − использовано)", "из них зарезервировано")
    assert len(rows) == 2
    unit, kind, _counted, admitted, used, free, reserved = rows[1]
    assert unit == f"{world.region.name_ru} ({world.region.kato})"
    assert (kind, admitted, used, free, reserved) == ("кандасы", 10, 4, 6, 0)
    assert ExportLog.objects.get().list_name == "quota-plans"
    html = client.get(reverse("quota:plan_dashboard"), query).content.decode()
    assert "?year=2026&amp;kind=kandas&amp;export=csv" in html


def test_mio_locality_lists_export_the_year_filtered_lists_of_the_region(world):
    mine = locality_list_start(region_id=world.region.pk, year=2027, actor=world.specialist)
    older = locality_list_start(region_id=world.region.pk, year=2026, actor=world.specialist)
    theirs = locality_list_start(region_id=Region.objects.get(kato="590000000").pk, year=2027,
                                 actor=world.other_specialist)
    client = _client(world.specialist)
    rows = csv_rows(client.get(reverse("quota:locality_lists"), {"year": "2027", "export": "csv"}))
    assert rows[0] == ["Номер", "Регион", "На год", "Состояние", "Дата публикации"]
    assert [r[0] for r in rows[1:]] == [mine.ref]
    assert older.ref not in str(rows) and theirs.ref not in str(rows)  # not 2026's, not another region's
    assert rows[1][1:3] == [world.region.name_ru, "2027"]
    assert ExportLog.objects.get().list_name == "locality-lists"
    assert "?year=2027&amp;export=csv" in client.get(reverse("quota:locality_lists"), {"year": "2027"}).content.decode()


def test_public_localities_export_without_login_only_published_ones(world, locality,
                                                                 django_capture_on_commit_callbacks):
    """003 p.8: anyone may take the published localities; a draft list's locality is not on it; nothing is logged."""
    lst = locality_list_start(region_id=world.region.pk, year=2027, actor=world.specialist)
    locality_list_entry_add(list_id=lst.pk, actor=world.specialist, locality_id=locality.pk, direction="quota",
                            places=40, jobs="Вакансии: машинист экскаватора")
    with django_capture_on_commit_callbacks(execute=True):
        locality_list_publish(list_id=lst.pk, actor=world.specialist, on=D(2026, 12, 10))
    region_c = Region.objects.get(kato="590000000")
    draft = locality_list_start(region_id=region_c.pk, year=2027, actor=world.other_specialist)
    hidden = Locality.objects.create(region=region_c, kato="591010000", name_ru="г. Черновой", name_kk="Черновой қ.",
                                     kind="town")
    locality_list_entry_add(list_id=draft.pk, actor=world.other_specialist, locality_id=hidden.pk, direction="quota")
    url = reverse("quota:locality_lists_public")
    rows = csv_rows(_client().get(url, {"year": "2027", "export": "csv"}))
    assert rows[0] == ["Регион", "На год", "Дата публикации", "Населённый пункт", "код КАТО", "Направление",
                       "Мест (человек)", "Предлагаемые рабочие места и жильё"]
    assert rows[1:] == [[world.region.name_ru, "2027", "10.12.2026", "г. Экибастуз", "551610000",
                         "в регионы, определённые Правительством, в рамках квот", "40",
                         "Вакансии: машинист экскаватора"]]
    assert csv_rows(_client().get(url, {"year": "2026", "export": "csv"}))[1:] == []
    assert ExportLog.objects.count() == 0
    assert _client().get(url, {"export": "pdf"}).status_code == 400
    assert "?year=2027&amp;export=xlsx" in _client().get(url, {"year": "2027"}).content.decode()


def test_proposals_export_the_state_filtered_proposals_of_the_region(world):
    sent = proposal_create(actor=world.specialist, region_id=world.region.pk, subject="kandas_quota", period="2027",
                           change=50, justification="Рост вакансий на предприятиях Экибастуза")
    sent = proposal_send(proposal_id=sent.pk, actor=world.specialist, on=D(2026, 11, 20))
    draft = proposal_create(actor=world.specialist, region_id=world.region.pk, subject="settler_quota", period="2027",
                            justification="Черновик")
    theirs = proposal_create(actor=world.other_specialist, region_id=Region.objects.get(kato="590000000").pk,
                             subject="kandas_quota", period="2027", justification="Чужой регион")
    proposal_send(proposal_id=theirs.pk, actor=world.other_specialist, on=D(2026, 11, 20))
    client = _client(world.specialist)
    rows = csv_rows(client.get(reverse("quota:proposals"), {"state": QuotaProposal.State.SENT, "export": "csv"}))
    assert rows[0] == ["Регион", "Предмет", "Обоснование", "Период", "Изменение", "Состояние", "Ответ"]
    assert rows[1:] == [[world.region.name_ru, "увеличение (сокращение) региональной квоты приёма кандасов",
                         "Рост вакансий на предприятиях Экибастуза",
                         "2027", "50", "направлено в министерство", ""]]
    assert draft.justification not in str(rows)
    log = ExportLog.objects.get()
    assert (log.list_name, log.query_string) == ("quota-proposals", "state=sent")
    html = client.get(reverse("quota:proposals"), {"state": "sent"}).content.decode()
    assert "?state=sent&amp;export=csv" in html
    assert "<th>Изменение</th>" in html  # the proposed change, not the admin's verb "Изменить"
