from django.db import models
from django.utils.translation import get_language, gettext_lazy as _
from simple_history.models import HistoricalRecords


def localised(obj, language: str | None = None) -> str:
    """The name of `obj` (name_ru / name_kk / name_en) for a reader of `language` (default: the active one):
    Kazakh for kk, English for en, Russian otherwise; Russian when the registry has no name in that language."""
    language = (language or get_language() or "ru").lower()
    name = ""
    if language.startswith("kk"):
        name = obj.name_kk
    elif language.startswith("en"):
        name = obj.name_en
    return name or obj.name_ru


class LocalisedName(models.Model):
    """A name per language in the registry (ru, kk, en); `name` and `str()` follow the reader's language."""

    name_ru = models.CharField(_("name (Russian)"), max_length=255)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def name_for(self, language: str | None = None) -> str:
        return localised(self, language)

    @property
    def name(self) -> str:
        return self.name_for()

    def __str__(self):
        return self.name


class Region(LocalisedName):
    """An oblast or a city of republican significance, keyed by its KATO code."""

    class Kind(models.TextChoices):
        OBLAST = "oblast", _("oblast")
        CITY = "city", _("city of republican significance")

    kato = models.CharField(_("KATO code"), max_length=9, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OBLAST)
    is_settlement_region = models.BooleanField(
        _("designated for settlement"), default=False, help_text=_("Receives kandas and settlers within quotas.")
    )
    is_exit_region = models.BooleanField(_("region of exit for settlers"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_ru"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Locality(LocalisedName):
    """A district, town or rural settlement inside a region (KATO)."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("district")
        TOWN = "town", _("town")
        VILLAGE = "village", _("village")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="localities", verbose_name=_("region"))
    kato = models.CharField(_("KATO code"), max_length=9, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TOWN)
    is_rural = models.BooleanField(_("rural"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["region__name_ru", "name_ru"]
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
