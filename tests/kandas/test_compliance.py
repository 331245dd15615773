"""Statutory-term compliance: the numbers of a hand-counted fixture, scoping, no personal data for the
ministry, constant query count, and a drill-down listing exactly the counted cases.

Organisation A (region 1), step "review", steps started in March 2026 (2–6 March are all working days;
8 March is a Sunday, so Monday 9 March is off):
  d1 02.03 → met, closed 04.03 (2 working days used)     d2 02.03 → met, closed 05.03 (3)
  d3 03.03 → late, closed 06.03 (3)                      d4 02.03 → late, closed 12.03 (7: 3–6, 10–12)
  d5 04.03 → open, due 2030 (open, not overdue)          d6 04.03 → open, due 06.03 (open, overdue)
  d7 05.03 → breached, not closed (open, overdue)        d8 05.03 → cancelled (not counted)
  d9 05.03 → paused (open, not overdue)
  → on time 2, late 2, median of 2, 3, 3, 7 = 3, open now 4, overdue now 2.
Organisation A, "review", April: d10 01.04 → met, closed 03.04 (2).   Organisation B (region 1), "decide",
March: d11 02.03 → met, closed 03.03 (1).   Organisation C (region 2), "review", March: d12 late — never
seen from region 1.
"""
import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kandas.calendar_seed import calendar_seed
from kandas.compliance import compliance_cells
from kandas.models import Deadline, Organisation, Unit
from kandas.roles import Role
from tests.example_case.models import ExampleCase
from tests.factories import RegionFactory, make_staff

pytestmark = pytest.mark.django_db
D = datetime.date
URL = "/compliance/?month_from=2026-01&month_to=2026-06"
S = Deadline.State


def _at(day):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 12))


def _deadline(org, step, start, state, *, due=None, closed=None, assignee=None):
    case = ExampleCase.objects.create(region=org.region, organisation=org, filed_on=start)
    return Deadline.objects.create(
        case_type=ContentType.objects.get_for_model(case), case_id=case.pk, case_ref=case.ref, case_url=f"/example/{case.pk}/",
        rule="CAL-1", step_key=step, step=f"шаг {step}", texts={"en": {"step": f"step {step}"}}, organisation=org,
        region=org.region, unit=Unit.WORKING_DAYS, length=3, start=start, due=due or start + datetime.timedelta(days=3),
        state=state, closed_at=_at(closed) if closed else None, assignee=assignee)


@pytest.fixture
def world(db):
    calendar_seed([2026])
    r1, r2 = RegionFactory(), RegionFactory()
    head = make_staff(Role.MIO_HEAD, region=r1)
    worker = make_staff(Role.MIO_SPECIALIST, region=r1)
    org_a = head.staff.organisation
    org_b = Organisation.objects.create(kind=Organisation.Kind.LMC, region=r1, name_ru="ЦТМ 1", name_kk="ЕҰО 1")
    org_c = make_staff(Role.MIO_HEAD, region=r2).staff.organisation
    d = {
        "d1": _deadline(org_a, "review", D(2026, 3, 2), S.MET, due=D(2026, 3, 5), closed=D(2026, 3, 4), assignee=worker),
        "d2": _deadline(org_a, "review", D(2026, 3, 2), S.MET, due=D(2026, 3, 5), closed=D(2026, 3, 5)),
        "d3": _deadline(org_a, "review", D(2026, 3, 3), S.BREACHED, due=D(2026, 3, 5), closed=D(2026, 3, 6)),
        "d4": _deadline(org_a, "review", D(2026, 3, 2), S.BREACHED, due=D(2026, 3, 4), closed=D(2026, 3, 12)),
        "d5": _deadline(org_a, "review", D(2026, 3, 4), S.OPEN, due=D(2030, 1, 4)),
        "d6": _deadline(org_a, "review", D(2026, 3, 4), S.OPEN, due=D(2026, 3, 6)),
        "d7": _deadline(org_a, "review", D(2026, 3, 5), S.BREACHED, due=D(2026, 3, 10)),
        "d8": _deadline(org_a, "review", D(2026, 3, 5), S.CANCELLED, closed=D(2026, 3, 6)),
        "d9": _deadline(org_a, "review", D(2026, 3, 5), S.PAUSED, due=D(2026, 3, 10)),
        "d10": _deadline(org_a, "review", D(2026, 4, 1), S.MET, due=D(2026, 4, 6), closed=D(2026, 4, 3)),
        "d11": _deadline(org_b, "decide", D(2026, 3, 2), S.MET, due=D(2026, 3, 4), closed=D(2026, 3, 3)),
        "d12": _deadline(org_c, "review", D(2026, 3, 2), S.BREACHED, due=D(2026, 3, 4), closed=D(2026, 3, 10)),
    }
    ministry = make_staff(Role.MINISTRY_ANALYST)
    return {"head": head, "worker": worker, "ministry": ministry, "a": org_a, "b": org_b, "c": org_c, "d": d}


