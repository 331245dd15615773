"""Issue 13, "Phone and small screens" and "Accessibility": the main screens of every app, opened by the
demo users of their roles, at a phone's width (390 px) and an office screen's (1366 px):
- the page never scrolls sideways (`document.documentElement.scrollWidth <= window.innerWidth`): the menu
  folds behind the toggler and wide tables scroll inside their own `.table-responsive` box;
- axe-core (npm, copied to static/vendor/axe/ by the Makefile) finds no serious or critical violation.

The same walk writes the screenshots of docs/screens/ (ru and kk, both widths) when run with
KANDAS_SCREENSHOTS=1 (`python docs/screens/make_screens.py`); it is skipped otherwise.
"""
import io
import json
import os
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "static" / "vendor" / "axe" / "axe.min.js"
if not AXE.exists():  # before `make setup` copied it: straight from node_modules
    AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"phone": (390, 844), "desktop": (1366, 768)}
SHOTS = ROOT / "docs" / "screens"

# (demo user, screen name, path or ("first link on", list path, link pattern)).
SCREENS = [
    ("mio_specialist_pvl", "my_work", "/"),
    ("mio_specialist_pvl", "persons", "/persons/"),
    ("mio_specialist_pvl", "person", lambda: f"/persons/{_pvl_applicant().pk}/"),
    ("mio_specialist_pvl", "families", "/families/"),
    ("mio_specialist_pvl", "status_list", "/status/"),
    ("mio_specialist_pvl", "status_new", "/status/applications/new/"),
    ("mio_specialist_pvl", "status_case", ("/status/", r"^/status/applications/\d+/$")),
    ("mio_head_pvl", "status_case_head", ("/status/", r"^/status/applications/\d+/$")),
    ("commission_secretary_pvl", "status_commission", "/status/commission/"),
    ("mio_specialist_pvl", "quota_list", "/quota/"),
    ("mio_specialist_pvl", "quota_new", "/quota/applications/new/kandas/"),
    ("mio_specialist_pvl", "quota_case", ("/quota/", r"^/quota/applications/\d+/$")),
    ("mio_head_pvl", "quota_plans", "/quota/plans/"),
    ("mio_specialist_pvl", "residence_list", "/adaptation/residence/"),
    ("mio_specialist_pvl", "residence_new", "/adaptation/residence/new/"),
    ("mio_specialist_pvl", "residence_case", ("/adaptation/residence/", r"^/adaptation/residence/\d+/$")),
    ("acc_staff_pvl", "centres", "/adaptation/centres/"),
    ("cc_specialist_pvl", "support_list", "/adaptation/support/"),
    ("cc_specialist_pvl", "support_new", "/adaptation/support/new/"),
    ("cc_specialist_pvl", "support_case", ("/adaptation/support/", r"^/adaptation/support/\d+/$")),
    ("cc_specialist_pvl", "plan_inbox", "/adaptation/plan-items/"),
    ("cc_specialist_pvl", "monitoring", "/adaptation/monitoring/"),
    ("cc_specialist_pvl", "quality", "/adaptation/quality/"),
    ("mio_specialist_pvl", "quota_commission", "/quota/commission/"),
    ("mio_specialist_pvl", "duplicates", "/persons/duplicates/"),
    ("mio_head_pvl", "compliance", "/compliance/"),
]

AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' '))}));
}"""


@pytest.fixture
def demo(settings):
    """The demo (`manage.py demo_data`) in the test database; its users log in with the tests' password."""
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())
    settings.DEBUG = False
    for user in User.objects.filter(username__in={u for u, _, _ in SCREENS}):
        user.set_password("pass12345")
        user.save(update_fields=["password"])


def _log_in(page, username):
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass12345")
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)


def _pvl_applicant():
    from status.models import StatusApplication

    return StatusApplication.objects.filter(region__kato="550000000").order_by("pk").first().applicant


