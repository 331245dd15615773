"""ADA-19: `manage.py rounds_deadlines_backfill` counts the open monitoring rounds of loaded plans that have no
deadline yet (plans loaded before the rounds were deadlines); `--apply` opens them, one transaction per plan.
A second run finds none."""
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _, gettext_lazy

from adaptation.services.rounds_backfill import rounds_deadlines_backfill


class Command(BaseCommand):
    help = gettext_lazy("Open the missing deadlines of the monitoring rounds of loaded plans (ADA-19).")

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true",
                            help=gettext_lazy("open the deadlines (without it, only count them)"))

    def handle(self, *args, apply: bool = False, **options):
        result = rounds_deadlines_backfill(apply=apply)
        for plan_id, reason in result.skipped:
            self.stderr.write(_("Plan %(plan)d skipped: %(reason)s") % {"plan": plan_id, "reason": reason})
        counts = {"plans": result.plans, "rounds": result.rounds}
        if apply:
            self.stdout.write(self.style.SUCCESS(
                _("Round deadlines opened (ADA-19): plans %(plans)d, rounds %(rounds)d.") % counts))
        else:
            self.stdout.write(_("Round deadlines to open (ADA-19): plans %(plans)d, rounds %(rounds)d. "
                                "Nothing is changed: run with --apply to open them.") % counts)
