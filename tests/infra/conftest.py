"""Real processes and real connections for the infrastructure tests: Celery workers on the real Redis and
the test database, and the web process's Celery app pointed at another Redis."""
import os
import socket
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nobody listens once it is closed


def _forget_connections():
    # Only drop the app's references: kombu keeps its pools per URL in a registry, where the pools of
    # the usual broker stay open for when it is switched back.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    vars(celery_app._local).pop("backend", None)


@contextmanager
def celery_sending_to(url: str):
    """The web process's Celery app as with REDIS_URL=url (not eager), restored afterwards."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.result_backend, conf.task_always_eager
    conf.broker_url, conf.result_backend, conf.task_always_eager = url, url, False
    _forget_connections()
    try:
        yield
    finally:
        conf.broker_url, conf.result_backend, conf.task_always_eager = saved
        _forget_connections()


@pytest.fixture
def redis_down(settings):
    """REDIS_URL names a port nobody listens on: Redis is down."""
    url = f"redis://127.0.0.1:{closed_port()}/0"
    settings.REDIS_URL = url
    with celery_sending_to(url):
        yield url


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    """Real `celery worker` processes on a private queue of the real Redis, on the test database."""

    def __init__(self, tmp_path: Path):
        self.queue = f"kandas-test-{uuid.uuid4().hex[:10]}"
        self.tmp_path = tmp_path
        self.procs: list[tuple[subprocess.Popen, Path]] = []

    def start(self, name: str, **env) -> subprocess.Popen:
        environment = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": settings.REDIS_URL,
                       "CELERY_QUEUE": self.queue, "DJANGO_SETTINGS_MODULE": "tests.settings",
                       "CELERY_TASK_ALWAYS_EAGER": "0",
                       "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend", **env}
        log = self.tmp_path / f"{name}.log"
        with open(log, "w") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", self.queue, "-P", "solo",
                 "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "info",
                 "-n", f"{name}-{self.queue}@%h"],
                env=environment, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        self.procs.append((proc, log))
        return proc

    def stop_all(self):
        for proc, log in self.procs:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
            print(f"--- {log.name}\n{log.read_text()[-2500:]}")


@pytest.fixture
def celery_workers(tmp_path):
    """Start workers with `celery_workers.start(name)`; they stop after the test. Skips without Redis and
    PostgreSQL (the workers are other processes: they need the test database to be a server's)."""
    if not settings.REDIS_URL:
        pytest.skip("needs REDIS_URL (CI's PostgreSQL + Redis run sets it)")
    if connection.vendor != "postgresql":
        pytest.skip("the worker processes need a shared database: run with DATABASE_URL=postgres://…")
    workers = Workers(tmp_path)
    yield workers
    workers.stop_all()
