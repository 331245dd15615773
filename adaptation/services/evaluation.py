"""Quality evaluation by CRTR (ADA-20, Decisions 1): relevance, effectiveness and social effect 1–5 each;
the total 3–15 is banded half-open: 3–9 low (unsatisfactory), 10–14 medium (satisfactory), 15 high
(successful); the text's 15–25 band is kept for more criteria (any total ≥ 15 is high)."""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from kandas.models import Organisation
from kandas.roles import Role, user_has_role

from kandas.obligation_services import obligation_ensure, obligation_fulfil
from kandas.obligations import day_of_month_after, obligation_kind, period_from_code
from kandas.workdays import WorkCalendar

from ..models import ConclusionMeasures, EvaluationConclusion, QualityEvaluation
from ..obligations import QUALITY_EVALUATION

LOW, MEDIUM, HIGH = "low", "medium", "high"
BAND_LABELS = {LOW: gettext_lazy("low (unsatisfactory)"), MEDIUM: gettext_lazy("medium (satisfactory)"),
               HIGH: gettext_lazy("high (successful)")}


def score_band(total: int) -> str:
    if total < 10:
        return LOW
    if total < 15:
        return MEDIUM
    return HIGH


@transaction.atomic
def evaluation_record(*, actor, organisation_id: int, quarter: str, relevance: int, effectiveness: int,
                      social_effect: int, left_region: int = 0, on: datetime.date | None = None) -> QualityEvaluation:
    if not (actor.is_superuser or user_has_role(actor, Role.CRTR_ANALYST)):
        raise PermissionDenied(_("Quality is evaluated by the CRTR."))
    org = Organisation.objects.get(pk=organisation_id)
    if org.kind not in (Organisation.Kind.LMC, Organisation.Kind.CC):
        raise ValidationError(_("The CRTR evaluates settlement labour mobility centres and career centres."))
    try:
        period = period_from_code("quarterly", quarter)
    except (ValueError, TypeError):
        raise ValidationError(_("A quarter is written 2026-Q3."))
    scores = (relevance, effectiveness, social_effect)
    if any(not isinstance(s, int) or not 1 <= s <= 5 for s in scores):
        raise ValidationError(_("Each criterion is scored 1 to 5 points."))
    total = sum(scores)
    on = on or timezone.localdate()
    if on <= period.end:
        raise ValidationError(_("The quarter %(quarter)s is evaluated after it ends.") % {"quarter": quarter})
    try:
        with transaction.atomic():
            evaluation = QualityEvaluation.objects.create(
                organisation=org, quarter=quarter, relevance=relevance, effectiveness=effectiveness,
                social_effect=social_effect, total=total, band=score_band(total), left_region=left_region,
                evaluated_by=actor, evaluated_on=on)
    except IntegrityError:
        raise ValidationError(_("%(org)s is already evaluated for %(quarter)s.") % {"org": org, "quarter": quarter})
    if org.region_id:
        kind = obligation_kind(QUALITY_EVALUATION)
        obligation, _new = obligation_ensure(kind=kind, organisation=org, period=period, today=on)
        if obligation.state == "open":
            # the CRTR is not the obligation's organisation: fulfilled by the system on its record (actor None)
            obligation_fulfil(obligation_id=obligation.pk, actor=None, on=on, result_ref=f"{total}/15",
                              note=str(evaluation.evaluated_by))
    return evaluation


def conclusion_due(quarter: str) -> datetime.date:
    """ADA-21: not later than the 25th of the month after the quarter."""
    return day_of_month_after(25)(period_from_code("quarterly", quarter))


@transaction.atomic
def conclusion_send(*, actor, quarter: str, report: str, follow_up: str, recommendations: str,
                    on: datetime.date | None = None) -> EvaluationConclusion:
    if not (actor.is_superuser or user_has_role(actor, Role.CRTR_ANALYST)):
        raise PermissionDenied(_("The conclusion is sent by the CRTR."))
    if not (report.strip() and follow_up.strip() and recommendations.strip()):
        raise ValidationError(_("The conclusion has three parts: the report, the follow-up of earlier "
                                "recommendations and the recommendations."))
    try:
        due = conclusion_due(quarter)
    except (ValueError, TypeError):
        raise ValidationError(_("A quarter is written 2026-Q3."))
    try:
        with transaction.atomic():
            return EvaluationConclusion.objects.create(quarter=quarter, report=report, follow_up=follow_up,
                                                       recommendations=recommendations, due=due,
                                                       sent_on=on or timezone.localdate(), sent_by=actor)
    except IntegrityError:
        raise ValidationError(_("The conclusion for %(quarter)s is already sent.") % {"quarter": quarter})


@transaction.atomic
def conclusion_forward(*, actor, conclusion_id: int, on: datetime.date | None = None) -> list[ConclusionMeasures]:
    """ADA-21 p.51: the ministry forwards the conclusion to every settlement-region MIO; each has one month."""
    if not (actor.is_superuser or user_has_role(actor, Role.MINISTRY_ANALYST)):
        raise PermissionDenied(_("The ministry forwards the conclusion to the MIOs."))
    conclusion = EvaluationConclusion.objects.select_for_update().get(pk=conclusion_id)
    if conclusion.forwarded_on:
        raise ValidationError(_("The conclusion is already forwarded."))
    on = on or timezone.localdate()
    conclusion.forwarded_on = on
    conclusion.save(update_fields=["forwarded_on"])
    mios = Organisation.objects.filter(kind=Organisation.Kind.MIO, region__is_settlement_region=True)
    return ConclusionMeasures.objects.bulk_create([
        ConclusionMeasures(conclusion=conclusion, mio=mio, received_on=on, due=WorkCalendar.add_months(on, 1))
        for mio in mios])


@transaction.atomic
def measures_record(*, actor, measures_id: int, measures: str, on: datetime.date | None = None) -> ConclusionMeasures:
    from kandas.scoping import user_organisation

    row = ConclusionMeasures.objects.select_for_update().select_related("mio").get(pk=measures_id)
    org = user_organisation(actor)
    if not actor.is_superuser and not (org is not None and org.kind == Organisation.Kind.MIO
                                       and org.region_id == row.mio.region_id):
        raise PermissionDenied(_("Only the MIO the conclusion was sent to records its measures."))
    if not measures.strip():
        raise ValidationError(_("Describe the measures taken towards the LMC and the career centres."))
    row.measures, row.recorded_on, row.recorded_by = measures, on or timezone.localdate(), actor
    row.save(update_fields=["measures", "recorded_on", "recorded_by"])
    return row
