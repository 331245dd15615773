"""Periodic obligations of the adaptation services (kandas.obligations).

ADA-18: the settlement CC's monthly report app.3 to the MIO, not later than the 5th of the following month
(a fixed date: a Sunday keeps it, CAL-3).

ADA-20: the CRTR's quarterly evaluation, not later than the 5th of the month after the quarter. The CRTR is
national and kandas.obligation_ensure refuses an organisation without a region, so the obligation is kept
per settlement LMC and CC — "this organisation is evaluated for the quarter" — and recording the CRTR's
evaluation of it fulfils it (adaptation.services.evaluation). The conclusion to the ministry by the 25th
(ADA-21) is national: its due date is kept on the conclusion itself."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kandas.models import Organisation
from kandas.obligations import MONTHLY, QUARTERLY, ObligationKind, day_of_month_after

MONTHLY_REPORT = "adaptation.monthly_report"
QUALITY_EVALUATION = "adaptation.quality_evaluation"


def settlement_ccs():
    return Organisation.objects.filter(kind=Organisation.Kind.CC, region__is_settlement_region=True)


def settlement_lmcs_and_ccs():
    return Organisation.objects.filter(kind__in=(Organisation.Kind.LMC, Organisation.Kind.CC),
                                       region__is_settlement_region=True)


OBLIGATION_KINDS = [
    ObligationKind(code=MONTHLY_REPORT, label=_("Monthly report on the adaptation plans (app.3)"), rule="ADA-18",
                   cadence=MONTHLY, due=day_of_month_after(5), organisations=settlement_ccs, manual=False,
                   work_url=lambda: reverse("adaptation:monthly_reports")),
    ObligationKind(code=QUALITY_EVALUATION, label=_("Quarterly quality evaluation by the CRTR"), rule="ADA-20",
                   cadence=QUARTERLY, due=day_of_month_after(5), organisations=settlement_lmcs_and_ccs, manual=False),
]
