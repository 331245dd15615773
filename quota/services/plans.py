"""QUO-10: quota plans; inclusion consumes the quota under a row lock, so it is never exceeded."""
import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from kandas.transitions import ActionNotAllowed

from ..models import QUOTA_EXHAUSTED_GROUND, QuotaApplication, QuotaPlan, QuotaUnit
from ..models.choices import ALL_GROUNDS


class QuotaExhausted(ActionNotAllowed):
    """No room left in the plan: the decision must be a refusal on ground 5 (kandas) / 4 (settlers)."""

    def __init__(self, message: str, ground: str):
        super().__init__(message)
        self.ground = ground


def quota_units_of(*, application: QuotaApplication, unit: str) -> int:
    """Decisions 7: a family counts 1 in a family plan; a person plan counts the applicant and the members
    included."""
    if unit == QuotaUnit.FAMILIES:
        return 1
    return 1 + sum(1 for m in application.members.all() if m.included)


@transaction.atomic
def quota_consume(*, application: QuotaApplication, on: datetime.date) -> tuple[QuotaPlan, int]:
    """Lock the plan of the application's region, year and kind; take the units or raise QuotaExhausted."""
    ground = QUOTA_EXHAUSTED_GROUND[application.kind]
    plan = (QuotaPlan.objects.select_for_update()
            .filter(region_id=application.region_id, year=on.year, kind=application.kind).first())
    if plan is None:
        raise QuotaExhausted(_("There is no %(kind)s quota for %(region)s in %(year)d: refuse on ground “%(ground)s”.") % {
            "kind": application.get_kind_display(), "region": application.region, "year": on.year,
            "ground": ALL_GROUNDS[ground]}, ground)
    units = quota_units_of(application=application, unit=plan.unit)
    if plan.used + units > plan.admitted:
        raise QuotaExhausted(_("The quota is exhausted: %(free)d of %(admitted)d left, %(units)d needed. "
                               "Refuse on ground “%(ground)s”.") % {
            "free": plan.free, "admitted": plan.admitted, "units": units, "ground": ALL_GROUNDS[ground]}, ground)
    plan.used += units
    plan.save(update_fields=["used"])
    return plan, units


@transaction.atomic
def quota_plan_set(*, region_id: int, year: int, kind: str, admitted: int, unit: str = QuotaUnit.PERSONS,
                   basis: str = "") -> QuotaPlan:
    plan, _created = QuotaPlan.objects.select_for_update().get_or_create(
        region_id=region_id, year=year, kind=kind, defaults={"admitted": admitted, "unit": unit, "basis": basis})
    if plan.used > admitted:
        raise ActionNotAllowed(_("The quota cannot be set below the %(used)d already used.") % {"used": plan.used})
    plan.admitted, plan.unit, plan.basis = admitted, unit, basis or plan.basis
    plan.save()
    return plan
