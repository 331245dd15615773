"""Celery beat schedule, stored in django-celery-beat's tables (visible and editable in admin)."""

# name → (task, crontab fields). Apps add their periodic tasks here.
PERIODIC_TASKS = {
    "Deadlines: mark breaches and notify": ("kandas.tasks.deadlines_sweep_task", {"minute": "*/15"}),
    "Notifications: send e-mails": ("kandas.tasks.notifications_email", {"minute": "*/5"}),
}


def beat_schedule_ensure() -> None:
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    for name, (task, cron) in PERIODIC_TASKS.items():
        fields = {"minute": "0", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*", **cron}
        schedule, _ = CrontabSchedule.objects.get_or_create(**fields, timezone="Asia/Almaty")
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "crontab": schedule})
