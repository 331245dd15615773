"""Quality evaluation by CRTR (ADA-20, Decisions 1): relevance, effectiveness and social effect 1–5 each;
the total 3–15 is banded half-open: 3–9 low (unsatisfactory), 10–14 medium (satisfactory), 15 high
(successful); the text's 15–25 band is kept for more criteria (any total ≥ 15 is high)."""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kandas.models import Organisation
from kandas.roles import Role, user_has_role
from kandas.scoping import user_organisation

from kandas.obligation_services import obligation_ensure, obligation_fulfil
from kandas.obligations import day_of_month_after, obligation_kind, period_from_code
from kandas.workdays import WorkCalendar

from kandas.deadlines import deadline_open
from kandas.models import Obligation
from kandas.obligation_services import obligation_step

from ..models import ConclusionMeasures, EvaluationConclusion, MonitoringRound, QualityEvaluation
from ..obligations import EVALUATION_CONCLUSION, MIO_MEASURES, QUALITY_EVALUATION

LOW, MEDIUM, HIGH = QualityEvaluation.Band.LOW, QualityEvaluation.Band.MEDIUM, QualityEvaluation.Band.HIGH
BAND_LABELS = dict(QualityEvaluation.Band.choices)


def score_band(total: int) -> str:
    if total < 10:
        return LOW
    if total < 15:
        return MEDIUM
    return HIGH


def left_region_stats(organisation: Organisation, quarter: str) -> tuple[int, int]:
    """(kandas who left the region, kandas whose residence was checked) among the families settled in the
    organisation's region, from the residence checks of the monitoring rounds asked during the quarter."""
    period = period_from_code("quarterly", quarter)
    checks = MonitoringRound.objects.filter(
        plan__application__settlement_region_id=organisation.region_id, residence_checked_on__gte=period.start,
        residence_checked_on__lte=period.end)
    checked = checks.values("plan_id").distinct().count()
    left = checks.filter(left_region=True).values("plan_id").distinct().count()
    return left, checked


# ASSUMPTION (the text gives no scale for "social effect" beyond counting kandas who leave the region, p.49):
# the share that left → points: none 5, up to 5% 4, up to 10% 3, up to 20% 2, more 1.
SOCIAL_EFFECT_STEPS = ((0.0, 5), (0.05, 4), (0.10, 3), (0.20, 2))


def social_effect_prefill(left: int, checked: int) -> int | None:
    if not checked:
        return None
    share = left / checked
    return next((points for limit, points in SOCIAL_EFFECT_STEPS if share <= limit), 1)


@transaction.atomic
def evaluation_record(*, actor, organisation_id: int, quarter: str, relevance: int, effectiveness: int,
                      social_effect: int, left_region: int | None = None, reason: str = "",
                      on: datetime.date | None = None) -> QualityEvaluation:
    """The CRTR's scores of one settlement LMC or CC for a quarter. The social effect is pre-filled from the
    residence checks (left_region_stats); another score needs a reason. Fulfils the organisation's quarterly
    obligation, by the CRTR analyst on its behalf."""
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
    left, checked = left_region_stats(org, quarter)
    prefill = social_effect_prefill(left, checked)
    if prefill is not None and social_effect != prefill and not reason.strip():
        raise ValidationError({"reason": _("The social effect differs from the %(n)d points counted from the "
                                           "residence checks: give the reason.") % {"n": prefill}})
    left_region = left if left_region is None else left_region
    try:
        with transaction.atomic():
            evaluation = QualityEvaluation.objects.create(
                organisation=org, quarter=quarter, relevance=relevance, effectiveness=effectiveness,
                social_effect=social_effect, total=total, band=score_band(total), left_region=left_region,
                social_effect_reason=reason.strip(), evaluated_by=actor, evaluated_on=on)
    except IntegrityError:
        raise ValidationError(_("%(org)s is already evaluated for %(quarter)s.") % {"org": org, "quarter": quarter})
    if org.region_id:
        kind = obligation_kind(QUALITY_EVALUATION)
        obligation, _new = obligation_ensure(kind=kind, organisation=org, period=period, today=on)
        if obligation.state == "open":
            # the CRTR is not the obligation's organisation: its analyst fulfils it on the organisation's behalf
            obligation_fulfil(obligation_id=obligation.pk, actor=actor, on=on, result_ref=f"{total}/15",
                              note=str(BAND_LABELS[evaluation.band]))
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
    on = on or timezone.localdate()
    try:
        with transaction.atomic():
            conclusion = EvaluationConclusion.objects.create(quarter=quarter, report=report, follow_up=follow_up,
                                                             recommendations=recommendations, due=due,
                                                             sent_on=on, sent_by=actor)
    except IntegrityError:
        raise ValidationError(_("The conclusion for %(quarter)s is already sent.") % {"quarter": quarter})
    crtr = user_organisation(actor)
    if crtr is not None and crtr.kind == Organisation.Kind.CRTR:
        kind = obligation_kind(EVALUATION_CONCLUSION)
        obligation, _new = obligation_ensure(kind=kind, organisation=crtr, period=kind.period(quarter), today=on)
        if obligation.state == "open":
            obligation_fulfil(obligation_id=obligation.pk, actor=actor, on=on, result_ref=quarter)
        conclusion.obligation = obligation
        conclusion.save(update_fields=["obligation"])
    return conclusion


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
    mios = Organisation.objects.filter(kind=Organisation.Kind.MIO, region__is_settlement_region=True).select_related("region")
    kind = obligation_kind(MIO_MEASURES)
    period = kind.period(conclusion.quarter)
    due = WorkCalendar.add_months(on, 1)
    rows = []
    for mio in mios:
        # one month from receipt: the MIO's obligation, its deadline on that date (CAL-3 fixed date)
        obligation = Obligation.objects.create(kind=kind.code, rule=kind.rule, organisation=mio, region=mio.region,
                                               period=period.code, period_start=period.start,
                                               period_end=period.end, due=due)
        deadline_open(case=obligation, step=obligation_step(kind), organisation=mio, start=on, fixed_date=due)
        rows.append(ConclusionMeasures(conclusion=conclusion, mio=mio, received_on=on, due=due, obligation=obligation))
    return ConclusionMeasures.objects.bulk_create(rows)


@transaction.atomic
def measures_record(*, actor, measures_id: int, measures: str, on: datetime.date | None = None) -> ConclusionMeasures:
    row = ConclusionMeasures.objects.select_for_update().select_related("mio").get(pk=measures_id)
    org = user_organisation(actor)
    if not actor.is_superuser and not (org is not None and org.kind == Organisation.Kind.MIO
                                       and org.region_id == row.mio.region_id):
        raise PermissionDenied(_("Only the MIO the conclusion was sent to records its measures."))
    if not measures.strip():
        raise ValidationError(_("Describe the measures taken towards the LMC and the career centres."))
    if row.recorded_on:
        raise ValidationError(_("The measures are already recorded."))
    on = on or timezone.localdate()
    row.measures, row.recorded_on, row.recorded_by = measures, on, actor
    row.save(update_fields=["measures", "recorded_on", "recorded_by"])
    if row.obligation_id:
        obligation_fulfil(obligation_id=row.obligation_id, actor=actor, on=on, result_ref=row.conclusion.quarter)
    return row
