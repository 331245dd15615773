from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuotaConfig(AppConfig):
    name = "quota"
    verbose_name = _("Regional quota")

    def ready(self):
        from . import actions  # noqa: F401  (registers the case actions, kandas.actions)
