import pytest
from django.test import Client
from django.utils import translation


@pytest.fixture
def client():
    """The machinery's own tests read English UI text (the product's default language is Russian).

    A request leaves its language active in the test's thread (LocaleMiddleware activates, nothing
    deactivates): reset it, so the next test (e.g. quota's, which read Russian messages) starts in the
    default language whatever ran before it."""
    yield Client(HTTP_ACCEPT_LANGUAGE="en")
    translation.deactivate()
