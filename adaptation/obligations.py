"""Periodic obligations of the adaptation services (kandas.obligations).

ADA-18: the settlement CC's monthly report app.3 to the MIO, not later than the 5th of the following month
(a fixed date: a Sunday keeps it, CAL-3). Quarterly evaluation (ADA-20/21) joins later: CRTR is national and
has no region, so its obligations are planned per settlement LMC/CC scored by CRTR (see the report)."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kandas.models import Organisation
from kandas.obligations import MONTHLY, ObligationKind, day_of_month_after

MONTHLY_REPORT = "adaptation.monthly_report"


def settlement_ccs():
    return Organisation.objects.filter(kind=Organisation.Kind.CC, region__is_settlement_region=True)


OBLIGATION_KINDS = [
    ObligationKind(code=MONTHLY_REPORT, label=_("Monthly report on the adaptation plans (app.3)"), rule="ADA-18",
                   cadence=MONTHLY, due=day_of_month_after(5), organisations=settlement_ccs, manual=False,
                   work_url=lambda: reverse("adaptation:monthly_reports")),
]
