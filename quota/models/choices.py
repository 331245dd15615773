"""Closed lists of order 20: kinds, channels, states, refusal grounds (QUO-9), employment categories."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from kandas.channels import Channel  # noqa: F401  (the one channel list; re-exported for quota)


class QuotaKind(models.TextChoices):
    KANDAS = "kandas", _("kandas")
    SETTLERS = "settlers", _("settlers")


class QuotaUnit(models.TextChoices):
    """Decisions 7: a quota counts persons or families, chosen per plan."""
    PERSONS = "persons", _("persons")
    FAMILIES = "families", _("families")


# QUO-2 / GEN-4: where a quota application may be filed (kandas.channels.Channel is the one list of channels).
QUOTA_CHANNELS = [Channel.PORTAL, Channel.GOVCORP, Channel.EGOV, Channel.HOME_VISIT]
QUOTA_CHANNEL_CHOICES = [(c.value, c.label) for c in QUOTA_CHANNELS]


class AppState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, completeness check")
    REFUSED_TO_ACCEPT = "refused_to_accept", _("Refused to accept")
    REGISTERED = "registered", _("Accepted, file being formed")
    AT_COMMISSION = "at_commission", _("At the commission")
    RECOMMENDED = "recommended", _("Inclusion recommended")
    PRELIMINARY_REFUSAL = "preliminary_refusal", _("Preliminary refusal, hearing")
    HEARD = "heard", _("Hearing held")
    INCLUDED = "included", _("Included in the quota")
    REFUSED = "refused", _("Inclusion refused")


class EligibilityBasis(models.TextChoices):
    """QUO-1: who may apply for the kandas quota (p.3)."""
    STATUS_9_1 = "status_9_1", _("Kandas status under condition 9.1) of the status rules")
    WIDOW = "widow", _("Widow of a kandas included in a quota, with common children")
    RESIDENT = "resident", _("Kandas living in Kazakhstan")


KANDAS_REFUSAL_GROUNDS = [
    ("k1", _("1) not meeting the definition of kandas (Migration Law art.1 sub.13)")),
    ("k2", _("2) unreliable documents or data")),
    ("k3", _("3) compromising information: offences, terrorist or extremist organisations")),
    ("k4", _("4) no consent to access personal data")),
    ("k5", _("5) no regional quota in the territorial unit or refusal of the offered unit")),
]
SETTLER_REFUSAL_GROUNDS = [
    ("s1", _("1) unreliable data in the documents")),
    ("s2", _("2) no consent to access personal data")),
    ("s3", _("3) not meeting Social Code art.112 p.1–2")),
    ("s4", _("4) no regional quota in the territorial unit or refusal of the offered unit")),
    ("s5", _("5) not in the categories of p.12 of the voluntary relocation rules")),
]
REFUSAL_GROUNDS = {QuotaKind.KANDAS: KANDAS_REFUSAL_GROUNDS, QuotaKind.SETTLERS: SETTLER_REFUSAL_GROUNDS}
# QUO-10: the ground offered when the quota is exhausted.
QUOTA_EXHAUSTED_GROUND = {QuotaKind.KANDAS: "k5", QuotaKind.SETTLERS: "s4"}
ALL_GROUNDS = dict(KANDAS_REFUSAL_GROUNDS + SETTLER_REFUSAL_GROUNDS)


class EmploymentCategory(models.TextChoices):
    """app.6 (2026): the 9 employment categories, as printed in the seed."""
    EMPLOYEE = "1", _("1) employee or other person in paid work (elected, appointed or approved)")
    ENTREPRENEUR = "2", _("2) individual entrepreneur")
    PRIVATE_PRACTICE = "3", _("3) person in private practice")
    CIVIL_CONTRACT = "4", _("4) person working under a civil-law contract, not an employee")
    FOUNDER = "5", _("5) founder, shareholder or member of a company or production cooperative")
    INDEPENDENT = "6", _("6) independent worker")
    SERVICE = "7", _("7) serving in the Armed Forces, other troops, law-enforcement or special state bodies")
    FARMER = "8", _("8) running a peasant or farm holding")
    UNEMPLOYED = "9", _("9) unemployed")


# app.2 p.8: the documents each sub-service needs (kinds of kandas.Document).
REQUIRED_DOCUMENTS = {
    QuotaKind.KANDAS: [
        ("identity", _("identity documents of the applicant and the family members")),
        ("marriage", _("marriage or divorce certificate (if any)")),
        ("birth", _("birth certificates (if any)")),
    ],
    QuotaKind.SETTLERS: [
        ("identity", _("identity documents of the settler and the family members")),
        ("marriage", _("marriage or divorce certificate (if any)")),
        ("education", _("education, qualification or vocational training document (if any)")),
        ("employment", _("proof of employment (if any)")),
        ("job_seeker", _("job seeker / unemployed registration")),
        ("birth", _("birth certificates of the family members (if any)")),
    ],
}
