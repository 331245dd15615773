"""QUO-10 on PostgreSQL: many simultaneous inclusion decisions never exceed the quota."""
import datetime
import threading

import pytest
from django.db import connection

from kandas.models import Person
from quota.models import AppState, QuotaApplication, QuotaKind, QuotaPlan
from quota.services import (QuotaExhausted, application_check_completeness, application_decide_include,
                            application_recommend, application_send_to_commission)
from tests.factories import PersonFactory

from .helpers import FILED, file_kandas

pytestmark = pytest.mark.django_db(transaction=True)
DECISIONS = 12
QUOTA = 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_quo10_concurrent_inclusions_never_exceed_the_quota(world):
    """QUO-10: 12 heads' decisions at the same moment, separate connections, quota of 5 persons → exactly 5
    included, 7 get 'quota exhausted' (ground 5), no other error, the plan shows 5/5."""
    plan = QuotaPlan.objects.create(region=world.region, year=2026, kind=QuotaKind.KANDAS, admitted=QUOTA)
    ids = []
    for i in range(DECISIONS):
        applicant = PersonFactory(region=world.region, kandas_status_since=datetime.date(2025, 1, 1))
        app = file_kandas(world, (applicant, None, None), members=[])
        app = application_check_completeness(application_id=app.pk, actor=world.operator, on=FILED)
        app = application_send_to_commission(application_id=app.pk, actor=world.specialist, on=FILED)
        app = application_recommend(application_id=app.pk, actor=world.secretary, include=True, on=FILED)
        ids.append(app.pk)
    barrier = threading.Barrier(DECISIONS)
    results, lock = [], threading.Lock()

    def decide(pk):
        try:
            barrier.wait()
            application_decide_include(application_id=pk, actor=world.head, on=datetime.date(2026, 3, 17))
            outcome = "included"
        except QuotaExhausted as exc:
            outcome = f"exhausted:{exc.ground}"
        except Exception as exc:  # noqa: BLE001 — any other outcome is a failure of the test
            outcome = f"error:{type(exc).__name__}:{exc}"
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=decide, args=(pk,)) for pk in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(set(results)) == ["exhausted:k5", "included"], results
    assert results.count("included") == QUOTA
    assert results.count("exhausted:k5") == DECISIONS - QUOTA
    assert QuotaPlan.objects.get(pk=plan.pk).used == QUOTA
    assert QuotaApplication.objects.filter(state=AppState.INCLUDED).count() == QUOTA
    assert QuotaApplication.objects.filter(state=AppState.RECOMMENDED).count() == DECISIONS - QUOTA
    assert Person.objects.filter(quota_included_on__isnull=False).count() == QUOTA
