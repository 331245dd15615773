"""docker-compose.yml (issue 14, reliability): every long-running service says how it is healthy, and every
service that needs another waits until that one is healthy (a one-shot job: until it has completed)."""
import pathlib

import pytest

yaml = pytest.importorskip("yaml")  # PyYAML (a dependency of drf-spectacular)

COMPOSE = yaml.safe_load((pathlib.Path(__file__).resolve().parents[2] / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
ONE_SHOT = {name for name, s in SERVICES.items() if str(s.get("restart")) == "no"}


def _test_line(service: str) -> str:
    test = SERVICES[service]["healthcheck"]["test"]
    return " ".join(test) if isinstance(test, list) else test


@pytest.mark.parametrize("name", sorted(set(SERVICES) - ONE_SHOT))
def test_every_long_running_service_has_a_healthcheck(name):
    check = SERVICES[name].get("healthcheck")
    assert check and check.get("test"), f"{name} has no healthcheck"
    assert check["test"][0] in ("CMD", "CMD-SHELL")


def test_the_checks_ask_what_each_service_is_for():
    assert "pg_isready" in _test_line("postgres")
    assert "redis-cli ping" in _test_line("redis")
    assert "urllib" in _test_line("web") and "/health/" in _test_line("web")  # the slim image has no curl
    assert "curl" not in _test_line("web")
    assert "inspect ping" in _test_line("worker")
    assert "CeleryBeat" in _test_line("beat")


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_dependants_wait_for_healthy_or_completed(name):
    for needed, how in (SERVICES[name].get("depends_on") or {}).items():
        assert isinstance(how, dict), f"{name} → {needed}: a bare list starts before {needed} is ready"
        expected = "service_completed_successfully" if needed in ONE_SHOT else "service_healthy"
        assert how.get("condition") == expected, f"{name} → {needed}: {how}"


@pytest.mark.parametrize("name", sorted(n for n in SERVICES if "build" in SERVICES[n]))  # the app's own image
def test_the_app_waits_for_the_database_redis_and_the_migrations(name):
    needs = set(SERVICES[name].get("depends_on") or {})
    assert {"postgres", "redis"} <= needs
    if name not in ONE_SHOT:
        assert "migrate" in needs
