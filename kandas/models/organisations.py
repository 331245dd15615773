from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .geography import LocalisedName, Region


class Organisation(LocalisedName):
    """A body that acts in the regulations (DOMAIN.md, Actors)."""

    class Kind(models.TextChoices):
        MIO = "MIO", _("Local executive body (MIO)")
        LMC = "LMC", _("Labour mobility centre")
        CC = "CC", _("Career centre")
        ACC = "ACC", _("Adaptation and integration centre")
        TAC = "TAC", _("Temporary accommodation centre")
        KCOM = "KCOM", _("Commission for kandas")
        ECOM = "ECOM", _("Regional employment commission")
        GOVCORP = "GOVCORP", _("State Corporation (one-stop shop)")
        MISSION = "MISSION", _("Foreign mission")
        CRTR = "CRTR", _("Labour Resources Development Centre")
        MINISTRY = "MINISTRY", _("Ministry (migration authority)")
        AKIM = "AKIM", _("Akimat of a district or rural district")

    NATIONAL_KINDS = (Kind.MINISTRY, Kind.CRTR)

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("region"), null=True, blank=True,
        help_text=_("Empty only for national bodies and foreign missions."),
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="branches", verbose_name=_("parent"),
        help_text=_("A career centre belongs to its labour mobility centre."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["region__name_ru", "kind", "name_ru"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    @property
    def is_national(self) -> bool:
        return self.kind in self.NATIONAL_KINDS


class Staff(models.Model):
    """Ties a user to one organisation (and so a region). Roles are the user's groups (kandas.roles)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="staff", verbose_name=_("organisation")
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    is_head = models.BooleanField(_("head of the organisation"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        permissions = [("view_personal_data", _("Can see personal data (IIN, documents)"))]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.username} — {self.organisation}"
