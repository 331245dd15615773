"""Periodic obligations of the adaptation services (kandas.obligations).

ADA-18: the settlement CC's monthly report app.3 to the MIO, not later than the 5th of the following month
(a fixed date: a Sunday keeps it, CAL-3).

ADA-20: the CRTR's quarterly evaluation, not later than the 5th of the month after the quarter, kept per
settlement LMC and CC — "this organisation is evaluated for the quarter" — and fulfilled by the CRTR's
analyst on the organisation's behalf (`fulfilled_by`; adaptation.services.evaluation).

ADA-21: the CRTR's conclusion to the ministry by the 25th: an obligation of the CRTR itself, a national body
without a region (its deadline has none either). The MIO's measures within one month of receipt: an
obligation of each MIO opened when the ministry forwards the conclusion (the generator makes none: its due
date counts from the receipt)."""
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


MIO_MEASURES = "adaptation.conclusion_measures"
EVALUATION_CONCLUSION = "adaptation.evaluation_conclusion"


def crtrs():
    return Organisation.objects.filter(kind=Organisation.Kind.CRTR)


OBLIGATION_KINDS = [
    ObligationKind(code=MONTHLY_REPORT, label=_("Monthly report on the adaptation plans (app.3)"), rule="ADA-18",
                   cadence=MONTHLY, due=day_of_month_after(5), organisations=settlement_ccs, manual=False,
                   work_url=lambda: reverse("adaptation:monthly_reports")),
    ObligationKind(code=QUALITY_EVALUATION, label=_("Quarterly quality evaluation by the CRTR"), rule="ADA-20",
                   cadence=QUARTERLY, due=day_of_month_after(5), organisations=settlement_lmcs_and_ccs, manual=False,
                   fulfilled_by=(Organisation.Kind.CRTR,), work_url=lambda: reverse("adaptation:quality_index")),
    ObligationKind(code=EVALUATION_CONCLUSION, label=_("CRTR conclusion on the quality evaluation to the ministry"),
                   rule="ADA-21", cadence=QUARTERLY, due=day_of_month_after(25), organisations=crtrs, manual=False,
                   work_url=lambda: reverse("adaptation:quality_index")),
    ObligationKind(code=MIO_MEASURES, label=_("Measures on the CRTR conclusion (MIO, one month from receipt)"),
                   rule="ADA-21", cadence=QUARTERLY, due=day_of_month_after(25),
                   organisations=lambda: Organisation.objects.none(), manual=False,
                   work_url=lambda: reverse("adaptation:quality_index")),
]
