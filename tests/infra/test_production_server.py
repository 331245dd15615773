"""The production build starts: collectstatic with production settings (the Dockerfile's step), then a real
gunicorn process with DEBUG off serves the login page and its static files (whitenoise, hashed names).

Select with `pytest -m production`; it is part of the ordinary run too.
"""
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.production


def _production_env(tmp_path: Path) -> dict:
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_"))}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", DJANGO_DEBUG="0",
                       DJANGO_SECRET_KEY=secrets.token_urlsafe(60), DJANGO_ALLOWED_HOSTS="127.0.0.1",
                       DJANGO_STATIC_ROOT=str(tmp_path / "staticfiles"), DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
                       DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    return environment


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    # As the reverse proxy forwards it: HTTPS terminated in front (SECURE_PROXY_SSL_HEADER).
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", "Accept-Language": "ru"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    env = _production_env(tmp_path)
    collect = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=300)
    assert collect.returncode == 0, collect.stdout + collect.stderr
    migrate = subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=300)
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr

    port = _free_port()
    log = tmp_path / "gunicorn.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
                                 f"127.0.0.1:{port}", "--workers", "1", "--timeout", "60"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if proc.poll() is not None:
                pytest.fail("gunicorn exited:\n" + log.read_text()[-3000:])
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("gunicorn did not start:\n" + log.read_text()[-3000:])
        yield base, tmp_path / "staticfiles"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_collectstatic_writes_the_manifest_with_the_vendored_source_maps(production_server):
    _, static_root = production_server
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    for name in ("vendor/bootstrap/bootstrap.min.css", "vendor/bootstrap/bootstrap.min.css.map",
                 "vendor/bootstrap/bootstrap.bundle.min.js.map", "vendor/chartjs/chart.umd.min.js.map",
                 "vendor/htmx/htmx.min.js"):
        assert name in manifest, name


def test_login_page_and_its_static_files_answer_200_with_debug_off(production_server):
    base, _ = production_server

    status, _, body = _get(f"{base}/login/")

    assert status == 200, body[-2000:]
    page = body.decode()
    assert "Войти" in page or "Вход" in page  # Russian unless the user chose another language
    stylesheet = re.search(r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "the page links the hashed stylesheet from the manifest"
    status, headers, css = _get(base + stylesheet.group(1))
    assert status == 200 and b".btn" in css
    assert "max-age=315360000" in headers.get("Cache-Control", "")  # whitenoise: hashed names cached forever
    source_map = re.search(r"sourceMappingURL=(bootstrap\.min\.css\.[0-9a-f]{12}\.map)", css.decode())
    assert source_map, "the stylesheet names its hashed source map"
    assert _get(f"{base}/static/vendor/bootstrap/{source_map.group(1)}")[0] == 200


def test_favicon_200_missing_pages_and_media_404_with_debug_off(production_server):
    base, _ = production_server
    status, headers, body = _get(f"{base}/favicon.ico")
    assert status == 200 and body[:4] == b"\x00\x00\x01\x00"
    assert _get(f"{base}/no-such-page/")[0] == 404
    assert _get(f"{base}/media/documents/anything.pdf")[0] == 404
