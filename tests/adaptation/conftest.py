import pytest

from .factories import residence_world


@pytest.fixture
def staff(db):
    """A staffed region with a 4-bed centre (tests/adaptation/factories.py: residence_world)."""
    return residence_world(beds=4)


@pytest.fixture
def centre(staff):
    return staff.centre
