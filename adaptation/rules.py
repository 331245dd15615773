"""Rule table of residence in the adaptation centre (order 331-Ө-М, appendix 1 as amended 16.03.2021 № 78).

Each step names its rule ID (DOMAIN.md, RES). The adaptation-services rules (ADA) get their own book.
"""
import datetime

from django.utils.translation import gettext_lazy as _

from kandas.rules import CALENDAR_DATE, CALENDAR_DAYS, WORKING_DAYS, RuleBook, RuleVersion, Step, steps

RESIDENCE_RULES = RuleBook([
    RuleVersion("331-2021", datetime.date(2021, 3, 30), steps(
        # p.6: the application is considered on the day it is filed.
        Step("consider", "RES-5", 0, WORKING_DAYS, label=_("Consider the residence application (same day)")),
        # p.8: freed beds go to the reserve in journal order; the MIO issues the referral.
        Step("offer", "RES-6", 1, WORKING_DAYS, label=_("Issue the referral to the next in the reserve")),
        # p.9: check-in within 3 calendar days of receiving the referral.
        Step("check_in", "RES-7", 3, CALENDAR_DAYS, label=_("Check the family in (3 calendar days)")),
        # p.15: residence until the status ends, at most 6 months from check-in (Decisions 9).
        Step("residence", "RES-10", 0, CALENDAR_DATE, label=_("End of residence")),
        # p.14: the MIO decides stay or eviction within 1 working day (Decisions 2).
        Step("decide", "RES-9", 1, WORKING_DAYS, label=_("Decide on early termination (stay or eviction)"),
             signer="mio_head"),
        # p.17: the room is vacated not later than 3 calendar days after residence ends.
        Step("vacate", "RES-11", 3, CALENDAR_DAYS, label=_("Vacate the room (3 calendar days)")),
    ), title=_("Order 331-Ө-М, appendix 1 (as amended 16.03.2021 No. 78)")),
])
