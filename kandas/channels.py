"""THE list of channels an application is filed through, one for every service (status, quota, adaptation).

Each service names the subset its regulation allows (status.models.choices.ASSIGNMENT_CHANNELS, ...); the codes and
the labels are the same everywhere, so a list, a filter and a printout say the same thing."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PORTAL = "portal", _("Migration services portal migration.enbek.kz")
    MOBILE = "mobile", _("Mobile application of the migration portal")
    MISSION = "mission", _("Foreign mission of the Republic of Kazakhstan")
    GOVCORP = "govcorp", _("State Corporation")
    EGOV = "egov", _("E-government portal egov.kz")
    HOME_VISIT = "home_visit", _("Home visit after a call to the 1414 contact centre")
    MIO = "mio", _("Local executive body (MIO)")

    @classmethod
    def paper(cls):
        """Filed on paper (the answer goes back on paper, GEN-4)."""
        return (cls.MISSION, cls.GOVCORP, cls.HOME_VISIT, cls.MIO)
