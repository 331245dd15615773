"""STA-9: a kandas status ends when its term runs out unextended; other apps hear of it."""
import datetime

from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from kandas import events
from kandas.services import person_kandas_status_set
from django.utils.translation import gettext_noop

from kandas.texts import text
from kandas.transitions import case_transition_system

from ..models import ApplicationState, ExtensionState, StatusApplication


@transaction.atomic
def status_expire(*, application_id: int) -> bool:
    """Expire one status whose period is over (the system acts; no user). Returns False if nothing to do."""
    application = StatusApplication.objects.select_for_update().get(pk=application_id)
    if not can_proceed(application.expire):
        return False
    # An extension still under consideration keeps the status alive until it is decided.
    if application.extensions.exclude(state__in=[ExtensionState.EXTENDED, ExtensionState.REFUSED]).exists():
        return False
    expired_on = application.status_until
    application = case_transition_system(case=application, transition="expire", message=text(
        gettext_noop("STA-9: the status ended on %(day)s."), day=expired_on))
    person_kandas_status_set(person_id=application.applicant_id, since=application.status_since, until=expired_on)
    person_id = application.applicant_id
    transaction.on_commit(lambda: events.kandas_status_expired.send(
        sender=StatusApplication, person_id=person_id, expired_on=expired_on))
    return True


def statuses_expire_due(*, today: datetime.date | None = None) -> list[int]:
    """Every assigned status whose last day is before `today`; idempotent (an expired case is skipped)."""
    today = today or timezone.localdate()
    due = StatusApplication.objects.filter(state=ApplicationState.ASSIGNED, status_until__lt=today)
    return [pk for pk in due.values_list("pk", flat=True) if status_expire(application_id=pk)]
