"""Rule table of the adaptation and integration services (order 331-Ө-М appendix 2 in the edition of order 170
of 30.05.2024, registered 01.06.2024 No 34446 — seed 001; DOMAIN.md ADA, Decisions 2, 14–16).

Every step of the chain is a deadline held by the organisation the case has reached; "within one working
day" with no start event counts from the day the case reaches that organisation (Decisions 2).
"""
import datetime

from django.utils.translation import gettext_lazy as _

from kandas.rules import CALENDAR_DATE, CALENDAR_DAYS, WORKING_DAYS, RuleBook, RuleVersion, Step, steps

# GEN-1. Order 170 p.4: "вводится в действие по истечении десяти календарных дней после дня его первого
# официального опубликования". The seed gives the order's date (30.05.2024) and its registration
# (01.06.2024) but not the publication date. ASSUMPTION: first official publication on 06.06.2024 (the
# Reference control bank publishes within days of registration), so the ten calendar days are 07–16.06 and
# the rules are in force from 17.06.2024. Correct ORDER_170_PUBLISHED when the publication date is known.
ORDER_170_PUBLISHED = datetime.date(2024, 6, 6)
ORDER_170_IN_FORCE = ORDER_170_PUBLISHED + datetime.timedelta(days=11)

DEFAULT_JOB_SEARCH_DAYS = 30  # Decisions 16: settings.ADAPTATION_JOB_SEARCH_DAYS overrides it

SUPPORT_RULES = RuleBook([
    RuleVersion("170-2024", ORDER_170_IN_FORCE, steps(
        # p.8: the exit CC specialist re-checks, signs with EDS and sends to the exit LMC head (also after rework).
        Step("recheck", "ADA-2", 1, WORKING_DAYS, label=_("Re-check, sign and send to the LMC head (exit CC)"),
             signer="cc_specialist"),
        # p.9: the exit LMC head checks the Digital family map, signs or returns for rework.
        Step("exit_lmc", "ADA-3", 1, WORKING_DAYS, label=_("Check the family map and sign (exit LMC head)"),
             signer="lmc_head"),
        # p.10: the exit MIO management checks and signs (remarks: rework, Decisions 15).
        Step("exit_mio", "ADA-4", 1, WORKING_DAYS, label=_("Check and sign (exit MIO management)"),
             signer="mio_head"),
        # p.11: the settlement MIO management directs the application to a specialist. The text sets no term;
        # this system shows the step with Decisions 2's one working day so that it is in the head's "My work".
        Step("settle_assign", "ADA-5", 1, WORKING_DAYS, label=_("Assign a specialist (settlement MIO management)")),
        # p.12–13: the specialist checks and signs or returns, 1 working day from the assignment (Decisions 15).
        Step("settle_check", "ADA-5", 1, WORKING_DAYS, label=_("Check members, scans and consent; sign or return "
                                                                 "(settlement MIO specialist)"), signer="mio_specialist"),
        # p.14–16: the settlement LMC reviews, contacts the kandas, offers vacancies: 3 working days.
        Step("lmc_review", "ADA-6", 3, WORKING_DAYS, label=_("Review, contact the kandas, offer vacancies "
                                                               "(settlement LMC)")),
        # p.17: interest in a vacancy → route, date, transport, arriving members within 1 working day.
        Step("lmc_route", "ADA-7", 1, WORKING_DAYS, label=_("Route, date, transport and arriving members "
                                                              "(settlement LMC)")),
        # p.19: the settlement CC accepts and drafts the individual plan with the kandas: 1 working day.
        Step("cc_accept", "ADA-9", 1, WORKING_DAYS, label=_("Accept and draft the individual plan (settlement CC)")),
        # p.18 / Decisions 16: the job-search period from the CC's acceptance (length: a setting).
        Step("job_search", "ADA-8", DEFAULT_JOB_SEARCH_DAYS, CALENDAR_DAYS,
             label=_("Job-search period (settlement CC)")),
        # p.18: no job or a refused offer → the draft unemployment decision, signed by the CC director: 1 wd.
        Step("unemployed_draft", "ADA-8", 1, WORKING_DAYS, label=_("Draft decision on registration as unemployed, "
                                                                     "signed by the CC director"),
             signer="cc_director"),
        # p.28: the individual plan within 1 working day after the preliminary visit.
        Step("visit_plan", "ADA-11", 1, WORKING_DAYS, label=_("Individual plan after the preliminary visit "
                                                                "(settlement CC)")),
        # p.29: within 1 working day of the final decision the written quota application is filed with the CC.
        Step("quota_file", "ADA-12", 1, WORKING_DAYS, label=_("File the quota application (settlement CC)")),
        # p.30: meeting on the agreed relocation date.
        Step("arrival", "ADA-13", 0, CALENDAR_DATE, label=_("Meet the family on arrival (settlement CC)")),
        # p.31: temporary registration in an ACC / TAC for not more than one year (length: to the same date
        # a year later, 365 or 366 days; see services.relocation).
        Step("temp_registration", "ADA-13", 365, CALENDAR_DAYS,
             label=_("Temporary registration in a centre: at most 1 year")),
    ), title=_("Order 331-Ө-М appendix 2 in the edition of order 170 of 30.05.2024")),
])
