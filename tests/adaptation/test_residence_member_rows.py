"""RES-2 (form app.2) on the registration page: the family members who move in are rows with an IIN picker
(adaptation.forms_rows), not typed lines; a person of another region reads exactly like an unknown IIN
(Decision 18); a removed row is ignored; errors stay by their row and nothing typed is lost."""
import datetime

import pytest
from django.urls import reverse

from adaptation.models import ResidenceApplication
from tests.factories import PersonFactory, RegionFactory, valid_iin
from tests.html import duplicate_ids, field_error_shown

from .factories import make_kandas_family
from .helpers import member_rows_post

pytestmark = pytest.mark.django_db

URL = reverse("adaptation:residence_register")


def _post(client, staff, applicant, rows, whole_family=False):
    data = {"applicant_iin": applicant.iin, "centre": staff.centre.pk, **member_rows_post(rows)}
    if whole_family:
        data["whole_family"] = "on"
    return client.post(URL, data)


def test_page_offers_member_rows_with_the_iin_check_and_an_add_button(client, staff):
    client.force_login(staff.specialist)
    html = client.get(URL).content.decode()
    assert "member_iins" not in html and "<textarea" not in html
    assert 'name="members-0-iin"' in html and 'name="members-2-iin"' in html  # three rows without the script
    row_input = html.split('id="id_members-0-iin"')[0].rsplit("<input", 1)[1]
    assert 'data-iin="1"' in row_input  # the same as-you-type IIN check as the other filing screens
    assert 'data-testid="add-members"' in html and "members-__prefix__-iin" in html
    assert "Члены семьи" in html and "Добавить члена семьи" in html and "Убрать этого члена семьи" in html
    assert "js/rows.js" in html
    assert duplicate_ids(html) == []


def test_two_members_named_by_iin_are_registered_and_the_others_are_not(client, staff):
    """Not the whole family: the spouse and the son named in two rows move in, the mother does not."""
    applicant, (spouse, mother, son) = make_kandas_family(staff.region, adults=2, children=1)
    client.force_login(staff.specialist)
    response = _post(client, staff, applicant, [{"iin": spouse.person.iin}, {"iin": son.person.iin}, {"iin": ""}])
    app = ResidenceApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == app.get_absolute_url()
    assert set(app.persons.values_list("person_id", "kinship")) == {
        (applicant.pk, "applicant"), (spouse.person_id, "spouse"), (son.person_id, "son")}
    assert app.persons_count == 3
    page = client.get(app.get_absolute_url()).content.decode()
    assert spouse.person.full_name in page and son.person.full_name in page
    assert mother.person.full_name not in page


def test_unknown_and_other_region_iin_get_the_same_row_error_and_nothing_is_registered(client, staff):
    """Decision 18: the answer does not say that the person exists in another region."""
    applicant, (spouse,) = make_kandas_family(staff.region, adults=1)
    foreign = PersonFactory(region=RegionFactory(), surname="Чужеземов", birth_date=datetime.date(1990, 1, 2))
    unknown = valid_iin(datetime.date(1991, 3, 4), "M")
    client.force_login(staff.specialist)
    answers = []
    for iin in (foreign.iin, unknown):
        response = _post(client, staff, applicant, [{"iin": spouse.person.iin}, {"iin": iin}])
        html = response.content.decode()
        assert response.status_code == 200 and field_error_shown(html, "members-1-iin")
        assert not field_error_shown(html, "members-0-iin")
        summary = html.split('data-testid="form-errors"')[1].split("</div>")[0]  # on top, it links to the row
        assert 'href="#id_members-1-iin"' in summary
        assert "В доступной вам части реестра нет лица с этим ИИН" in html
        assert "Чужеземов" not in html
        # nothing typed is lost: both rows come back with their IINs, the applicant's too
        assert f'value="{spouse.person.iin}"' in html and f'value="{iin}"' in html
        assert f'value="{applicant.iin}"' in html
        answers.append(html.split('id="div_id_members-1-iin"')[1].split("</div>")[0].replace(iin, "IIN"))
    assert answers[0] == answers[1]
    assert not ResidenceApplication.objects.exists()


def test_a_removed_row_is_ignored_even_with_a_wrong_iin(client, staff):
    applicant, (spouse, mother) = make_kandas_family(staff.region, adults=2)
    client.force_login(staff.specialist)
    response = _post(client, staff, applicant, [
        {"iin": spouse.person.iin}, {"iin": mother.person.iin, "DELETE": "on"}, {"iin": "123", "DELETE": "on"}])
    app = ResidenceApplication.objects.get()
    assert response.status_code == 302
    assert set(app.persons.values_list("person_id", flat=True)) == {applicant.pk, spouse.person_id}


def test_wrong_repeated_and_applicants_own_iin_are_row_errors(client, staff):
    applicant, (spouse,) = make_kandas_family(staff.region, adults=1)
    client.force_login(staff.specialist)
    html = _post(client, staff, applicant, [{"iin": "12345"}]).content.decode()
    assert field_error_shown(html, "members-0-iin") and 'value="12345"' in html
    html = _post(client, staff, applicant, [{"iin": spouse.person.iin}, {"iin": spouse.person.iin},
                                            {"iin": applicant.iin}]).content.decode()
    assert not field_error_shown(html, "members-0-iin")
    assert field_error_shown(html, "members-1-iin") and "Этот ИИН уже указан в заявлении." in html
    assert field_error_shown(html, "members-2-iin") and "Это ИИН заявителя" in html
    assert not ResidenceApplication.objects.exists()


def test_res1_a_registry_person_outside_the_family_is_refused_on_top_and_the_rows_stay(client, staff):
    """RES-1 (the service's rule, unchanged): only the applicant's family members move in; the refusal names
    the person in the summary on top and the typed rows come back."""
    applicant, (spouse,) = make_kandas_family(staff.region, adults=1)
    neighbour = PersonFactory(region=staff.region, surname="Соседов")
    client.force_login(staff.specialist)
    response = _post(client, staff, applicant, [{"iin": spouse.person.iin}, {"iin": neighbour.iin}])
    html = response.content.decode()
    summary = html.split('data-testid="form-errors"')[1].split("</div>")[0]
    assert "RES-1" in summary and "Соседов" in summary
    assert f'value="{spouse.person.iin}"' in html and f'value="{neighbour.iin}"' in html
    assert not ResidenceApplication.objects.exists()


def test_a_removed_row_stays_removed_when_the_page_comes_back(client, staff):
    applicant, (spouse, mother) = make_kandas_family(staff.region, adults=2)
    client.force_login(staff.specialist)
    html = _post(client, staff, applicant, [{"iin": "12345"}, {"iin": mother.person.iin, "DELETE": "on"}]
                 ).content.decode()
    removed = html.split('id="id_members-1-iin"')[0].rsplit('data-row', 1)[1]
    assert "hidden" in removed.split(">")[0]
    assert 'name="members-1-DELETE"' in html and f'value="{mother.person.iin}"' in html
