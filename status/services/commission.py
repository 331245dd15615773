"""STA-3: the MIO sends the application to the commission; the commission recommends within 3 working days."""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _, gettext_noop

from kandas.deadlines import step_deadlines
from kandas.texts import text
from kandas.transitions import StepOpen, case_transition

from ..models import Recommendation, StatusApplication
from .common import commission_of


@transaction.atomic
def application_send_to_commission(*, actor, application_id: int, seen_version: int | None = None,
                                   comment: str = "") -> StatusApplication:
    """STA-3 (p.9): the commission's 3 working days run from the day the application arrives (registration,
    where the step opens: status.services.intake); the step is held by the region's commission for kandas
    (KCOM), whose secretary records the recommendation. Sending opens it only when registration could not
    (no commission was set up then), still counted from registration."""
    application = StatusApplication.objects.get(pk=application_id)
    opened = step_deadlines(application, "commission").exists()
    steps = [] if opened else [StepOpen("commission", commission_of(application), start=application.filed_on)]
    return case_transition(case=application, transition="send_to_commission", actor=actor, comment=comment,
                           seen_version=seen_version, open=steps)


@transaction.atomic
def application_recommend(*, actor, application_id: int, outcome: str, protocol_number: str,
                          protocol_date: datetime.date, video_reference: str, remarks: str = "",
                          seen_version: int | None = None) -> StatusApplication:
    """STA-3: the recommendation is recorded in a protocol with a reference to the session's video."""
    errors = {}
    if outcome not in Recommendation.values:
        errors["outcome"] = _("Choose assignment or refusal.")
    if not protocol_number.strip():
        errors["protocol_number"] = _("The recommendation is recorded in a protocol: give its number.")
    if not video_reference.strip():
        errors["video_reference"] = _("Every session is video-recorded: give the reference to the recording.")
    if outcome == Recommendation.REFUSE and not remarks.strip():
        errors["remarks"] = _("A recommendation of refusal states the motivated remarks.")
    if errors:
        raise ValidationError(errors)
    application = StatusApplication.objects.get(pk=application_id)
    return case_transition(
        case=application, transition="recommend", actor=actor, comment=remarks, seen_version=seen_version,
        kwargs={"outcome": outcome, "protocol_number": protocol_number.strip(), "protocol_date": protocol_date,
                "video_reference": video_reference.strip(), "remarks": remarks.strip()},
        close=["commission"],
        message=text(gettext_noop("Protocol No. %(no)s of %(day)s: %(outcome)s."), no=protocol_number.strip(),
                     day=protocol_date, outcome=Recommendation(outcome)))
