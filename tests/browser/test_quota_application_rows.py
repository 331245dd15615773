"""Browser (issue 13): a State Corporation operator files a quota application (app.1) with TWO family members
through the pickers — the second row added with "Add a family member", a third added and removed — and the
case page then lists both members."""
import pytest

from quota.models import QuotaApplication
from tests.quota.conftest import kandas_family, world  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_quota_application_with_two_members_filed_through_pickers(page, login, world, kandas_family):
    applicant, spouse, son = kandas_family
    page.set_viewport_size({"width": 390, "height": 844})
    login(world.operator)
    page.goto("/quota/applications/new/kandas/")
    page.select_option("#id_region", str(world.region.pk))
    page.fill("#id_applicant_iin", applicant.iin)
    page.check("#id_status_9_1")
    page.check("#id_consent")
    page.fill("#id_members-0-iin", spouse.iin)
    page.select_option("#id_members-0-kinship", "spouse")
    page.click("[data-testid=add-members]")
    page.fill("#id_members-1-iin", son.iin)
    page.select_option("#id_members-1-kinship", "son")
    page.click("[data-testid=add-members]")  # a third row, then removed
    page.fill("#id_members-2-iin", "123")
    page.locator("[data-rows=members] [data-row]").nth(2).locator("[data-rows-remove]").click()
    assert page.locator("#id_members-2-iin").is_hidden()
    page.select_option("#id_documents-0-kind", "identity")
    # a phone: the rows stack, the page does not scroll sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="/tmp/quota_rows_390.png", full_page=True)
    page.fill("#id_documents-0-title", "Паспорт КНР E12345678")
    page.click("[data-testid=application-form] button[type=submit]")
    page.wait_for_url("**/quota/applications/*/")
    app = QuotaApplication.objects.get()
    assert sorted(app.members.values_list("kinship", flat=True)) == ["son", "spouse"]
    body = page.inner_text("body")
    assert spouse.full_name in body and son.full_name in body
    assert "Паспорт КНР E12345678" in body
