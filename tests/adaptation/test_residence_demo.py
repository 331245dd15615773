import pytest

from adaptation.models import ResidenceApplication

pytestmark = pytest.mark.django_db


def test_res6_demo_load_is_idempotent_and_fills_every_stage():
    """RES-6: the demo shows every stage, reserve included; loading twice adds nothing."""
    from adaptation.demo import demo_load
    from kandas.demo import demo_load as kandas_demo_load

    kandas_demo_load()
    demo_load()
    count = ResidenceApplication.objects.count()
    demo_load()
    assert ResidenceApplication.objects.count() == count > 0
    states = set(ResidenceApplication.objects.values_list("state", flat=True))
    assert {"registered", "referred", "residing", "reserve"} <= states
