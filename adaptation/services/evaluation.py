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

from ..models import QualityEvaluation

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
    scores = (relevance, effectiveness, social_effect)
    if any(not isinstance(s, int) or not 1 <= s <= 5 for s in scores):
        raise ValidationError(_("Each criterion is scored 1 to 5 points."))
    total = sum(scores)
    try:
        with transaction.atomic():
            return QualityEvaluation.objects.create(
                organisation=org, quarter=quarter, relevance=relevance, effectiveness=effectiveness,
                social_effect=social_effect, total=total, band=score_band(total), left_region=left_region,
                evaluated_by=actor, evaluated_on=on or timezone.localdate())
    except IntegrityError:
        raise ValidationError(_("%(org)s is already evaluated for %(quarter)s.") % {"org": org, "quarter": quarter})