def _cells(user, **filters):
    return {(c.organisation_id, c.step_key, c.month): c for c in compliance_cells(
        user, month_from=D(2026, 1, 1), month_to=D(2026, 6, 1), **filters)}


def test_compliance_numbers_match_the_hand_counted_fixture(world):
    cells = _cells(world["head"])
    march = cells[(world["a"].pk, "review", D(2026, 3, 1))]
    assert (march.on_time, march.late, march.median_days, march.open_now, march.overdue_now) == (2, 2, 3, 4, 2)
    april = cells[(world["a"].pk, "review", D(2026, 4, 1))]
    assert (april.on_time, april.late, april.median_days, april.open_now, april.overdue_now) == (1, 0, 2, 0, 0)
    b = cells[(world["b"].pk, "decide", D(2026, 3, 1))]
    assert (b.on_time, b.late, b.median_days, b.open_now, b.overdue_now) == (1, 0, 1, 0, 0)
    assert len(cells) == 3 and march.step == "шаг review"


def test_compliance_page_shows_each_cell_and_the_chart_over_http(client, world):
    client.force_login(world["head"])
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = re.search(rf'data-org="{world["a"].pk}" data-step="review" data-month="2026-03">(.*?)</tr>', html, re.S)[1]
    numbers = dict(re.findall(r'data-testid="(\w+)">(?:<a [^>]*>)?([\d.—]+)', row))
    assert numbers == {"on_time": "2", "late": "2", "median": "3", "open_now": "4", "overdue_now": "2"}
    assert 'data-testid="compliance-chart"' in html and "vendor/chartjs/chart.umd.min.js" in html
    assert "cdn" not in html.lower()


def test_compliance_filters_keep_their_values_and_narrow_the_table(client, world):
    client.force_login(world["head"])
    html = client.get(f"{URL}&organisation={world['b'].pk}&step=decide").content.decode()
    assert html.count('data-testid="compliance-row"') == 1
    assert 'value="2026-01"' in html and 'value="2026-06"' in html
    assert f'<option value="{world["b"].pk}" selected>' in html and '<option value="decide" selected>' in html
    html = client.get("/compliance/?month_from=2026-03&month_to=2026-03").content.decode()
    assert html.count('data-testid="compliance-row"') == 2  # April left out
    bad = client.get("/compliance/?month_from=2026-13&organisation=x&step=nosuchstep")
    assert bad.status_code == 200 and bad.content.decode().count('data-testid="compliance-row"') == 3  # ignored, named


def test_compliance_a_region_head_sees_only_their_region(client, world):
    assert world["c"].pk not in {c.organisation_id for c in compliance_cells(world["head"], month_from=D(2026, 1, 1))}
    client.force_login(world["head"])
    html = client.get(URL).content.decode()
    assert str(world["c"]) not in html and f'data-org="{world["c"].pk}"' not in html
    d12 = world["d"]["d12"]
    cases = client.get(f"/compliance/cases/?organisation={world['c'].pk}&case_type={d12.case_type_id}&step=review"
                       f"&month=2026-03&measure=late").content.decode()
    assert d12.case_ref not in cases and cases.count('data-testid="compliance-case"') == 0


def test_compliance_the_ministry_sees_every_region_without_personal_data(client, world):
    client.force_login(world["ministry"])
    html = client.get(URL).content.decode()
    assert f'data-org="{world["c"].pk}"' in html and f'data-org="{world["a"].pk}"' in html
    d1 = world["d"]["d1"]
    cases = client.get(f"/compliance/cases/?organisation={world['a'].pk}&case_type={d1.case_type_id}&step=review"
                       f"&month=2026-03&measure=on_time").content.decode()
    assert d1.case_ref in cases and f'href="{d1.case_url}"' not in cases  # the number and state, no link
    for page in (html, cases):
        assert world["worker"].last_name not in page  # the assignee (first names are shared by the factory)
        assert re.search(r"(?<!\d)\d{12}(?!\d)", page) is None  # no IIN-like number