def _resolve(page, target):
    if isinstance(target, str):
        return target
    if callable(target):
        return target()
    list_path, pattern = target
    page.goto(list_path)
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
    return next((h for h in hrefs if re.match(pattern, h)), None)


def _walk(page, visit):
    """Open every screen as its user; call visit(name, path) at each (the viewport is set by visit)."""
    user = None
    missing = []
    for username, name, target in SCREENS:
        if username != user:
            page.set_viewport_size({"width": 1366, "height": 768})
            _log_in(page, username)
            user = username
        path = _resolve(page, target)
        if path is None:
            missing.append(name)
            continue
        visit(name, path)
    return missing


def test_main_screens_fit_390_and_1366_px_and_axe_finds_no_serious_violation(page, demo):
    """Issue 13: no horizontal page scroll at 390 px and 1366 px; no two elements share an id (every label
    points at its own field); zero serious/critical axe violations."""
    axe_source = AXE.read_text()
    problems = []
    report = []

    def visit(name, path):
        for width_name, (w, h) in WIDTHS.items():
            page.set_viewport_size({"width": w, "height": h})
            response = page.goto(path)
            assert response.status == 200, f"{name} {path}: HTTP {response.status}"
            scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll[0] > scroll[1]:
                wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
                problems.append(f"{name} @{w}px {path}: scrollWidth {scroll[0]} > {scroll[1]}: {wide}")
            duplicates = page.evaluate("""() => { const seen = {}, dup = new Set();
                document.querySelectorAll('[id]').forEach(e => { if (seen[e.id]) dup.add(e.id); seen[e.id] = 1; });
                return [...dup]; }""")
            if duplicates:  # several action forms on a case page: ids carry the action (make_form's auto_id)
                problems.append(f"{name} @{w}px {path}: duplicate ids {duplicates}")
            page.add_script_tag(content=axe_source)
            violations = page.evaluate(AXE_RUN)
            report.append(f"{name} @{w}px: {len(violations)} serious/critical")
            for v in violations:
                problems.append(f"{name} @{w}px {path}: axe {v['impact']} {v['id']} ({v['help']}): "
                                + json.dumps(v["nodes"], ensure_ascii=False))

    missing = _walk(page, visit)
    print("\n".join(report))
    assert not problems, "\n".join(problems)
    assert not missing, f"no case to open for: {missing}"


def test_phone_menu_folds_behind_the_toggler(page, login):
    """Issue 13: on a phone the menu is folded; the toggler opens it and its links are reachable."""
    from kandas.roles import Role
    from tests.factories import make_staff

    page.set_viewport_size({"width": 390, "height": 844})
    login(make_staff(Role.MIO_SPECIALIST))
    quota_link = page.locator("[data-testid=nav-quota]")
    assert not quota_link.is_visible()
    page.click("[data-testid=nav-toggler]")
    quota_link.wait_for(state="visible")
    quota_link.click()
    page.wait_for_url("**/quota/")


@pytest.mark.skipif(not os.environ.get("KANDAS_SCREENSHOTS"), reason="writes docs/screens/: KANDAS_SCREENSHOTS=1")
def test_write_screenshots_of_the_main_screens(page, demo):
    """docs/screens/<screen>-<lang>-<width>.png: the viewport (not the whole page), palette PNG."""
    from PIL import Image

    SHOTS.mkdir(parents=True, exist_ok=True)

    def visit(name, path):
        for lang in ("ru", "kk"):
            page.context.add_cookies([{"name": "django_language", "value": lang, "url": page.url}])
            for width_name, (w, h) in WIDTHS.items():
                page.set_viewport_size({"width": w, "height": h})
                page.goto(path)
                png = page.screenshot(full_page=False)
                image = Image.open(io.BytesIO(png)).convert("RGB")
                image = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
                image.save(SHOTS / f"{name}-{lang}-{w}.png", optimize=True)

    _walk(page, visit)
