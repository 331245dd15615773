"""Celery beat schedule, stored in django-celery-beat's tables (visible and editable in admin).

Every installed app may have a `schedule.py` with PERIODIC_TASKS = {name: (task path, crontab fields)};
`beat_schedule_ensure` (run after migrate) creates the missing entries and leaves admins' edits alone.
"""
from importlib import import_module

PERIODIC_TASKS = {
    "Deadlines: mark breaches and notify": ("kandas.tasks.deadlines_sweep_task", {"minute": "*/15"}),
    "Notifications: send e-mails": ("kandas.tasks.notifications_email", {"minute": "*/5"}),
    # Periodic obligations of every app (<app>/obligations.py): monthly reports, the yearly list of localities…
    "Obligations: create this period's obligations": (
        "kandas.tasks.obligations_generate_task", {"minute": "10", "hour": "2"}),
    "Registry: find possible duplicate registrations": (
        "kandas.tasks.duplicates_find_task", {"minute": "40", "hour": "1"}),
    "Calendar: seed next year from the holidays package": (
        "kandas.tasks.calendar_seed_next_year_task", {"minute": "30", "hour": "3", "day_of_month": "1"}),
}


def periodic_tasks_all() -> dict:
    from django.apps import apps

    tasks = {}
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.schedule")
        except ModuleNotFoundError:
            continue
        tasks.update(getattr(module, "PERIODIC_TASKS", {}))
    return tasks


def beat_schedule_ensure() -> None:
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    for name, (task, cron) in periodic_tasks_all().items():
        fields = {"minute": "0", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*", **cron}
        schedule, _ = CrontabSchedule.objects.get_or_create(**fields, timezone="Asia/Almaty")
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "crontab": schedule})
