from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdaptationConfig(AppConfig):
    name = "adaptation"
    verbose_name = _("Adaptation centre")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .setup import plan_terms_ensure

        post_migrate.connect(plan_terms_ensure, sender=self, dispatch_uid="adaptation_plan_terms_ensure")
        from . import actions_support  # noqa: F401  (registers the actions of the adaptation-services case)
        from kandas.events import kandas_status_expired, kandas_status_granted

        from . import actions  # noqa: F401  (registers the case actions)
        from .receivers import residence_on_status_expired, residence_on_status_granted

        # RES-10: residence ends with the kandas status (STA-9 sends the event).
        kandas_status_expired.connect(residence_on_status_expired, dispatch_uid="adaptation_residence_status_expired")
        kandas_status_granted.connect(residence_on_status_granted, dispatch_uid="adaptation_residence_status_granted")
