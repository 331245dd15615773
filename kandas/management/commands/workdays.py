"""CAL-1 by hand: `manage.py workdays add 2026-03-18 14` → the due date (ISO);
`manage.py workdays count 2026-03-01 2026-03-31` → working days, both ends included;
`manage.py workdays explain 2026-03-20 3` → how the due date is counted;
`manage.py workdays seed 2027` → add the `holidays` package's days for a year (administrators' edits kept)."""
import datetime

from django.core.management.base import BaseCommand, CommandError

from kandas.workdays import WorkCalendar


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"not an ISO date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = "Working-day arithmetic on the calendar table (add, count, explain, seed)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="the end of the N-th working day after DATE")
        add.add_argument("date", type=_date)
        add.add_argument("n", type=int)
        count = sub.add_parser("count", help="working days from FIRST to LAST, both included")
        count.add_argument("first", type=_date)
        count.add_argument("last", type=_date)
        explain = sub.add_parser("explain", help="like add, with the explanation a caseworker sees")
        explain.add_argument("date", type=_date)
        explain.add_argument("n", type=int)
        seed = sub.add_parser("seed", help="add the holidays package's days for YEARs")
        seed.add_argument("years", type=int, nargs="+")

    def handle(self, *args, action, **opts):
        if action == "seed":
            from kandas.calendar_seed import calendar_seed
            from kandas.deadlines import deadlines_recompute_after_calendar_change

            added = calendar_seed(opts["years"])
            for day in added:
                deadlines_recompute_after_calendar_change(changed_day=day)
            self.stdout.write(f"{len(added)}")
            return
        calendar = WorkCalendar.load()
        if action == "add":
            if opts["n"] < 0:
                raise CommandError("N must be 0 or more")
            self.stdout.write(calendar.add_working_days(opts["date"], opts["n"]).isoformat())
        elif action == "count":
            self.stdout.write(str(calendar.count_working_days(opts["first"], opts["last"])))
        else:
            due = calendar.add_working_days(opts["date"], opts["n"])
            self.stdout.write(calendar.explain_working(opts["date"], opts["n"], due))
