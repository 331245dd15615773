import pytest

from .helpers import build_region


@pytest.fixture
def world(db):
    return build_region()


@pytest.fixture
def other(db):
    """A second region: its staff must not see or touch the first region's cases."""
    return build_region()