def test_compliance_is_for_heads_and_analysts_only(client, world):
    client.force_login(world["worker"])
    assert client.get(URL).status_code == 403
    assert client.get("/compliance/cases/?measure=late").status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


def test_compliance_query_count_does_not_grow_with_the_rows(client, world):
    client.force_login(world["ministry"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for i in range(12):
        org = Organisation.objects.create(kind=Organisation.Kind.CC, region=world["c"].region, name_ru=f"ЦК {i}")
        _deadline(org, f"step{i}", D(2026, 2, 2), S.MET, due=D(2026, 2, 5), closed=D(2026, 2, 4))
        _deadline(org, f"step{i}", D(2026, 5, 4), S.OPEN, due=D(2026, 5, 7))
    assert count() == before


def test_compliance_drill_down_lists_exactly_the_counted_cases(client, world):
    client.force_login(world["head"])
    d = world["d"]
    ct = d["d1"].case_type_id
    expected = {"on_time": {"d1", "d2"}, "late": {"d3", "d4"}, "open_now": {"d5", "d6", "d7", "d9"},
                "overdue_now": {"d6", "d7"}}
    for measure, keys in expected.items():
        html = client.get(f"/compliance/cases/?organisation={world['a'].pk}&case_type={ct}&step=review&month=2026-03"
                          f"&measure={measure}").content.decode()
        listed = set(re.findall(r'<a href="/example/\d+/">(EX-[\w-]+)</a>', html))
        assert listed == {d[k].case_ref for k in keys}, measure
        assert html.count('data-testid="compliance-case"') == len(keys)
    assert client.get("/compliance/cases/?organisation=x&measure=nope").status_code == 400


def test_compliance_is_in_the_menu_of_heads_and_speaks_kazakh(client, world):
    client.force_login(world["head"])
    client.cookies["django_language"] = "kk"
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert 'data-testid="nav-compliance"' in html and "Белгіленген мерзімдерді сақтау" in html
    assert "03.2026" in html  # months as mm.yyyy in every language
    client.force_login(world["worker"])
    assert 'data-testid="nav-compliance"' not in client.get("/").content.decode()


@pytest.mark.parametrize("value", ["71\x000", "²", "-1", "9" * 20, "ж" * 300, "[]", "0000-13-45", "2026-00"])
def test_compliance_answers_bad_parameters_without_a_server_error(world, value):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(world["ministry"])
    names = ("month_from", "month_to", "organisation", "step", "case_type", "month", "measure", "page")
    for path in ("/compliance/", "/compliance/cases/"):
        for query in [{n: value for n in names}, *({n: value} for n in names)]:
            assert client.get(path, query).status_code < 500, (path, query)


def test_the_compliance_table_exports_as_csv_with_the_numbers_of_the_page(client, world):
    """Issue 15 (exports): the dashboard's table as CSV — the same rows and counts as the page — logged."""
    import csv
    import io

    from kandas.models import ExportLog

    client.force_login(world["head"])
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    response = client.get(URL + "&export=csv", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Месяц" and len(rows) - 1 == page.count('data-testid="compliance-row"') > 0
    march = next(r for r in rows[1:] if r[0] == "03.2026" and r[2] == str(world["a"]) and r[4:6] == ["2", "2"])
    assert march[6] == "3" and march[7:9] == ["4", "2"]  # median, open now, overdue now: as on the page
    assert ExportLog.objects.filter(user=world["head"], list_name="compliance", fmt="csv", rows=len(rows) - 1).exists()


def test_the_drill_down_exports_the_counted_cases_with_their_states(client, world):
    from kandas.models import ExportLog
    from tests.exports import csv_rows, xlsx_rows

    client.force_login(world["head"])
    d = world["d"]
    url = (f"/compliance/cases/?organisation={world['a'].pk}&case_type={d['d1'].case_type_id}&step=review"
           f"&month=2026-03&measure=late")
    assert "measure=late&amp;export=csv" in client.get(url).content.decode()
    rows = csv_rows(client.get(url + "&export=csv", HTTP_ACCEPT_LANGUAGE="ru"))
    assert rows[0][:3] == ["Дело", "Состояние дела", "Этап"]
    assert sorted(r[0] for r in rows[1:]) == sorted([d["d3"].case_ref, d["d4"].case_ref])
    assert all(r[6] for r in rows[1:])  # finished (late), with the date
    assert len(xlsx_rows(client.get(url + "&export=xlsx"))) == 3
    assert ExportLog.objects.filter(user=world["head"], list_name="compliance-cases").count() == 2
