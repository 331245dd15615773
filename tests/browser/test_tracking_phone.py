"""Issue 15 at phone width (390 px): the applicant scans the receipt's QR code and the public page opens
without a login, in the phone's language, with no horizontal scroll; the language switch gives Kazakh."""
import pytest
from django.core.cache import cache

from kandas.tracking import tracking_current
from tests.status.helpers import build_region, file_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_applicant_opens_the_tracking_page_on_a_phone(browser, live_server):
    cache.clear()
    app = file_application(build_region())
    token = tracking_current(app).token
    context = browser.new_context(base_url=live_server.url, locale="ru-RU", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto(f"/t/{token}/")
        assert page.locator('[data-testid="track-number"]').inner_text() == app.ref
        assert "Сроки по правилам" in page.content()
        assert page.locator('[data-testid="track-deadline"]').count() >= 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.click('[data-testid="nav-toggler"]')  # on a phone the language switch folds into the menu
        with page.expect_navigation():
            page.select_option('select[name="language"]', "kk")
        page.wait_for_selector('html[lang="kk"]')
        assert "Ережелер бойынша мерзімдер" in page.content()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert app.applicant.iin not in page.content()
    finally:
        context.close()
