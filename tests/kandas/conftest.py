import pytest
from django.test import Client


@pytest.fixture
def client():
    """The machinery's own tests read English UI text (the product's default language is Russian)."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")
