"""Celery tasks of the adaptation app (scheduled in adaptation/schedule.py); they call the services."""
from celery import shared_task

from .services.residence_auto import referrals_lapse_due, residences_end_due


@shared_task
def residence_referrals_lapse() -> list[str]:
    """RES-7: lapse referrals not used within 3 calendar days of receipt."""
    return referrals_lapse_due()


@shared_task
def residence_end_due() -> list[str]:
    """RES-10: end residences whose status or 6-month term ran out."""
    return residences_end_due()


@shared_task
def support_job_searches_lapse() -> list[str]:
    """ADA-8 / Decisions 16: a job-search period that ended without a job opens the draft-decision step."""
    from .services.chain import support_job_searches_lapse_due

    return support_job_searches_lapse_due()
