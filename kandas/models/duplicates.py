"""Likely duplicates in the registry (kandas/duplicates.py): found, dismissed (remembered), merged (logged)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .geography import Region
from .persons import Person


class DuplicateReason(models.TextChoices):
    BIRTH_DATE = "birth_date", _("the same date of birth and a name spelt differently")
    FAMILY = "family", _("a family member in common and a name spelt differently")


class DuplicateCandidate(models.Model):
    """A pair the nightly search found (kandas.tasks.duplicates_find_task); the lower id first."""

    scope_region_fields = ("region",)

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+", verbose_name=_("region"))
    first = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    second = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("possible duplicate"))
    reason = models.CharField(_("why"), max_length=20, choices=DuplicateReason.choices)
    found_at = models.DateTimeField(_("found"), auto_now_add=True)

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        ordering = ["-found_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="duplicate_candidate_once")]


class DuplicateDismissal(models.Model):
    """A caseworker's "these are two people": the pair is not proposed again."""

    first = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    second = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("other person"))
    dismissed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("dismissed by"))
    dismissed_at = models.DateTimeField(_("dismissed"), auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("dismissed duplicate")
        verbose_name_plural = _("dismissed duplicates")
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="duplicate_dismissal_once")]


class PersonMerge(models.Model):
    """One registration merged into another: who, when, what was moved. Both histories stay in the
    person history table (the merged record's history under its old id)."""

    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges", verbose_name=_("kept"))
    merged_person_id = models.PositiveBigIntegerField(_("merged record"))
    merged_name = models.CharField(_("merged name"), max_length=320)
    merged_iin = models.CharField(_("merged IIN"), max_length=12, blank=True)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("merged by"))
    merged_at = models.DateTimeField(_("merged"), auto_now_add=True)
    moved = models.JSONField(_("records moved"), default=dict)

    class Meta:
        verbose_name = _("merge of registrations")
        verbose_name_plural = _("merges of registrations")
        ordering = ["-merged_at"]
