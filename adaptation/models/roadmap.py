"""The roadmap for a rural settlement (ADA-17, p.38): approved in three copies handed to the district akim,
the rural-district akim and the career centre."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .plans import AdaptationPlan


class RuralRoadmap(models.Model):
    plan = models.OneToOneField(AdaptationPlan, on_delete=models.CASCADE, related_name="roadmap")
    content = models.TextField(_("measures and the exchange of information with the rural-district akim"))
    approved_on = models.DateField(_("approved on"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    district_akim_on = models.DateField(_("copy handed to the district akim on"), null=True, blank=True)
    rural_akim_on = models.DateField(_("copy handed to the rural-district akim on"), null=True, blank=True)
    cc_on = models.DateField(_("copy handed to the career centre on"), null=True, blank=True)

    COPIES = ("district_akim_on", "rural_akim_on", "cc_on")

    @property
    def copies_missing(self) -> list[str]:
        return [c for c in self.COPIES if getattr(self, c) is None]
