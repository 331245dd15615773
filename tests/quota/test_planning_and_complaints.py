"""QUO-12 settlement planning and QUO-11 complaints."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kandas.models import Deadline, Notification, Obligation, Organisation
from kandas.obligation_services import obligations_generate
from kandas.roles import Role
from kandas.selectors import my_work_deadlines
from quota.models import Complaint, ComplaintState, LocalityList, QuotaProposal
from quota.services import (complaint_decide, complaint_extend, complaint_extension_notified, complaint_register,
                            locality_list_entry_add, locality_list_publish, locality_list_start, proposal_answer,
                            proposal_create, proposal_send)
from tests.factories import OrganisationFactory, make_staff

from .helpers import file_kandas

pytestmark = pytest.mark.django_db
D = datetime.date


def test_quo12_locality_list_due_14_december_in_my_work_published_public_and_sent(world, locality, client,
                                                                                django_capture_on_commit_callbacks):
    """QUO-12: the list for 2027 is due 14.12.2026 (a Monday; "до 15 декабря" → 14 December, CAL-3) and shows in
    the MIO's "My work"; publishing puts it on the public page and JSON and notifies the LMC and career centres."""
    lmc = Organisation.objects.get(kind="LMC", region=world.region)
    cc = OrganisationFactory(kind="CC", region=world.region, parent=lmc)
    cc_user = make_staff(Role.CC_SPECIALIST, organisation=cc)
    lst = locality_list_start(region_id=world.region.pk, year=2027, actor=world.specialist)
    assert locality_list_start(region_id=world.region.pk, year=2027) == lst  # idempotent
    # One deadline: the one of the MIO's yearly obligation, which points at the list.
    deadline = Deadline.objects.get(rule="QUO-12")
    obligation = Obligation.objects.get(kind="quota.locality_list", organisation=world.mio, period="2027")
    assert deadline.case == obligation and obligation.result_url == lst.get_absolute_url()
    assert deadline.due == D(2026, 12, 14) and deadline.unit == "date"
    assert my_work_deadlines(user=world.specialist).filter(pk=deadline.pk).exists()
    with pytest.raises(Exception, match="хотя бы один населённый пункт"):
        locality_list_publish(list_id=lst.pk, actor=world.specialist, on=D(2026, 12, 10))
    locality_list_entry_add(list_id=lst.pk, actor=world.specialist, locality_id=locality.pk, direction="quota",
                            places=40, jobs="Вакансии: машинист экскаватора")
    assert client.get(reverse("quota:locality_lists_public")).content.decode().count("Экибастуз") == 0
    with django_capture_on_commit_callbacks(execute=True):
        lst = locality_list_publish(list_id=lst.pk, actor=world.specialist, on=D(2026, 12, 10))
    assert Deadline.objects.get(pk=deadline.pk).state == Deadline.State.MET
    obligation = Obligation.objects.get(pk=obligation.pk)
    assert (obligation.state, obligation.done_on, obligation.done_by) == ("done", D(2026, 12, 10), world.specialist)
    assert Notification.objects.filter(user=cc_user, key=f"locality-list:{lst.pk}").exists()
    page = client.get(reverse("quota:locality_lists_public"))  # no login
    assert page.status_code == 200 and "Экибастуз" in page.content.decode()
    data = client.get("/api/v1/quota/localities/").json()
    entry = data["results"][0]
    assert entry["year"] == 2027 and entry["localities"][0]["kato"] == "551610000"
    assert entry["localities"][0]["places"] == 40
    with pytest.raises(ValidationError):
        locality_list_entry_add(list_id=lst.pk, actor=world.specialist, locality_id=locality.pk, direction="quota")


def test_quo12_proposals_to_the_ministry_with_status(world, client, django_capture_on_commit_callbacks):
    """QUO-12 (003 p.4): the MIO proposes to change the quota; the ministry answers; another MIO may not."""
    ministry = OrganisationFactory(kind="MINISTRY", region=None)
    analyst = make_staff(Role.MINISTRY_ANALYST, organisation=ministry)
    with pytest.raises(PermissionDenied):
        proposal_create(actor=world.other_specialist, region_id=world.region.pk, subject="kandas_quota",
                        period="2027", justification="x")
    p = proposal_create(actor=world.specialist, region_id=world.region.pk, subject="kandas_quota", period="2027",
                        change=50, justification="Рост вакансий на предприятиях Экибастуза")
    with django_capture_on_commit_callbacks(execute=True):
        p = proposal_send(proposal_id=p.pk, actor=world.specialist, on=D(2026, 11, 20))
    assert p.state == QuotaProposal.State.SENT and Notification.objects.filter(user=analyst).exists()
    with pytest.raises(PermissionDenied):
        proposal_answer(proposal_id=p.pk, actor=world.head, accepted=True, answer="")
    p = proposal_answer(proposal_id=p.pk, actor=analyst, accepted=True, answer="Учтено в проекте постановления")
    assert p.state == QuotaProposal.State.ACCEPTED
    client.force_login(world.specialist)
    assert "Учтено в проекте" in client.get(reverse("quota:proposals")).content.decode()


