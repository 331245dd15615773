"""Adaptation and integration centres (organisations of kind ACC), their rooms and beds."""
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kandas.models import Organisation, Person


class Centre(models.Model):
    """The residence side of an ACC organisation: its journal and referral counters, its rooms.

    The row is the lock that serialises everything that changes beds or numbers in one centre
    (journal numbers, holding beds for referrals, reserve allocation): no gaps, no duplicates, no
    double-booking, whatever runs in parallel.
    """

    scope_region_fields = ("organisation__region",)

    organisation = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="residence_centre",
                                        limit_choices_to={"kind": Organisation.Kind.ACC},
                                        verbose_name=_("adaptation centre"))
    journal_started_on = models.DateField(_("journal started on"), null=True, blank=True)
    journal_last = models.PositiveIntegerField(_("last journal number"), default=0, editable=False)
    referral_last = models.PositiveIntegerField(_("last referral number"), default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    def __str__(self):
        return str(self.organisation)

    def get_absolute_url(self):
        return reverse("adaptation:occupancy", args=[self.pk])

    @property
    def region(self):
        return self.organisation.region


class Room(models.Model):
    scope_region_fields = ("centre__organisation__region",)

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("centre"))
    number = models.CharField(_("room"), max_length=20)
    floor = models.SmallIntegerField(_("floor"), default=1)
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["centre", "floor", "number"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [models.UniqueConstraint(fields=["centre", "number"], name="room_number_unique")]

    def __str__(self):
        return _("room %(n)s") % {"n": self.number}


class BedState(models.TextChoices):
    FREE = "free", _("free")
    HELD = "held", _("held for a referral")
    OCCUPIED = "occupied", _("occupied")
    OUT_OF_SERVICE = "out", _("out of service")


class Bed(models.Model):
    """One bed. `application` says for whom it is held or by whom it is used; `occupant` who sleeps in it."""

    scope_region_fields = ("room__centre__organisation__region",)

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="beds", verbose_name=_("room"))
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="beds", editable=False)
    number = models.CharField(_("bed"), max_length=20)
    state = models.CharField(_("state"), max_length=10, choices=BedState.choices, default=BedState.FREE,
                             db_index=True)
    application = models.ForeignKey("adaptation.ResidenceApplication", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="beds", verbose_name=_("application"))
    occupant = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("occupant"))
    changed_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["room__floor", "room__number", "number"]
        verbose_name = _("bed")
        verbose_name_plural = _("beds")
        constraints = [
            models.UniqueConstraint(fields=["room", "number"], name="bed_number_unique"),
            # A person sleeps in one bed at a time.
            models.UniqueConstraint(fields=["occupant"], condition=models.Q(occupant__isnull=False),
                                    name="bed_one_per_occupant"),
            models.CheckConstraint(
                condition=models.Q(state__in=["free", "out"], application__isnull=True)
                | models.Q(state__in=["held", "occupied"], application__isnull=False),
                name="bed_state_matches_application"),
        ]

    def __str__(self):
        return f"{self.room.number}-{self.number}"

    def save(self, *args, **kwargs):
        self.centre_id = self.room.centre_id
        super().save(*args, **kwargs)
