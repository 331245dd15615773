"""What every status service needs: the responsible organisations, role checks outside transitions,
notices to the applicant and the registry writes of the status period."""
import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from kandas import events
from kandas.models import Notification, Staff
from kandas.roles import user_has_role
from kandas.scoping import scope_for
from kandas.selectors import organisation_of
from kandas.services import person_kandas_status_set

from ..models import ApplicantNotice, StatusApplication, StatusExtension


def service_term_rule(case) -> str:
    """The rule whose step is the case's total term: STA-5 (assignment) or STA-8 (extension)."""
    return "STA-8" if isinstance(case, StatusExtension) else "STA-5"


def commission_of(case):
    """The kandas commission of the case's region (the MIO itself when none is set up)."""
    return organisation_of(kind="KCOM", region=case.region) or case.organisation


def ensure_actor(actor, case, *roles) -> None:
    """Region scope, then role: for actions that are not state transitions (uploads, hand-outs)."""
    if not scope_for(actor, type(case).objects.filter(pk=case.pk)).exists():
        raise PermissionDenied(_("This case belongs to another region."))
    if not user_has_role(actor, *roles):
        raise PermissionDenied(_("Your role may not take this action."))


def status_term_until(since: datetime.date) -> datetime.date:
    """STA-9: the last day of a status that starts on `since` (term from settings, one year by default)."""
    return since + relativedelta(months=settings.KANDAS_STATUS_TERM_MONTHS) - datetime.timedelta(days=1)


def notice_send(*, case, kind: str, channel: str, text: str) -> ApplicantNotice:
    link = {"application": case} if isinstance(case, StatusApplication) else {"extension": case}
    return ApplicantNotice.objects.create(kind=kind, channel=channel, text=text, **link)


def status_granted_record(*, person_id: int, since: datetime.date, until: datetime.date) -> None:
    """Write the status period into the registry and announce it once the transaction commits."""
    person_kandas_status_set(person_id=person_id, since=since, until=until)
    transaction.on_commit(lambda: events.kandas_status_granted.send(
        sender=StatusApplication, person_id=person_id, since=since, until=until))


def govcorp_staff_notify(*, case, text: str) -> None:
    """In-app notice to the State Corporation staff of the case's region (after commit)."""
    def send():
        users = Staff.objects.filter(organisation__kind="GOVCORP", organisation__region=case.region)
        Notification.objects.bulk_create(
            [Notification(user_id=uid, key=f"status:{case.ref}:govcorp", text=text[:500],
                          link=case.get_absolute_url()) for uid in users.values_list("user_id", flat=True)],
            ignore_conflicts=True)

    transaction.on_commit(send)
