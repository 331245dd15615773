"""QUO-11 (p.23–27): complaints to the provider's head (5 working days) or the quality authority (15).

The provider's MIO holds every complaint step: it considers a complaint to its head and records the
authority's answer to one addressed to the authority (no such organisation is modelled)."""
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kandas.deadlines import deadline_close, deadline_extend, deadline_open
from kandas.holders import step_holder_ensure
from kandas.roles import Role, user_has_role
from kandas.scoping import scope_for
from kandas.transitions import StepOpen, case_event_log, case_transition

from ..models import Complaint, QuotaApplication

COMPLAINT_STEPS = ("complaint_head", "complaint_authority")


@transaction.atomic
def complaint_register(*, application_id: int, actor, addressee: str, text: str, electronic: bool = False,
                       on: datetime.date | None = None) -> Complaint:
    """QUO-11: register a complaint; its term runs from the day of registration."""
    on = on or timezone.localdate()
    if not user_has_role(actor, Role.MIO_SPECIALIST, Role.MIO_HEAD, Role.GOVCORP_OPERATOR):
        raise PermissionDenied(_("Your role may not register complaints."))
    app = scope_for(actor, QuotaApplication.objects.all()).filter(pk=application_id).first()
    if app is None:
        raise PermissionDenied(_("This case belongs to another region."))
    if not text.strip():
        raise ValidationError({"text": _("Write down the complaint.")})
    complaint = Complaint.objects.create(application=app, region=app.region, organisation=app.organisation,
                                         filed_on=on, addressee=addressee, text=text, electronic=electronic,
                                         created_by=actor)
    case_event_log(case=complaint, event="register", actor=actor)
    deadline_open(case=complaint, step=complaint.step_key, organisation=app.organisation, start=on)
    return complaint


@transaction.atomic
def complaint_extend(*, complaint_id: int, actor, reason: str, until: datetime.date,
                     seen_version: int | None = None, on: datetime.date | None = None) -> Complaint:
    """QUO-11 (p.27): an extension is notified to the applicant within 3 working days, with the reason."""
    on = on or timezone.localdate()
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    complaint = Complaint.objects.get(pk=complaint_id)
    complaint = case_transition(case=complaint, transition="extend", actor=actor, seen_version=seen_version,
                                kwargs={"until": until, "reason": reason}, comment=reason,
                                holds=[complaint.step_key], on=on,
                                open=[StepOpen("complaint_extension_notice", complaint.organisation, start=on)])
    deadline_extend(case=complaint, step=complaint.step_key, until=until, reason=reason)
    return complaint


@transaction.atomic
def complaint_extension_notified(*, complaint_id: int, actor, on: datetime.date | None = None) -> Complaint:
    """QUO-11 (p.27): the applicant was told of the extension; the 3-working-day step is met or late."""
    on = on or timezone.localdate()
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
    if not scope_for(actor, Complaint.objects.filter(pk=complaint.pk)).exists():
        raise PermissionDenied(_("This case belongs to another region."))
    if not user_has_role(actor, Role.MIO_SPECIALIST, Role.MIO_HEAD):
        raise PermissionDenied(_("Your role may not take this action."))
    step_holder_ensure(actor, complaint, ("complaint_extension_notice",))
    complaint.extension_notified_on = on
    complaint.version += 1
    complaint.save(update_fields=["extension_notified_on", "version"])
    deadline_close(case=complaint, step="complaint_extension_notice", on=on)
    case_event_log(case=complaint, event="extension_notified", actor=actor)
    return complaint


@transaction.atomic
def complaint_decide(*, complaint_id: int, actor, outcome: str, text: str, seen_version: int | None = None,
                     on: datetime.date | None = None) -> Complaint:
    """QUO-11: the outcome and the answer to the applicant close the complaint's term."""
    on = on or timezone.localdate()
    if outcome not in Complaint.Outcome.values or not text.strip():
        raise ValidationError({"text": _("Record the outcome and the answer to the applicant.")})
    complaint = Complaint.objects.get(pk=complaint_id)
    return case_transition(case=complaint, transition="decide", actor=actor, seen_version=seen_version,
                           kwargs={"outcome": outcome, "text": text, "on": on}, comment=text,
                           close=[complaint.step_key], on=on)
