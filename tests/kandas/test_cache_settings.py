"""The cache the tracking page's rate limit counts in (kandas.ratelimit, issue 15): production settings take it
from the environment — CACHE_URL, else Redis at REDIS_URL on a database of its own, else local memory — and
on Redis two web processes' connections count one counter."""
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.test import RequestFactory

from config import settings as production
from kandas.ratelimit import rate_count, rate_exceeded

ROOT = Path(__file__).resolve().parents[2]
REDIS = "django.core.cache.backends.redis.RedisCache"


def _production(**env) -> dict:
    """config.settings as a fresh process reads it from `env` (and nothing inherited that names a store)."""
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith("DJANGO_") and k not in ("REDIS_URL", "CACHE_URL", "DATABASE_URL")}
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    code = ("import json; from django.conf import settings; "
            "print(json.dumps({'cache': settings.CACHES['default'], 'broker': settings.CELERY_BROKER_URL}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_with_redis_url_the_cache_is_redis_on_a_database_apart_from_celerys():
    chosen = _production(REDIS_URL="redis://redis:6379/0")
    assert chosen["cache"]["BACKEND"] == REDIS
    assert chosen["cache"]["LOCATION"] == "redis://redis:6379/1" and chosen["broker"] == "redis://redis:6379/0"
    assert chosen["cache"]["OPTIONS"]["socket_connect_timeout"] == 2  # Redis down: an answer within seconds


def test_cache_url_wins_and_no_environment_keeps_local_memory():
    named = _production(REDIS_URL="redis://redis:6379/0", CACHE_URL="redis://cache.internal:6380/4")
    assert named["cache"]["BACKEND"] == REDIS and named["cache"]["LOCATION"] == "redis://cache.internal:6380/4"
    assert _production()["cache"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)")
def test_two_web_processes_on_redis_count_one_rate_limit(settings):
    """Two separate connections to the cache production settings choose (as two gunicorn workers hold) see
    the same counter: the third request of an address is refused whichever worker answers it."""
    chosen = production.CACHES["default"]
    assert chosen["BACKEND"] == REDIS
    prefix = f"test-rl-{uuid.uuid4().hex}"  # this run's keys only: nothing else on the database is touched
    settings.CACHES = {**settings.CACHES, "web1": {**chosen, "KEY_PREFIX": prefix},
                       "web2": {**chosen, "KEY_PREFIX": prefix}}
    settings.KANDAS_TRACKING_RATE_LIMIT, settings.KANDAS_TRACKING_RATE_WINDOW = 3, 3600
    request = RequestFactory().get("/t/x/", REMOTE_ADDR="10.77.0.1")
    from django.core.cache import caches

    try:
        assert caches["web1"] is not caches["web2"]
        settings.KANDAS_TRACKING_RATE_CACHE = "web1"
        rate_count(request, "track")
        rate_count(request, "track")
        assert not rate_exceeded(request, "track")
        settings.KANDAS_TRACKING_RATE_CACHE = "web2"
        assert not rate_exceeded(request, "track")
        assert rate_count(request, "track") == 3  # the other worker's two requests counted
        assert rate_exceeded(request, "track")
        settings.KANDAS_TRACKING_RATE_CACHE = "web1"
        assert rate_exceeded(request, "track")
    finally:
        client = caches["web1"]._cache.get_client(write=True)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
