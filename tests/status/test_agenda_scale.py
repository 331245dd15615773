"""STA-3 agenda at scale: a compact table with one recommendation form (the picked or the first row), a
constant number of queries whatever the number of rows, applicant names without a query per row."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from status.models import ApplicationState, StatusApplication
from status.services import application_send_to_commission

from .helpers import file_application

pytestmark = pytest.mark.django_db


def _waiting(world, n):
    first = application_send_to_commission(actor=world.specialist, application_id=file_application(world).pk)
    others = [file_application(world, documents=False, registry=False) for _ in range(n - 1)]
    StatusApplication.objects.filter(pk__in=[a.pk for a in others]).update(state=ApplicationState.AT_COMMISSION)
    return first, others


def _queries(client, url=None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url or reverse("status:commission"))
    assert response.status_code == 200
    return len(ctx), response.content.decode()


def test_agenda_queries_do_not_grow_with_its_rows(client, world):
    first, others = _waiting(world, 5)
    client.force_login(world.secretary)
    five, body = _queries(client)
    assert all(a.applicant.full_name in body for a in others)  # names shown
    for _ in range(45):
        StatusApplication.objects.filter(pk=file_application(world, documents=False, registry=False).pk) \
            .update(state=ApplicationState.AT_COMMISSION)
    fifty, body = _queries(client)
    assert body.count('data-testid="agenda-row-') == 50
    assert fifty == five, (five, fifty)


def test_agenda_renders_one_form_for_the_picked_application(client, world):
    first, others = _waiting(world, 3)
    client.force_login(world.secretary)
    body = client.get(reverse("status:commission")).content.decode()
    assert body.count("<form method=\"post\" class=\"card-body\"") == 1
    assert f'data-testid="recommend-{first.pk}"' in body and f'data-testid="record-{others[0].pk}"' in body
    picked = client.get(reverse("status:commission") + f"?record={others[0].pk}").content.decode()
    assert f'data-testid="recommend-{others[0].pk}"' in picked and f'data-testid="recommend-{first.pk}"' not in picked
    # a number that is not on this secretary's agenda (or nonsense) falls back to the first row, no 500
    for junk in ("999999", "x", "²", "1" * 30):
        page = client.get(reverse("status:commission"), {"record": junk})
        assert page.status_code == 200 and f'data-testid="recommend-{first.pk}"' in page.content.decode()


def test_the_secretary_records_through_the_shared_form(client, world):
    first, others = _waiting(world, 2)
    client.force_login(world.secretary)
    client.get(reverse("status:commission") + f"?record={first.pk}")
    response = client.post(reverse("status:application_act", args=[first.pk, "recommend"]), {
        "seen_version": first.version, "outcome": "assign", "protocol_number": "7",
        "protocol_date": first.filed_on.isoformat(), "video_reference": "video://7"})
    assert response.status_code == 302
    assert StatusApplication.objects.get(pk=first.pk).state == ApplicationState.RECOMMENDED_ASSIGN
    body = client.get(reverse("status:commission")).content.decode()
    assert f'agenda-row-{first.pk}"' not in body and f'data-testid="recommend-{others[0].pk}"' in body
