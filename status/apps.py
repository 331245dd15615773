from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatusConfig(AppConfig):
    name = "status"
    verbose_name = _("Kandas status")

    def ready(self):
        from . import actions  # noqa: F401  (registers the case pages' actions, kandas.actions)
