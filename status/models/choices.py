"""The closed lists of order 329-Ө-М (app.2): sub-types, filing channels, refusal grounds.

They are TextChoices, not database tables: the regulation closes these lists, so changing one is an
amendment of the rules (a new RuleVersion and a code review), not an administrator's edit. Their
Russian and Kazakh wording comes from status/locale, so printed decisions quote them in both languages.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _

from kandas.channels import Channel  # noqa: F401  (the one channel list; re-exported for status)


class SubType(models.TextChoices):
    GENERAL = "general", _("Status in the general procedure")
    MISSION = "mission", _("Status on the MIO's consent through a foreign mission")


# STA-1 (p.3): where an application for status may be filed; GEN-4 adds the home visit.
ASSIGNMENT_CHANNELS = [Channel.PORTAL, Channel.MOBILE, Channel.MISSION, Channel.GOVCORP, Channel.EGOV,
                       Channel.HOME_VISIT]
ASSIGNMENT_CHANNEL_CHOICES = [(c.value, c.label) for c in ASSIGNMENT_CHANNELS]  # the API's enum (OpenAPI)
# STA-8 (app.2 row 2 p.2): an extension is filed with the MIO or the State Corporation.
EXTENSION_CHANNELS = [Channel.MIO, Channel.GOVCORP, Channel.HOME_VISIT]
# STA-2 (p.4): applications from the portal and its mobile app reach the MIO with a registration notice.
ELECTRONIC_CHANNELS = [Channel.PORTAL, Channel.MOBILE, Channel.EGOV]


class NoticeChannel(models.TextChoices):
    PORTAL = "portal", _("portal (personal cabinet)")
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")


class RefusalGround(models.TextChoices):
    """STA-6: app.2 p.9, the closed list, plus art. 19-1 of the Law on Public Services."""

    # app.2 p.9 1): "подпунктом 1) статьи 20 Закона «О миграции населения»".
    NOT_ELIGIBLE = "1", _("Not meeting the conditions of sub-paragraph 1) of article 20 of the Law on Migration")
    UNRELIABLE = "2", _("Unreliable documents or data submitted for the service")
    COMPROMISING = "3", _("Compromising information: offences in Kazakhstan, terrorist or extremist organisations")
    NO_CONSENT = "4", _("No consent to access to personal data of restricted access")
    NO_QUOTA = "5", _("No regional quota in the territorial unit, or refusal of the offered unit")
    PUBLIC_SERVICES_LAW = "19-1", _("Grounds of art. 19-1 of the Law on Public Services")


class HearingOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("application accepted")
    REFUSED = "refused", _("preliminary refusal upheld")


class Recommendation(models.TextChoices):
    ASSIGN = "assign", _("assign kandas status")
    REFUSE = "refuse", _("refuse kandas status")
