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
    from ..selectors import plan_for

    ground = QUOTA_EXHAUSTED_GROUND[application.kind]
    if application.locality_refused_on:
        raise QuotaExhausted(_("The applicant refused the offered territorial unit %(unit)s on %(day)s: refuse on "
                               "ground “%(ground)s”.") % {
            "unit": application.locality, "day": application.locality_refused_on.strftime("%d.%m.%Y"),
            "ground": ALL_GROUNDS[ground]}, ground)
    plan = plan_for(application, on.year, lock=True)
    if plan is None:
        raise QuotaExhausted(_("There is no %(kind)s quota for %(region)s in %(year)d: refuse on ground “%(ground)s”.") % {
            "kind": application.get_kind_display(), "region": application.locality or application.region,
            "year": on.year, "ground": ALL_GROUNDS[ground]}, ground)
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
                   basis: str = "", locality_id: int | None = None) -> QuotaPlan:
    """QUO-10: set the plan of a region (locality_id None) or of a district / city inside it."""
    from kandas.models import Locality

    if locality_id is not None and not Locality.objects.filter(pk=locality_id, region_id=region_id).exists():
        raise ActionNotAllowed(_("This district or city is not inside the region."))
    plan, _created = QuotaPlan.objects.select_for_update().get_or_create(
        region_id=region_id, locality_id=locality_id, year=year, kind=kind,
        defaults={"admitted": admitted, "unit": unit, "basis": basis})
    if plan.used > admitted:
        raise ActionNotAllowed(_("The quota cannot be set below the %(used)d already used.") % {"used": plan.used})
    plan.admitted, plan.unit, plan.basis = admitted, unit, basis or plan.basis
    plan.save()
    return plan
