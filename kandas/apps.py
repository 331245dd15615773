from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class KandasConfig(AppConfig):
    name = "kandas"
    verbose_name = _("Registry and case machinery")

    def ready(self):
        from . import signals  # noqa: F401  (calendar edits recompute running deadlines)
        from .setup import reference_data_ensure

        post_migrate.connect(reference_data_ensure, sender=self)
