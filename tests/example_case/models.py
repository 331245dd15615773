"""An internal example case type (tests only): filed → reviewed → approved / refused, with a rule table
amended on 2026-01-01 (the review term changes from 5 to 3 working days)."""
import datetime

from django.db import models
from django_fsm import FSMField, transition

from kandas.fsm import condition, role_permission
from kandas.models import CaseBase
from kandas.roles import Role
from kandas.rules import CALENDAR_DATE, RuleBook, RuleVersion, Step, steps


class ExampleState(models.TextChoices):
    FILED = "filed", "filed"
    REVIEWED = "reviewed", "reviewed"
    APPROVED = "approved", "approved"
    REFUSED = "refused", "refused"


EXAMPLE_RULES = RuleBook([
    RuleVersion("2025", datetime.date(2020, 1, 1), steps(
        Step("review", "CAL-1", 5, label="review"),
        Step("decide", "CAL-1", 2, label="decide", signer="mio_head"),
        Step("report", "CAL-3", 0, unit=CALENDAR_DATE, label="report"),
        Step("term", "GEN-1", 14, label="service term", service_term=True),
    ), title="original text"),
    RuleVersion("2026", datetime.date(2026, 1, 1), steps(
        Step("review", "CAL-1", 3, label="review"),
        Step("decide", "CAL-1", 2, label="decide", signer="mio_head"),
        Step("report", "CAL-3", 0, unit=CALENDAR_DATE, label="report"),
        Step("term", "GEN-1", 10, label="service term", service_term=True),
    ), title="as amended from 01.01.2026"),
])


@condition("the remarks are filled in")
def has_remarks(case) -> bool:
    return bool(case.remarks)


class ExampleCase(CaseBase):
    """A case that may travel: `partner_region` (optional) also sees it, like a region of exit."""

    RULES = EXAMPLE_RULES
    REF_PREFIX = "EX"
    scope_region_fields = ("region", "partner_region")

    state = FSMField(default=ExampleState.FILED, choices=ExampleState.choices, protected=True)
    remarks = models.TextField(blank=True)
    partner_region = models.ForeignKey("kandas.Region", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+")

    def get_absolute_url(self):
        return f"/example/{self.pk}/"

    def signature_snapshot(self, purpose):
        return {**super().signature_snapshot(purpose), "remarks": self.remarks}

    @transition(field=state, source=ExampleState.FILED, target=ExampleState.REVIEWED,
                permission=role_permission(Role.MIO_SPECIALIST), custom={"label": "review"})
    def review(self, remarks=""):
        self.remarks = remarks

    @transition(field=state, source=ExampleState.REVIEWED, target=ExampleState.APPROVED,
                permission=role_permission(Role.MIO_HEAD), custom={"label": "approve"})
    def approve(self):
        pass

    @transition(field=state, source=ExampleState.REVIEWED, target=ExampleState.REFUSED, conditions=[has_remarks],
                permission=role_permission(Role.MIO_HEAD), custom={"label": "refuse"})
    def refuse(self):
        pass
