import pytest

from .factories import Staffing, make_centre


@pytest.fixture
def centre(db):
    return make_centre(beds=4)


@pytest.fixture
def staff(centre):
    return Staffing(centre)
