from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CalendarDay


@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
def calendar_changed(sender, instance, **kwargs):
    """CAL-2: an edit of the calendar recomputes the running deadlines it affects."""
    from .deadlines import deadlines_recompute_after_calendar_change

    day = instance.date
    transaction.on_commit(lambda: deadlines_recompute_after_calendar_change(changed_day=day))
