"""What every status service needs: the steps of each case type, the responsible organisations, the
registered action's checks for acts that are not state transitions, and the registry writes of the period."""
import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kandas import events
from kandas.actions import action_refusal, actions_of
from kandas.scoping import scope_for
from kandas.selectors import organisation_of
from kandas.services import person_kandas_status_set
from kandas.transitions import ActionNotAllowed

from ..models import StatusApplication, StatusExtension

# The steps of the MIO's decision (the service term runs with them): STA-5 for an assignment, STA-8 for an
# extension (the MIO's 2 working days and the 3-working-day service term).
APPLICATION_DECISION_STEPS = ("term",)
EXTENSION_DECISION_STEPS = ("extension_decision", "extension_term")


def decision_steps(case) -> tuple[str, ...]:
    """The running steps the MIO's decision on `case` ends (and a postponed hearing suspends)."""
    return EXTENSION_DECISION_STEPS if isinstance(case, StatusExtension) else APPLICATION_DECISION_STEPS


def commission_of(case):
    """STA-3: the kandas commission (KCOM) of the case's region holds the commission step."""
    commission = organisation_of(kind="KCOM", region=case.region)
    if commission is None:
        raise ValidationError(_("No commission for kandas is set up in %(region)s: the application cannot be "
                                "sent to the commission.") % {"region": case.region})
    return commission


def status_term_until(since: datetime.date) -> datetime.date:
    """STA-9: the last day of a status that starts on `since` (term from settings, one year by default)."""
    return since + relativedelta(months=settings.KANDAS_STATUS_TERM_MONTHS) - datetime.timedelta(days=1)


def status_granted_record(*, person_id: int, since: datetime.date, until: datetime.date) -> None:
    """Write the status period into the registry and announce it once the transaction commits."""
    person_kandas_status_set(person_id=person_id, since=since, until=until)
    transaction.on_commit(lambda: events.kandas_status_granted.send(
        sender=StatusApplication, person_id=person_id, since=since, until=until))
