"""Test settings: the real settings plus a small example case type that proves the case machinery."""
from config.settings import *  # noqa: F401,F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.example_case"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ROOT_URLCONF = "tests.urls"
# Every test process its own cache, whatever REDIS_URL/CACHE_URL say: tests/conftest.py clears it before each
# test, and on Redis that is a FLUSHDB of a database other runs on the machine may share. The one test of the
# shared Redis cache (tests/kandas/test_cache_settings.py) opens its own connections.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
