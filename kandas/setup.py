"""Reference data every installation needs, created after `migrate` (idempotent)."""


def reference_data_ensure(**kwargs):
    from .calendar_seed import calendar_seed_default
    from .reference import regions_ensure
    from .roles import roles_sync
    from .schedule import beat_schedule_ensure

    roles_sync()
    regions_ensure()
    calendar_seed_default()
    beat_schedule_ensure()
