import pytest
from django.core.cache import cache

from config.celery import app as celery_app

from .factories import staff_user  # noqa: F401  (fixture factory re-exported for every test package)


@pytest.fixture(scope="session")
def _media_root(tmp_path_factory):
    """Uploads of this run go to a temporary folder of its own (pytest keeps the last few, not a growing pile)."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _fast_and_eager(settings, request, _media_root):
    """Fast hashing; uploads under this run's temporary folder; Celery tasks run in-process unless a test
    asks for the real worker. Each test starts with an empty cache (the public tracking page counts requests
    per address there: one test's requests must not rate-limit the next one's)."""
    cache.clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(_media_root)
    eager = request.node.get_closest_marker("celery_worker") is None
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = previous
