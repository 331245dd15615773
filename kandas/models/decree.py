"""CAL-2: the Government's yearly decree on moved days off, entered and applied as one act."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDecree(models.Model):
    """A decree moving days off (kandas.decrees previews and applies it). Once applied it is never edited:
    a correction is a new decree, or a revert act (`reverts`) that restores the days it changed."""

    number = models.CharField(_("decree number"), max_length=40)
    signed_on = models.DateField(_("decree date"))
    title = models.CharField(_("title"), max_length=255, blank=True)
    reverts = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="reverted_by",
                                   verbose_name=_("reverts the decree"),
                                   help_text=_("A revert act restores the calendar days an applied decree changed; "
                                               "its own moved days are not used."))
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True, editable=False)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   editable=False, related_name="+", verbose_name=_("applied by"))
    # What applying wrote: [{"date": "2026-03-27", "before": {...} | None, "after": {...} | None}] (a revert reads it).
    changes = models.JSONField(default=list, blank=True, editable=False)
    moved_deadlines = models.PositiveIntegerField(_("deadlines moved"), default=0, editable=False)

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("calendar decree")
        verbose_name_plural = _("calendar decrees")

    def __str__(self):
        return str(_("Government decree No. %(number)s of %(date)s") % {"number": self.number, "date": self.signed_on_text})

    @property
    def signed_on_text(self) -> str:
        return f"{self.signed_on:%d.%m.%Y}" if self.signed_on else ""

    @property
    def is_applied(self) -> bool:
        return self.applied_at is not None

    def clean(self):
        if self.reverts_id and self.reverts_id == self.pk:
            raise ValidationError({"reverts": _("A decree cannot revert itself.")})
        if self.reverts_id and not CalendarDecree.objects.filter(pk=self.reverts_id, applied_at__isnull=False).exists():
            raise ValidationError({"reverts": _("Only an applied decree can be reverted.")})

    def save(self, *args, **kwargs):
        if self.pk and "update_fields" not in kwargs:
            stored = CalendarDecree.objects.filter(pk=self.pk).values_list("applied_at", flat=True).first()
            if stored is not None:
                raise ValidationError(_("An applied decree cannot be edited: enter a new decree or a revert act."))
        super().save(*args, **kwargs)


class DecreeDay(models.Model):
    """One line of a decree: `day_off` becomes a day off, `worked_instead` (usually a Saturday) becomes a
    working day; a line may have only one of them."""

    decree = models.ForeignKey(CalendarDecree, on_delete=models.CASCADE, related_name="days")
    day_off = models.DateField(_("becomes a day off"), null=True, blank=True)
    worked_instead = models.DateField(_("becomes a working day"), null=True, blank=True,
                                      help_text=_("The day worked instead (usually a Saturday); leave empty if none."))

    class Meta:
        ordering = ["day_off", "worked_instead", "pk"]
        verbose_name = _("moved day")
        verbose_name_plural = _("moved days")

    def __str__(self):
        days = [f"{d:%d.%m.%Y}" for d in (self.day_off, self.worked_instead) if d]
        return " ↔ ".join(days)

    def clean(self):
        if not self.day_off and not self.worked_instead:
            raise ValidationError(_("Give the day that becomes a day off, the day that becomes working, or both."))
        if self.day_off and self.day_off == self.worked_instead:
            raise ValidationError(_("A day cannot become both a day off and a working day."))

    def _guard(self):
        if self.decree_id and CalendarDecree.objects.filter(pk=self.decree_id, applied_at__isnull=False).exists():
            raise ValidationError(_("An applied decree cannot be edited: enter a new decree or a revert act."))

    def save(self, *args, **kwargs):
        self._guard()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._guard()
        return super().delete(*args, **kwargs)
