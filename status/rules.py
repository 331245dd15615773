"""STA rule table (GEN-1): the steps of order 329-Ө-М as amended by order 317 of 10.10.2025.

Order 317 was registered on 13.10.2025 and comes into force ten calendar days after its first official
publication. The publication date is not in the seed; we take 14.10.2025 (the day after registration,
Adilet's usual practice), so the version is in force from 25.10.2025. When 329-Ө-М is amended again, add
a RuleVersion here: cases keep the version in force on their filing date.
"""
import datetime

from django.utils.translation import gettext_lazy as _

from kandas.rules import RuleBook, RuleVersion, Step, steps
from kandas.roles import Role

STATUS_RULES = RuleBook([
    RuleVersion(
        "329-Ө-М/317", datetime.date(2025, 10, 25),
        steps(
            # app.2 p.8: the decision within 30 working days after the day of registration.
            Step("term", "STA-5", 30, label=_("Decision on kandas status (service term)"), signer=Role.MIO_HEAD,
                 service_term=True),
            # p.9: the commission within three working days after the day the application arrives.
            Step("commission", "STA-3", 3, label=_("Commission recommendation")),
            # p.9-1: the hearing not later than 2 working days after the notice is sent.
            Step("hearing", "STA-4", 2, label=_("Hearing on the preliminary refusal")),
            # p.19: the MIO decides on an extension within 2 working days; app.2 row 3: service term 3.
            Step("extension_decision", "STA-8", 2, label=_("Decision on the extension"), signer=Role.MIO_HEAD),
            Step("extension_term", "STA-8", 3, label=_("Extension of kandas status (service term)"),
                 service_term=True),
            # p.22: the decision (extension or refusal) goes to the State Corporation within one working day.
            Step("extension_forward", "STA-8", 1, label=_("Send the extension decision to the State Corporation")),
        ),
        title=_("Order 329-Ө-М as amended by order 317 of 10.10.2025"),
    ),
])

# p.19: an extension is granted once, for not more than six months (Decisions 13: from the current expiry).
EXTENSION_MAX_MONTHS = 6
# p.22: the extension decision goes to the State Corporation within one working day.
EXTENSION_FORWARD_WORKING_DAYS = 1
# app.2 row 5: the State Corporation keeps the documents in its information system for one year.
GOVCORP_STORAGE_YEARS = 1
