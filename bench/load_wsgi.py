"""WSGI entry for load runs only: the project's settings with plain static URLs (no collectstatic manifest).

    DATABASE_URL=… DJANGO_DEBUG=0 DJANGO_SECRET_KEY=… DJANGO_SECURE_SSL_REDIRECT=0 \
        .venv/bin/gunicorn --chdir bench load_wsgi:application -b 127.0.0.1:8011 -w 4

Production serves hashed static files after collectstatic; the load run requests pages, not assets, so the
manifest is left out here (as bench_registry.py and bench_cases.py do), and the cookies are not Secure
(plain HTTP on 127.0.0.1). Not part of the test run.
"""
from _django import django_setup

django_setup()

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

settings.STORAGES = {**settings.STORAGES,
                     "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Plain HTTP on 127.0.0.1: a client sends no Secure cookie over http, so the session and CSRF cookies are
# not marked Secure here (production serves HTTPS and keeps them Secure).
settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
application = get_wsgi_application()
