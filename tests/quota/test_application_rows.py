"""Issue 13: the quota application pages (app.1 / app.6) name family members and documents in rows with
pickers — members by IIN in the registry the filer may see, or registered through the registry service;
another region's person reads exactly like an unknown IIN (Decision 18)."""
import datetime

import pytest
from django.urls import reverse

from kandas.models import Person
from quota.models import ApplicationDocumentNote, QuotaApplication
from tests.factories import PersonFactory, valid_iin
from tests.html import field_error_shown

from .helpers import rows_post

URL = reverse("quota:application_new", args=["kandas"])


def _post(client, world, applicant, members=(), documents=()):
    return client.post(URL, {
        "region": world.region.pk, "channel": "govcorp", "applicant_iin": applicant.iin, "consent": "on",
        "status_9_1": "on", **rows_post("members", list(members)), **rows_post("documents", list(documents))})


def test_page_offers_pickers_and_an_add_button_not_typed_lines(client, world):
    client.force_login(world.operator)
    html = client.get(URL).content.decode()
    assert 'name="members-0-kinship"' in html and '<select name="members-0-kinship"' in html
    assert '<select name="documents-0-kind"' in html
    assert 'data-testid="add-members"' in html and "members-__prefix__-iin" in html  # the row template
    assert "member_iins" not in html and "ИИН spouse" not in html
    assert html.count('id="id_members-0-iin"') == 1  # the template's ids are __prefix__ ones


def test_members_by_iin_and_a_new_member_registered_through_the_registry(client, world, kandas_family):
    applicant, spouse, _son = kandas_family
    new_iin = valid_iin(datetime.date(2016, 7, 9), "F")
    client.force_login(world.operator)
    r = _post(client, world, applicant, members=[
        {"iin": spouse.iin, "kinship": "spouse"},
        {"iin": new_iin, "kinship": "daughter", "surname": "Сейтқали", "given_name": "Аружан"},
        {"iin": "", "kinship": ""},  # an empty row is ignored
    ], documents=[{"kind": "identity", "title": "Паспорт КНР E1", "valid_until": "2030-01-01"},
                  {"kind": "marriage"}])
    app = QuotaApplication.objects.get()
    assert r.status_code == 302 and r["Location"] == app.get_absolute_url()
    daughter = Person.objects.get(iin=new_iin)
    assert daughter.given_name == "Аружан" and daughter.region == applicant.region
    assert {(m.person_id, m.kinship) for m in app.members.all()} == {(spouse.pk, "spouse"), (daughter.pk, "daughter")}
    notes = list(ApplicationDocumentNote.objects.filter(application=app).values_list("kind", "title", "valid_until"))
    assert notes[0] == ("identity", "Паспорт КНР E1", datetime.date(2030, 1, 1))
    assert notes[1][0] == "marriage" and notes[1][1] and notes[1][2] is None  # untitled: the kind's name
    page = client.get(app.get_absolute_url()).content.decode()
    assert spouse.full_name in page and daughter.full_name in page


def test_another_regions_person_reads_like_an_unknown_iin(client, world, kandas_family):
    applicant = kandas_family[0]
    foreign = PersonFactory(region=world.exit_region, surname="Чужой", birth_date=datetime.date(1990, 1, 2))
    unknown = valid_iin(datetime.date(1991, 3, 4), "M")
    client.force_login(world.specialist)  # the provider's MIO: sees its own region only
    answers = []
    for iin in (foreign.iin, unknown):
        r = _post(client, world, applicant, members=[{"iin": iin, "kinship": "brother"}])
        html = r.content.decode()
        assert r.status_code == 400 and field_error_shown(html, "members-0-surname")
        assert "Чужой" not in html
        answers.append(html.split('id="div_id_members-0-surname"')[1].split("</div>")[0].replace(iin, "IIN"))
    assert answers[0] == answers[1]
    assert not QuotaApplication.objects.exists()


def test_row_errors_stay_next_to_the_row_and_nothing_is_filed(client, world, kandas_family):
    applicant, spouse, _son = kandas_family
    client.force_login(world.operator)
    r = _post(client, world, applicant, members=[{"iin": spouse.iin}, {"iin": spouse.iin, "kinship": "spouse"}],
              documents=[{"title": "без вида"}])
    html = r.content.decode()
    assert r.status_code == 400
    assert field_error_shown(html, "members-0-kinship") and field_error_shown(html, "documents-0-kind")
    r = _post(client, world, applicant, members=[{"iin": spouse.iin, "kinship": "spouse"},
                                                 {"iin": spouse.iin, "kinship": "spouse"}])
    assert r.status_code == 400 and field_error_shown(r.content.decode(), "members-1-iin")
    r = _post(client, world, applicant, members=[{"iin": applicant.iin, "kinship": "son"}])
    assert r.status_code == 400 and field_error_shown(r.content.decode(), "members-0-iin")
    assert not QuotaApplication.objects.exists()


def test_removed_row_is_not_filed_and_a_failed_filing_registers_nobody(client, world, kandas_family):
    applicant, spouse, son = kandas_family
    client.force_login(world.operator)
    r = _post(client, world, applicant, members=[{"iin": spouse.iin, "kinship": "spouse"},
                                                 {"iin": son.iin, "kinship": "son", "DELETE": "on"}])
    assert r.status_code == 302
    assert list(QuotaApplication.objects.get().members.values_list("person_id", flat=True)) == [spouse.pk]
    new_iin = valid_iin(datetime.date(2017, 1, 1), "M")
    r = _post(client, world, applicant, members=[  # a second open application of the applicant is refused
        {"iin": new_iin, "kinship": "son", "surname": "Сейтқали", "given_name": "Ахмет"}])
    assert r.status_code == 400
    assert not Person.objects.filter(iin=new_iin).exists()


@pytest.mark.parametrize("kind", ["kandas", "settlers"])
def test_document_picker_offers_the_kinds_of_the_sub_service(client, world, kind):
    client.force_login(world.operator)
    html = client.get(reverse("quota:application_new", args=[kind])).content.decode()
    select = html.split('name="documents-0-kind"')[1].split("</select>")[0]
    assert 'value="identity"' in select and ('value="job_seeker"' in select) == (kind == "settlers")
    assert ('name="members-0-widow_child"' in html) == (kind == "kandas")
