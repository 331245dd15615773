import pytest

from .helpers import build_region
# tests/kandas still imports these from here; they live in helpers.py (kept importable until it moves).
from .helpers import file_application, pdf_file  # noqa: F401


@pytest.fixture
def world(db):
    return build_region()


@pytest.fixture
def other(db):
    """A second region: its staff must not see or touch the first region's cases."""
    return build_region()
