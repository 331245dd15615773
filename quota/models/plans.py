"""Quota plans (QUO-10) and settlement planning (QUO-12): localities lists and proposals to the ministry."""
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from kandas.fsm import condition, role_permission
from kandas.models import CaseBase, Locality, Region
from kandas.roles import Role

from ..rules import QUOTA_RULES
from .choices import QuotaKind, QuotaUnit


class QuotaPlan(models.Model):
    """How many kandas or settlers (persons or families) a territorial unit (KATO) admits in a year.

    QUO-10 (002 app.2 p.9 ground 5 / 4 "no quota in the territorial unit"): a plan is kept either for the
    whole designated region (`locality` empty) or for a district or city inside it (`locality`). An
    application for a unit consumes that unit's plan; when the unit has no plan of its own, the region's
    plan (quota.selectors.plan_for). A unit's plan is its own counter: the region's plan counts the
    applications of the units without one.

    `used` only grows inside quota.services.quota_consume, under a row lock: never above `admitted`.
    `free` (admitted − used) is the one number every screen and the API show; `reserved` (recommended,
    not yet decided) is shown beside it as the part of the free places already promised.
    """

    scope_region_fields = ("region",)

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="quota_plans",
                               verbose_name=_("territorial unit (KATO)"))
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("district or city (KATO)"),
                                 help_text=_("Empty: the plan of the whole region."))
    year = models.PositiveIntegerField(_("period (year)"))
    kind = models.CharField(_("kind"), max_length=10, choices=QuotaKind.choices)
    unit = models.CharField(_("counted in"), max_length=10, choices=QuotaUnit.choices, default=QuotaUnit.PERSONS)
    admitted = models.PositiveIntegerField(_("admitted (quota)"))
    used = models.PositiveIntegerField(_("used"), default=0)
    basis = models.CharField(_("basis (government decree)"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "region__name_ru", "kind"]
        verbose_name = _("quota plan")
        verbose_name_plural = _("quota plans")
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "kind"], condition=Q(locality__isnull=True),
                                    name="quota_plan_once"),
            models.UniqueConstraint(fields=["locality", "year", "kind"], condition=Q(locality__isnull=False),
                                    name="quota_unit_plan_once"),
            models.CheckConstraint(condition=Q(used__lte=models.F("admitted")), name="quota_never_exceeded"),
        ]

    def __str__(self):
        return f"{self.unit_name} {self.year} {self.get_kind_display()}: {self.used}/{self.admitted}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.locality_id and self.region_id and self.locality.region_id != self.region_id:
            raise ValidationError({"locality": _("This district or city is not inside the region.")})

    @property
    def unit_name(self) -> str:
        """The territorial unit the plan is for, with its KATO code."""
        place = self.locality or self.region
        return f"{place} ({place.kato})"

    @property
    def free(self) -> int:
        """The one definition of "free" (QUO-10): the places no decision has taken yet, admitted − used. An
        inclusion takes its units from these, under a row lock (never above admitted)."""
        return max(self.admitted - self.used, 0)

    @property
    def reserved(self) -> int:
        """The part of `free` promised to applications recommended for inclusion and not decided yet."""
        if not hasattr(self, "_reserved"):
            from ..selectors import plans_reserved

            self._reserved = plans_reserved([self])[self.pk]
        return self._reserved


class LocalityListState(models.TextChoices):
    DRAFT = "draft", _("Being formed")
    PUBLISHED = "published", _("Published and sent")


class LocalityList(CaseBase):
    """QUO-12 (003 p.6–8): the MIO's yearly list of localities for voluntary relocation."""

    RULES = QUOTA_RULES
    REF_PREFIX = "LOC"

    state = FSMField(_("state"), default=LocalityListState.DRAFT, choices=LocalityListState.choices, protected=True)
    year = models.PositiveIntegerField(_("for the year"))
    published_on = models.DateField(_("published on"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        ordering = ["-year", "region__name_ru"]
        verbose_name = _("list of localities for relocation")
        verbose_name_plural = _("lists of localities for relocation")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="locality_list_once")]

    def get_absolute_url(self):
        return reverse("quota:locality_list_detail", args=[self.pk])

    def signature_snapshot(self, purpose):
        data = super().signature_snapshot(purpose)
        data["entries"] = [(e.locality.kato, e.direction, e.places) for e in self.entries.all()]
        return data

    @transition(field=state, source=LocalityListState.DRAFT, target=LocalityListState.PUBLISHED,
                conditions=[condition(_("the list names at least one locality"))(lambda c: c.entries.exists())],
                permission=role_permission(Role.MIO_SPECIALIST, Role.MIO_HEAD), custom={"label": _("Publish")})
    def publish(self, *, on):
        self.published_on = on


class Direction(models.TextChoices):
    """003 p.5: settlement to designated regions within quotas, or within one oblast."""
    QUOTA = "quota", _("to a designated region within the quotas")
    INTRA_OBLAST = "intra", _("within the oblast")


class LocalityListEntry(models.Model):
    locality_list = models.ForeignKey(LocalityList, on_delete=models.CASCADE, related_name="entries")
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="+", verbose_name=_("locality"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.QUOTA)
    places = models.PositiveIntegerField(_("places (persons)"), default=0)
    jobs = models.CharField(_("jobs and housing on offer"), max_length=255, blank=True)

    class Meta:
        ordering = ["locality__name_ru"]
        verbose_name = _("locality in the list")
        verbose_name_plural = _("localities in the list")
        constraints = [models.UniqueConstraint(fields=["locality_list", "locality"], name="locality_in_list_once")]


class QuotaProposal(models.Model):
    """QUO-12 (003 p.4): the MIO's proposal to the ministry, with its status."""

    class Subject(models.TextChoices):
        INCLUDE_TERRITORY = "include_territory", _("include a territory for settling kandas and settlers")
        EXCLUDE_TERRITORY = "exclude_territory", _("exclude a territory from settling")
        FOREIGN_LABOUR = "foreign_labour", _("change the quota for foreign labour")
        KANDAS_QUOTA = "kandas_quota", _("change the regional kandas quota")
        SETTLER_QUOTA = "settler_quota", _("change the regional settler quota")
        LABOUR_IMMIGRANTS = "labour_immigrants", _("change the quota for labour immigrants")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent to the ministry")
        ACCEPTED = "accepted", _("accepted by the ministry")
        REJECTED = "rejected", _("rejected by the ministry")

    scope_region_fields = ("region",)

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    subject = models.CharField(_("subject"), max_length=20, choices=Subject.choices)
    period = models.CharField(_("period"), max_length=60, help_text=_("The coming year or the medium term."))
    change = models.IntegerField(_("proposed change (+/-)"), null=True, blank=True)
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("territory"))
    justification = models.TextField(_("justification"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer = models.TextField(_("answer of the ministry"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposal to the ministry")
        verbose_name_plural = _("proposals to the ministry")

    def __str__(self):
        return f"{self.region}: {self.get_subject_display()} ({self.period})"
