#!/usr/bin/env python
"""Give the load run's caseworkers a bench password and print their usernames (comma-separated).

    KANDAS_LOAD_PASSWORD=… DATABASE_URL=…/kandas_bench .venv/bin/python bench/load_users.py

With DEBUG off the demo password is refused (kandas.auth.DemoPasswordGuardBackend), as in production: the
MIO specialists of the bench database (the demo ones and their counterparts made by generate_cases.py)
get KANDAS_LOAD_PASSWORD instead (default "bench-load-password"). Only for a bench database.
"""
import os

from _django import django_setup

PASSWORD = os.environ.get("KANDAS_LOAD_PASSWORD", "bench-load-password")


def main():
    django_setup()
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User

    if "bench" not in settings.DATABASES["default"]["NAME"]:
        raise SystemExit("Only for a bench database (its name contains 'bench').")
    users = User.objects.filter(username__startswith="mio_specialist_", is_active=True).order_by("pk")
    users.update(password=make_password(PASSWORD))  # one slow hash for all of them
    print(",".join(users.values_list("username", flat=True)))


if __name__ == "__main__":
    main()
