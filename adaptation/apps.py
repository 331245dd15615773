from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdaptationConfig(AppConfig):
    name = "adaptation"
    verbose_name = _("Adaptation centre")
