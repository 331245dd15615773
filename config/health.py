"""`/health/`: is every part of the installation working? JSON for load balancers and monitoring (HTML when
a browser asks for it), 200 when all is well, 500 naming what is not.

Always: the database, the cache and the file storage (uploads). With REDIS_URL (a real Celery setup):
Redis itself, a Celery worker answering on the installation's queue, and beat sending the periodic tasks
on time (django-celery-beat's `last_run_at`).
"""
import dataclasses
import datetime

from django.conf import settings
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.contrib.celery import Ping
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

# DatabaseScheduler writes `last_run_at` when it syncs (every 3 minutes) rather than at each send.
BEAT_GRACE = datetime.timedelta(minutes=10)


@dataclasses.dataclass
class CeleryBeat(HealthCheck):
    """Beat is alive when no enabled periodic task is more than BEAT_GRACE past the time it should have
    been sent (counted from its last sending, or from its creation or last edit if it was never sent)."""

    grace: datetime.timedelta = dataclasses.field(default=BEAT_GRACE, repr=False)

    def run(self):
        from django_celery_beat.models import PeriodicTask

        now = timezone.now()
        late = []
        for task in PeriodicTask.objects.filter(enabled=True, one_off=False).select_related(
                "interval", "crontab", "solar", "clocked"):
            if task.interval_id is None and task.crontab_id is None:
                continue  # solar and clocked entries have no fixed rhythm to check
            since = task.last_run_at or task.date_changed
            overdue = -task.schedule.remaining_estimate(since)
            if overdue > self.grace:
                late.append(f"{task.name} ({int(overdue.total_seconds() // 60)} min late)")
        if late:
            raise ServiceUnavailable("beat has not sent: " + "; ".join(late) + f" [checked {now:%Y-%m-%d %H:%M}Z]")


@dataclasses.dataclass
class CeleryWorker(Ping):
    """A worker answers the ping and serves the installation's queue; an unreachable broker is named as
    such (the library's check only knows OSError, kombu raises its own OperationalError)."""

    timeout: datetime.timedelta = dataclasses.field(default=datetime.timedelta(seconds=2), repr=False)

    def run(self):
        from kombu.exceptions import OperationalError

        try:
            super().run()
        except OperationalError as e:
            raise ServiceUnavailable("the broker (Redis) is unreachable: no worker can be asked") from e


def health_checks() -> list:
    """The checks for this installation, read from the settings at request time."""
    checks = [
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "health_check.checks.Storage",
    ]
    if settings.REDIS_URL:
        from redis.asyncio import Redis

        url = settings.REDIS_URL
        checks += [
            ("health_check.contrib.redis.Redis",
             {"client_factory": lambda: Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)}),
            CeleryWorker,
            CeleryBeat,
        ]
    return checks


class HealthView(HealthCheckView):
    def get_checks(self):
        self.checks = health_checks()
        return super().get_checks()

    async def get(self, request, *args, **kwargs):
        # JSON unless a browser asks for HTML: probes (curl, Docker, load balancers) send `Accept: */*`.
        if "format" not in request.GET and "text/html" not in request.headers.get("accept", ""):
            request.GET = request.GET.copy()
            request.GET["format"] = "json"
        return await super().get(request, *args, **kwargs)
