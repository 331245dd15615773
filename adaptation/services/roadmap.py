"""ADA-17 (p.38): for a rural locality the settlement CC records the roadmap approved in 3 copies and the
handover of each copy (district akim, rural-district akim, CC)."""
from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AdaptationPlan, RuralRoadmap
from .plans import _require_cc


@transaction.atomic
def roadmap_approve(*, actor, plan_id: int, content: str, on: datetime.date | None = None) -> RuralRoadmap:
    plan = AdaptationPlan.objects.select_related("application__locality").get(pk=plan_id)
    _require_cc(actor, plan.application)
    locality = plan.application.locality
    if locality is None or not locality.is_rural:
        raise ValidationError(_("A roadmap is approved for a rural settlement only (ADA-17)."))
    if not content.strip():
        raise ValidationError(_("Write the roadmap's measures."))
    try:
        with transaction.atomic():
            return RuralRoadmap.objects.create(plan=plan, content=content, approved_on=on or timezone.localdate(),
                                               approved_by=actor)
    except IntegrityError:
        raise ValidationError(_("The roadmap is already approved."))


@transaction.atomic
def roadmap_handover(*, actor, roadmap_id: int, copy: str, on: datetime.date | None = None) -> RuralRoadmap:
    roadmap = RuralRoadmap.objects.select_for_update().select_related("plan__application").get(pk=roadmap_id)
    _require_cc(actor, roadmap.plan.application)
    if copy not in RuralRoadmap.COPIES:
        raise ValidationError(_("The roadmap has three copies: the district akim's, the rural-district akim's and the career centre's."))
    if getattr(roadmap, copy):
        raise ValidationError(_("This copy is already handed over."))
    setattr(roadmap, copy, on or timezone.localdate())
    roadmap.save(update_fields=[copy])
    return roadmap
