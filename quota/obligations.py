"""Periodic obligations of the quota slice (kandas.obligations)."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kandas.models import Organisation
from kandas.obligations import YEARLY, ObligationKind, opens_on

from .rules import locality_list_due

LOCALITY_LIST = "quota.locality_list"


def settlement_region_mios():
    """QUO-12: every MIO of a region designated for settlement forms the region's list."""
    return Organisation.objects.filter(kind=Organisation.Kind.MIO, region__is_settlement_region=True)


OBLIGATION_KINDS = [
    # QUO-12 (003 p.7): the list of localities for the year is formed "до 15 декабря" of the year before →
    # due 14 December (Decisions 12), a fixed date (CAL-3). It appears on 1 November; publishing the list
    # (quota.services.locality_list_publish) fulfils it.
    ObligationKind(
        code=LOCALITY_LIST, label=_("List of localities for relocation"), rule="QUO-12", cadence=YEARLY,
        due=lambda period: locality_list_due(period.year), organisations=settlement_region_mios,
        opens=opens_on(11, 1, years_before=1), manual=False, work_url=lambda: reverse("quota:locality_lists")),
]
