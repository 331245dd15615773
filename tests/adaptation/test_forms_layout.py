"""The adaptation forms render through the one crispy layout: every row has its own element ids, labels tie to
fields, errors are shown next to their field."""
import pytest
from django.utils import timezone

from adaptation.services import fairs
from tests.html import duplicate_ids, field_error_shown

from .support_world import client_for, family, make_family, register, world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_fair_page_gives_each_candidate_row_its_own_participation_form_ids(world, family):  # noqa: F811
    """Two candidates on a fair: two participation forms, no element id twice, each label tied to its row."""
    first = register(world, family)
    second = register(world, make_family(world.exit.region))
    fair = fairs.fair_create(actor=world.exit.cc_specialist, mode="online", held_on=timezone.localdate(),
                             title="Ярмарка", settlement_cc_id=world.settle.cc.pk)
    for app in (first, second):
        fairs.fair_candidate_add(actor=world.exit.cc_specialist, fair_id=fair.pk, application_id=app.pk)
    html = client_for(world.exit.cc_specialist).get(fair.get_absolute_url()).content.decode()
    assert html.count('data-testid="participation-form"') == 2
    assert duplicate_ids(html) == []
    for candidate in fair.candidates.all():
        assert f'for="id_candidate_{candidate.pk}_participated"' in html


def test_support_registration_member_rows_have_unique_ids_and_errors_by_the_field(world):  # noqa: F811
    client = client_for(world.exit.cc_specialist)
    page = client.get("/adaptation/support/new/").content.decode()
    assert duplicate_ids(page) == [] and 'name="member_6_kinship"' in page
    response = client.post("/adaptation/support/new/", {"applicant_iin": "123", "member_1_iin": "880101300000"})
    html = response.content.decode()
    assert field_error_shown(html, "applicant_iin") and field_error_shown(html, "member_1_kinship")
    assert 'data-testid="form-errors"' in html
