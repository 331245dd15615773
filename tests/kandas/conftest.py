import pytest

from kandas.models import Consent, StateRecord


@pytest.fixture
def state_identity():
    """GEN-2: put a person into the local persons database the gateway answers from."""

    def make(iin, **payload):
        return StateRecord.objects.create(iin=iin, kind=StateRecord.Kind.IDENTITY, payload=payload)

    return make


@pytest.fixture
def consent_for():
    def make(person, user):
        return Consent.objects.create(person=person, taken_by=user, method=Consent.Method.PAPER)

    return make
