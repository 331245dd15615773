import pytest

from kandas.demo import demo_load as kandas_demo_load
from status.demo import demo_load
from status.models import ApplicationState, ExtensionState, StatusApplication, StatusExtension

pytestmark = pytest.mark.django_db


def test_demo_has_an_application_in_every_state_and_is_idempotent():
    """STA-1 … STA-9 in the demo: every state of both machines appears; a second run adds nothing."""
    kandas_demo_load()
    created = demo_load()
    assert created > 0 and demo_load() == 0
    assert set(StatusApplication.objects.values_list("state", flat=True)) == set(ApplicationState.values)
    assert set(StatusExtension.objects.values_list("state", flat=True)) >= {ExtensionState.REGISTERED,
                                                                           ExtensionState.EXTENDED}