def test_quo11_complaint_to_the_head_5_days_extension_notified_in_3(world, kandas_family):
    """QUO-11: a complaint to the provider's head is considered in 5 working days from registration; an extension
    gives a reason and is notified within 3 working days; the outcome is recorded."""
    app = file_kandas(world, kandas_family)
    with pytest.raises(PermissionDenied):
        complaint_register(application_id=app.pk, actor=world.secretary, addressee="head", text="x")
    c = complaint_register(application_id=app.pk, actor=world.specialist, addressee="head",
                           text="Не согласен с отказом в приёме", on=D(2026, 3, 18))
    assert Deadline.objects.get(case_id=c.pk, rule="QUO-11").due == D(2026, 3, 30)  # 19, 20, 26, 27, 30.03
    with pytest.raises(ValidationError):
        complaint_extend(complaint_id=c.pk, actor=world.head, reason=" ", until=D(2026, 4, 10))
    c = complaint_extend(complaint_id=c.pk, actor=world.head, reason="Запрос в ГБД ФЛ", until=D(2026, 4, 10),
                         on=D(2026, 3, 26))
    assert c.state == ComplaintState.EXTENDED
    notice = Deadline.objects.get(case_id=c.pk, rule="QUO-11", length=3)
    assert notice.due == D(2026, 3, 31)
    assert Deadline.objects.get(case_id=c.pk, rule="QUO-11", length=5).due == D(2026, 4, 10)
    complaint_extension_notified(complaint_id=c.pk, actor=world.specialist, on=D(2026, 3, 27))
    c = complaint_decide(complaint_id=c.pk, actor=world.head, outcome="rejected", text="Отказ обоснован",
                         on=D(2026, 4, 9))
    assert (c.state, c.outcome, c.decided_on) == (ComplaintState.DECIDED, "rejected", D(2026, 4, 9))
    assert set(Deadline.objects.filter(case_id=c.pk, case_type__model="complaint").values_list("state", flat=True)) \
        == {Deadline.State.MET}


def test_quo11_complaint_to_the_quality_authority_15_days(world, kandas_family, client):
    """QUO-11: to the service-quality authority: 15 working days from registration (through HTTP)."""
    app = file_kandas(world, kandas_family)
    client.force_login(world.specialist)
    r = client.post(reverse("quota:complaint_new", args=[app.pk]), {"addressee": "authority", "text": "Жалоба"})
    assert r.status_code == 302
    c = Complaint.objects.get()
    registered = c.filed_on
    from kandas.workdays import WorkCalendar
    assert Deadline.objects.get(case_id=c.pk, rule="QUO-11").due == WorkCalendar.load().add_working_days(
        registered, 15)
    client.post(reverse("quota:complaint_act", args=[c.pk, "decide"]), {"outcome": "upheld", "text": "Пересмотреть"})
    assert Complaint.objects.get(pk=c.pk).outcome == "upheld"


def test_quo12_generator_creates_the_yearly_obligation_once_and_starting_the_list_adds_no_deadline(world):
    """QUO-12: from 1 November the daily generator gives every MIO of a designated region its obligation for
    next year's list, due 14 December (Decisions 12), once however often it runs (the old beat task name
    runs the same generator); starting the list links it and opens no second deadline."""
    from quota.tasks import locality_lists_open_task

    assert obligations_generate(today=D(2026, 10, 31)) == 0  # not yet
    assert obligations_generate(today=D(2026, 11, 1)) == 2  # Pavlodar's and North Kazakhstan's MIO
    assert obligations_generate(today=D(2026, 11, 2)) == 0
    locality_lists_open_task()
    obligation = Obligation.objects.get(kind="quota.locality_list", organisation=world.mio)
    assert (obligation.period, obligation.due, obligation.rule) == ("2027", D(2026, 12, 14), "QUO-12")
    assert LocalityList.objects.count() == 0  # the MIO starts the list itself
    lst = locality_list_start(region_id=world.region.pk, year=2027, actor=world.specialist)
    assert Deadline.objects.filter(rule="QUO-12", organisation=world.mio).count() == 1
    assert not Deadline.objects.filter(case_id=lst.pk, case_type__model="localitylist").exists()
    assert Obligation.objects.get(pk=obligation.pk).result_ref == lst.ref


def test_quo12_locality_list_screens_start_add_publish_over_http(client, world, locality):
    """QUO-12 through the screens: the MIO starts next year's list, adds a locality and publishes it; another
    region's specialist gets 404; a CC specialist may not start a list (403)."""
    client.force_login(world.specialist)
    r = client.post(reverse("quota:locality_lists"))
    lst = LocalityList.objects.get(region=world.region)
    assert r.status_code == 302 and r["Location"] == lst.get_absolute_url()
    # The list's page shows its deadline: the one of the MIO's yearly obligation, linked.
    obligation = Obligation.objects.get(kind="quota.locality_list", region=world.region, period=str(lst.year))
    page = client.get(lst.get_absolute_url()).content.decode()
    assert f"{obligation.due:%d.%m.%Y}" in page and obligation.get_absolute_url() in page
    client.post(lst.get_absolute_url(), {"locality": locality.pk, "direction": "intra", "places": 12, "jobs": ""})
    assert lst.entries.get().places == 12
    client.post(lst.get_absolute_url(), {"action": "publish"})
    assert LocalityList.objects.get(pk=lst.pk).state == "published"
    assert lst.ref in client.get(reverse("quota:locality_lists")).content.decode()
    assert "Экибастуз" in client.get(lst.get_absolute_url()).content.decode()
    client.force_login(world.other_specialist)
    assert client.get(lst.get_absolute_url()).status_code == 404
    client.force_login(world.cc_specialist)
    assert client.post(reverse("quota:locality_lists")).status_code == 403
