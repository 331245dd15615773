"""A fixed-window request counter per client address on Django's cache framework (cache.add + cache.incr,
atomic on Redis and Memcached). Used by the public tracking page and its JSON (issue 15).

django-ratelimit (4.1.0) is listed on the registry but is not installed here, and its decorator does not
let a wrong token count more than a right one; this counter is a dozen lines over the same cache primitive
it uses. The cache must be one all web processes share (a per-process LocMemCache counts per worker):
config/settings.py makes it Redis when REDIS_URL or CACHE_URL is set.
"""
from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import caches

from .auth import client_ip

log = logging.getLogger(__name__)


def _settings():
    return (getattr(settings, "KANDAS_TRACKING_RATE_LIMIT", 30), getattr(settings, "KANDAS_TRACKING_RATE_WINDOW", 600),
            caches[getattr(settings, "KANDAS_TRACKING_RATE_CACHE", "default")])


def _key(request, scope: str) -> tuple[str, int]:
    _limit, window, _cache = _settings()
    bucket = int(time.time() // window)
    return f"kandas-rl:{scope}:{client_ip(request) or '-'}:{bucket}", window


def rate_exceeded(request, scope: str) -> bool:
    """Has this address used up its allowance in the current window?"""
    limit, _window, cache = _settings()
    key, _w = _key(request, scope)
    try:
        return (cache.get(key) or 0) >= limit
    except Exception:  # noqa: BLE001 — the cache server is down: serve (fail open) rather than answer 500
        log.warning("Rate-limit cache unavailable; %s not limited", scope, exc_info=True)
        return False


def rate_count(request, scope: str, cost: int = 1) -> int:
    """Count `cost` requests of this address; 0 when the cache server cannot be reached (not limited)."""
    _limit, _window, cache = _settings()
    key, window = _key(request, scope)
    try:
        cache.add(key, 0, timeout=window + 5)
        try:
            return cache.incr(key, cost)
        except ValueError:  # expired between add and incr
            cache.set(key, cost, timeout=window + 5)
            return cost
    except Exception:  # noqa: BLE001 — see rate_exceeded
        log.warning("Rate-limit cache unavailable; %s not counted", scope, exc_info=True)
        return 0
