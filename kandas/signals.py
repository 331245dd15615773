"""Wiring only: a calendar edit (admin, shell, fixture) recomputes the running deadlines it affects.

The recomputation runs inside the edit's own transaction (deadlines are rows; they change together
with the calendar or not at all).
"""
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from .models import CalendarDay


@receiver(pre_save, sender=CalendarDay)
def calendar_day_remember_previous(sender, instance, raw=False, **kwargs):
    previous = sender.objects.filter(pk=instance.pk).values_list("date", flat=True).first() if instance.pk else None
    instance._previous_date = previous if previous != instance.date else None


@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
def calendar_changed(sender, instance, raw=False, **kwargs):
    """CAL-2: an edit of the calendar recomputes the running deadlines it affects."""
    from .deadlines import in_records_language

    if raw:  # loaddata
        return
    instance.recomputed_deadlines = in_records_language(_recompute)(instance, deleted="created" not in kwargs)


def _recompute(instance, *, deleted: bool) -> int:
    from .deadlines import deadlines_recompute_after_calendar_change
    from .workdays import _fmt

    label = instance.name_ru or instance.get_kind_display()
    if deleted:
        change = _("%(day)s no longer an exception (%(name)s removed)") % {"day": _fmt(instance.date), "name": label}
    elif instance.kind == CalendarDay.Kind.WORKING:
        change = _("%(day)s made a working day: %(name)s") % {"day": _fmt(instance.date), "name": label}
    else:
        change = _("%(day)s made a day off: %(name)s") % {"day": _fmt(instance.date), "name": label}
    if instance.decree and instance.decree != "holidays (KZ)":
        change += f" ({instance.decree})"
    return deadlines_recompute_after_calendar_change(
        changed_day=instance.date, change=change, previous_day=getattr(instance, "_previous_date", None))


@receiver(post_save)
def case_tracking_on_filing(sender, instance, created=False, raw=False, **kwargs):
    """Issue 15: a case the applicant follows gets its tracking token when it is filed (any channel)."""
    from .tracking import is_tracked, tracking_issue

    if created and not raw and is_tracked(instance):
        tracking_issue(instance, actor=getattr(instance, "created_by", None))
