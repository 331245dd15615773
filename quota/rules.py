"""Rule table of order 20 (002) and the Almaty rules (003), versioned by amendment (GEN-1).

Version "2025" is the text as amended by order 513 of 31.12.2024; version "2026" adds order 359 of
14.11.2025, in force from 01.01.2026 (new p.14, p.15, appendices 2, 4, 5, 6, 9, 10). The seeds carry only
the amended text; what changed in p.14–15 is read from the amendment notes: a settler's web-portal
application is signed with an EDS, and documents whose validity ends on the decision day are refused at
acceptance. The step terms are the same in both versions.
"""
import datetime

from django.utils.translation import gettext_lazy as _

from kandas.rules import CALENDAR_DATE, RuleBook, RuleVersion, Step, steps


def _steps():
    return steps(
        # QUO-3: refusal to accept is notified within 1 working day (kandas, p.8) / 2 (settlers, p.15).
        Step("k_acceptance", "QUO-3", 1, label=_("Completeness check (kandas)")),
        Step("s_acceptance", "QUO-3", 2, label=_("Completeness check (settlers)")),
        # QUO-3 (p.6, p.14): at the State Corporation the specialist checks on the spot and hands over the
        # refusal receipt (app.3 / app.8) or the acceptance there and then: a step due on the day of filing.
        Step("govcorp_check", "QUO-3", 0, unit=CALENDAR_DATE, label=_("Completeness check at the State Corporation (on the spot)")),
        # QUO-6: career centres forward settlers' applications within 1 working day (p.15).
        Step("s_cc_forward", "QUO-6", 1, label=_("Career centre forwards the application")),
        # QUO-5: the file goes to the kandas commission within 6 working days after the day the application
        # arrives (p.10 «өтініштер келіп түскен күннен кейін»), not after acceptance ...
        Step("k_to_commission", "QUO-5", 6, label=_("File to the kandas commission")),
        # ... which recommends within 5 (p.11).
        Step("k_recommend", "QUO-5", 5, label=_("Recommendation of the kandas commission")),
        # QUO-6: to the employment commission within 5 working days from the day the application arrives (p.19
        # «келіп түскен күннен бастап»); recommendation within 3 (p.20).
        Step("s_to_commission", "QUO-6", 5, label=_("File to the employment commission")),
        Step("s_recommend", "QUO-6", 3, label=_("Recommendation of the employment commission")),
        # QUO-7: objections to the preliminary refusal within 2 working days of its receipt (Decisions 4).
        Step("objections", "QUO-7", 2, label=_("Objections to the preliminary refusal")),
        # QUO-8: the decision within 3 working days after the recommendation (p.13, p.22), signed.
        Step("decide", "QUO-8", 3, label=_("Decision on inclusion"), signer="mio_head"),
        # QUO-8: via the State Corporation the result is handed over one day before the term ends.
        Step("govcorp_delivery", "QUO-8", 0, unit=CALENDAR_DATE, label=_("Result to the State Corporation")),
        # The 14-working-day service term (app.2 p.3); Decisions 5: = 6 + 5 + 3, a hearing does not pause it.
        Step("term", "QUO-8", 14, label=_("Service term (14 working days)"), service_term=True),
        # QUO-11: complaints (p.24, p.25, p.27).
        Step("complaint_head", "QUO-11", 5, label=_("Complaint to the provider's head")),
        Step("complaint_authority", "QUO-11", 15, label=_("Complaint to the service-quality authority")),
        Step("complaint_extension_notice", "QUO-11", 3, label=_("Notice of the extended complaint term")),
        # QUO-12: the list of localities "до 15 декабря" → 14 December (Decisions 12, CAL-3). Lists started
        # since periodic obligations run no deadline of their own: the MIO's yearly obligation
        # (quota/obligations.py) carries it; the step stays for the lists opened before.
        Step("locality_list", "QUO-12", 0, unit=CALENDAR_DATE, label=_("List of localities for relocation")),
    )


QUOTA_RULES = RuleBook([
    RuleVersion("2025", datetime.date(2025, 1, 11), _steps(), title=_("Order 20 as amended by order 513 of 31.12.2024")),
    RuleVersion("2026", datetime.date(2026, 1, 1), _steps(), title=_("Order 20 as amended by order 359 (in force from 01.01.2026)")),
])

# What else differs between the versions (GEN-1): flags read by the services.
VERSION_FLAGS = {
    "2025": {"settler_portal_eds": False, "refuse_documents_expiring_on_decision_day": False},
    "2026": {"settler_portal_eds": True, "refuse_documents_expiring_on_decision_day": True},
}


def version_flag(case, name: str) -> bool:
    return VERSION_FLAGS[case.rule_version][name]


# The settlement-planning deadline (QUO-12): the list for `year` is due by 14 December of the year before.
def locality_list_due(year: int) -> datetime.date:
    return datetime.date(year - 1, 12, 14)
