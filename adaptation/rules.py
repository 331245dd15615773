"""Rule table of residence in the adaptation centre (order 331-Ө-М, appendix 1 as amended 16.03.2021 № 78).

Each step names its rule ID (DOMAIN.md, RES). The adaptation-services rules (ADA) get their own book.

A rule ID with an asterisk ("RES-6*") is this system's own service level, not a term of the regulation:
its label says so wherever a deadline is shown (case page, "My work"), and its "How counted" says which
paragraph is silent. RES-6*: p.8 says only that the MIO gives the referral to the reserve in journal order
when beds free up, and sets no term; this system asks the MIO to do it within 1 working day so held beds
do not stand empty (Decisions: README, residence row).
"""
import datetime

from django.utils.translation import gettext_lazy as _

from kandas.rules import CALENDAR_DATE, CALENDAR_DAYS, WORKING_DAYS, RuleBook, RuleVersion, Step, steps

# RES-6*: the asterisk marks a service level of this system (see the module docstring).
SERVICE_LEVEL_OFFER = "RES-6*"

RESIDENCE_RULES = RuleBook([
    RuleVersion("331-2021", datetime.date(2021, 3, 30), steps(
        # p.6: the application is considered on the day it is filed.
        Step("consider", "RES-5", 0, WORKING_DAYS, label=_("Consider the residence application (same day)")),
        # p.8: freed beds go to the reserve in journal order; the MIO issues the referral. p.8 sets no term:
        # the 1 working day is this system's service level (RES-6*), not a statutory term.
        Step("offer", SERVICE_LEVEL_OFFER, 1, WORKING_DAYS, label=_(
            "Issue the referral to the next in the reserve — service level of this system, not a statutory term")),
        # p.9: check-in within 3 calendar days of receiving the referral.
        Step("check_in", "RES-7", 3, CALENDAR_DAYS, label=_("Check the family in (3 calendar days)")),
        # p.15: residence until the status ends, at most 6 months from check-in (Decisions 9).
        Step("residence", "RES-10", 0, CALENDAR_DATE, label=_("End of residence")),
        # p.14: the MIO decides stay or eviction within 1 working day (Decisions 2).
        Step("decide", "RES-9", 1, WORKING_DAYS, label=_("Decide on early termination (stay or eviction)"),
             signer="mio_head"),
        # p.17: the room is vacated not later than 3 calendar days after the end of the residence term. After
        # an eviction decision (p.14, p.16) this system counts the same 3 days from the decision: p.17 does
        # not say so (its reading, shown on the case page and in the step's "How counted").
        Step("vacate", "RES-11", 3, CALENDAR_DAYS, label=_("Vacate the room (3 calendar days)")),
    ), title=_("Order 331-Ө-М, appendix 1 (as amended 16.03.2021 No. 78)")),
])
