import pytest

from config.celery import app as celery_app

from .factories import staff_user  # noqa: F401  (fixture factory re-exported for every test package)


@pytest.fixture(autouse=True)
def _fast_and_eager(settings, request):
    """Fast hashing; Celery tasks run in-process unless a test asks for the real worker."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(request.config.rootpath / ".pytest_media")
    eager = request.node.get_closest_marker("celery_worker") is None
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = previous
