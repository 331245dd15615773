"""Start Django for the bench scripts with the project's own settings (the database of DATABASE_URL)."""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def django_setup_for_pages():
    """Django as a page benchmark needs it: production settings (DEBUG off, no SSL redirect), the test client's
    host and plain static storage (no manifest to build), the test environment (templates and contexts)."""
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    django_setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
