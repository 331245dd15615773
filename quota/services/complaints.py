"""QUO-11 (p.23–27): complaints to the provider's head (5 working days) or the quality authority (15)."""
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kandas.models import TransitionLog
from kandas.roles import Role, user_has_role
from kandas.scoping import scope_for, user_organisation
from kandas.transitions import case_transition

from ..models import Complaint, QuotaApplication
from .steps import step_close, step_extend, step_open


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
    TransitionLog.objects.create(case=complaint, transition="register", source="", target=complaint.state,
                                 actor=actor, organisation=user_organisation(actor))
    step_open(case=complaint, key=complaint.step_key, organisation=app.organisation, start=on)
    return complaint


@transaction.atomic
def complaint_extend(*, complaint_id: int, actor, reason: str, until: datetime.date,
                     on: datetime.date | None = None) -> Complaint:
    """QUO-11 (p.27): an extension is notified to the applicant within 3 working days, with the reason."""
    on = on or timezone.localdate()
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    Complaint.objects.filter(pk=complaint_id).update(extension_reason=reason)
    complaint = case_transition(case=Complaint.objects.get(pk=complaint_id), transition="extend", actor=actor,
                                kwargs={"until": until}, comment=reason)
    step_extend(case=complaint, key=complaint.step_key, until=until, reason=reason)
    step_open(case=complaint, key="complaint_extension_notice", organisation=complaint.organisation, start=on)
    return complaint


@transaction.atomic
def complaint_extension_notified(*, complaint_id: int, actor, on: datetime.date | None = None) -> Complaint:
    on = on or timezone.localdate()
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
    if not scope_for(actor, Complaint.objects.filter(pk=complaint.pk)).exists():
        raise PermissionDenied(_("This case belongs to another region."))
    complaint.extension_notified_on = on
    complaint.save(update_fields=["extension_notified_on"])
    step_close(case=complaint, key="complaint_extension_notice", on=on)
    TransitionLog.objects.create(case=complaint, transition="extension_notified", source=complaint.state,
                                 target=complaint.state, actor=actor, organisation=user_organisation(actor))
    return complaint


@transaction.atomic
def complaint_decide(*, complaint_id: int, actor, outcome: str, text: str,
                     on: datetime.date | None = None) -> Complaint:
    on = on or timezone.localdate()
    if outcome not in Complaint.Outcome.values or not text.strip():
        raise ValidationError({"outcome_text": _("Record the outcome and the answer to the applicant.")})
    complaint = case_transition(case=Complaint.objects.get(pk=complaint_id), transition="decide", actor=actor,
                                kwargs={"outcome": outcome, "text": text, "on": on}, comment=text)
    step_close(case=complaint, key=complaint.step_key, on=on)
    return complaint
