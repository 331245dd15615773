from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# Each slice contributes its demo cases after the registry exists.
DEMO_MODULES = ["kandas.demo", "status.demo", "quota.demo", "adaptation.demo"]


class Command(BaseCommand):
    help = "Load the demo registry, staff and cases (idempotent). Refused when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data uses well-known passwords: it is loaded only with DEBUG on.")
        for name in DEMO_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError:
                continue
            module.demo_load(self.stdout)
        self.stdout.write(self.style.SUCCESS(
            "Demo data ready. Log in as admin, mio_specialist_pvl, mio_head_pvl, commission_secretary_pvl, "
            "cc_specialist_pvl, acc_staff_pvl, govcorp_operator_pvl, ministry_analyst … (password demo12345)."))
