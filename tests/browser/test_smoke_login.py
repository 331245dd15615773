import pytest

from kandas.roles import Role
from tests.factories import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_caseworker_logs_in_and_sees_my_work(page, login):
    user = make_staff(Role.MIO_SPECIALIST)
    login(user)
    assert page.locator("h1").inner_text() in ("Моя работа", "My work")
    assert user.staff.organisation.name_ru in page.locator("[data-testid=shell-user]").inner_text()
