"""Five years of adaptation support and its monitoring rounds (ADA-19, Decisions 17) and the CRTR's
quarterly quality evaluation of a settlement LMC or CC (ADA-20, Decisions 1)."""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kandas.models import Organisation

from .plans import AdaptationPlan


class MonitoringRound(models.Model):
    # kandas.scoping: the settlement region keeps the rounds (the exit region's part ended with the move).
    scope_region_fields = ("plan__application__settlement_region",)

    plan = models.ForeignKey(AdaptationPlan, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("round"))
    period_start = models.DateField(_("period from"))
    due = models.DateField(_("due"))
    done_on = models.DateField(_("held on"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    problems = models.TextField(_("problems found"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    visit_on = models.DateField(_("field visit on"), null=True, blank=True)
    visit_place = models.CharField(_("place of the visit"), max_length=255, blank=True)
    residence_checked_on = models.DateField(_("residence checked on"), null=True, blank=True)
    residence_asked_at = models.DateTimeField(_("Migration police asked at"), null=True, blank=True)
    residence_confirmed = models.BooleanField(_("permanent residence confirmed"), null=True)
    # The registered region differs from the settlement region (counted for the social effect, ADA-20).
    left_region = models.BooleanField(_("left the region"), null=True)
    residence_answer = models.JSONField(_("Migration police answer"), default=dict, blank=True)

    class Meta:
        ordering = ["plan_id", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="monitoring_round_once")]
        indexes = [models.Index(fields=["due", "done_on"])]


class QualityEvaluation(models.Model):
    class Band(models.TextChoices):
        # ADA-20: the total 3–15 banded half-open (services.evaluation.score_band).
        LOW = "low", _("low (unsatisfactory)")
        MEDIUM = "medium", _("medium (satisfactory)")
        HIGH = "high", _("high (successful)")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("evaluated organisation"))
    quarter = models.CharField(_("quarter"), max_length=7)
    relevance = models.PositiveSmallIntegerField(_("relevance"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    effectiveness = models.PositiveSmallIntegerField(_("effectiveness"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    social_effect = models.PositiveSmallIntegerField(_("social effect"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    total = models.PositiveSmallIntegerField(_("total"))
    band = models.CharField(_("level"), max_length=10, choices=Band.choices)
    left_region = models.PositiveIntegerField(_("kandas who left the region"), default=0)
    social_effect_reason = models.TextField(_("why the social effect differs from the pre-filled score"), blank=True)
    evaluated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    evaluated_on = models.DateField(_("evaluated on"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "quarter"], name="quality_evaluation_once")]


class EvaluationConclusion(models.Model):
    """ADA-21: the CRTR's quarterly conclusion to the ministry (by the 25th after the quarter), forwarded by the
    ministry to the MIOs; each MIO records its measures within one month of receipt."""

    quarter = models.CharField(_("quarter"), max_length=7, unique=True)
    report = models.TextField(_("report"))
    follow_up = models.TextField(_("follow-up of earlier recommendations"))
    recommendations = models.TextField(_("recommendations"))
    due = models.DateField(_("due"))
    sent_on = models.DateField(_("sent to the ministry on"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    forwarded_on = models.DateField(_("forwarded to the MIOs on"), null=True, blank=True)
    obligation = models.ForeignKey("kandas.Obligation", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")


class ConclusionMeasures(models.Model):
    conclusion = models.ForeignKey(EvaluationConclusion, on_delete=models.CASCADE, related_name="measures")
    mio = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("MIO"))
    received_on = models.DateField(_("received on"))
    due = models.DateField(_("measures due"))
    measures = models.TextField(_("measures taken"), blank=True)
    recorded_on = models.DateField(_("measures recorded on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    obligation = models.ForeignKey("kandas.Obligation", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conclusion", "mio"], name="conclusion_measures_once")]
