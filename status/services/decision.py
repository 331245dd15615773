"""STA-5 … STA-8: the MIO head's signed decisions and what follows them."""
import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kandas.deadlines import deadline_close, deadline_open
from kandas.models import TransitionLog
from kandas.roles import Role
from kandas.scoping import user_organisation
from kandas.transitions import ActionNotAllowed, case_transition

from ..models import (ApplicantNotice, ApplicationState, CertificateHandout, ExtensionState, RefusalGround,
                      StatusApplication, StatusExtension)
from ..rules import EXTENSION_MAX_MONTHS
from .common import ensure_actor, govcorp_staff_notify, notice_send, service_term_rule, status_granted_record, \
    status_term_until


def _decision_notice(case, text):
    """p.10.1: the decision goes to the applicant, the foreign mission or the State Corporation."""
    notice_send(case=case, kind=ApplicantNotice.Kind.DECISION, channel=case.channel, text=text)


@transaction.atomic
def application_assign(*, actor, application_id: int, seen_version: int | None = None,
                       comment: str = "") -> StatusApplication:
    """STA-5: the MIO head signs the assignment (app.4). General path: the status starts today and the
    registry is written; mission path (p.10.2): it starts on arrival in the settlement region."""
    application = StatusApplication.objects.get(pk=application_id)
    today = timezone.localdate()
    application = case_transition(
        case=application, transition="assign", actor=actor, comment=comment, seen_version=seen_version,
        kwargs={"since": today, "until": status_term_until(today)}, close=["STA-5"],
        sign="decision", sign_role=Role.MIO_HEAD)
    if application.state == ApplicationState.ASSIGNED:
        status_granted_record(person_id=application.applicant_id, since=application.status_since,
                              until=application.status_until)
    _decision_notice(application, _("Kandas status is assigned (decision %(ref)s of %(day)s).") % {
        "ref": application.ref, "day": today.strftime("%d.%m.%Y")})
    return application


@transaction.atomic
def application_arrival_record(*, actor, application_id: int, arrival_date: datetime.date,
                               seen_version: int | None = None) -> StatusApplication:
    """STA-5 (p.10.2): the decision takes effect on the day of arrival in the settlement region."""
    application = StatusApplication.objects.get(pk=application_id)
    if arrival_date > timezone.localdate() or (application.decided_on and arrival_date < application.decided_on):
        raise ValidationError({"arrival_date": _("The arrival date lies between the decision and today.")})
    application = case_transition(
        case=application, transition="record_arrival", actor=actor, seen_version=seen_version,
        comment=_("Arrived in %(region)s on %(day)s") % {"region": application.settlement_region,
                                                          "day": arrival_date.strftime("%d.%m.%Y")},
        kwargs={"arrival_date": arrival_date, "until": status_term_until(arrival_date)})
    status_granted_record(person_id=application.applicant_id, since=application.status_since,
                          until=application.status_until)
    return application


def _grounds_clean(grounds, motivation) -> list[str]:
    grounds = [g for g in dict.fromkeys(grounds or []) if g]
    errors = {}
    if not grounds:
        errors["grounds"] = _("A refusal names at least one ground from the closed list.")
    elif set(grounds) - set(RefusalGround.values):
        errors["grounds"] = _("Only the grounds of app.2 p.9 and art. 19-1 of the Law on Public Services may be named.")
    if not (motivation or "").strip():
        errors["motivation"] = _("A refusal is motivated: state why.")
    if errors:
        raise ValidationError(errors)
    return grounds


@transaction.atomic
def decision_refuse(*, actor, case, grounds: list[str], motivation: str, seen_version: int | None = None):
    """STA-6: a motivated refusal naming ≥1 ground of the closed list, signed by the MIO head (STA-4 p.9-1)."""
    grounds = _grounds_clean(grounds, motivation)
    case = case_transition(case=case, transition="refuse", actor=actor, comment=motivation,
                           seen_version=seen_version, kwargs={"grounds": grounds, "motivation": motivation.strip()},
                           close=[service_term_rule(case)], sign="refusal", sign_role=Role.MIO_HEAD)
    _decision_notice(case, _("Refusal %(ref)s: %(grounds)s") % {
        "ref": case.ref, "grounds": "; ".join(case.refusal_grounds_display())})
    if isinstance(case, StatusExtension):
        _extension_forward_open(StatusExtension.objects.get(pk=case.pk))
    return case


def _extension_forward_open(extension: StatusExtension) -> None:
    """STA-8 (p.22): after the decision the MIO has one working day to send it to the State Corporation."""
    deadline_open(case=extension, step="extension_forward", organisation=extension.organisation,
                  start=extension.decided_on or timezone.localdate())


@transaction.atomic
def extension_govcorp_send(*, actor, extension_id: int, sent_on: datetime.date | None = None) -> StatusExtension:
    """STA-8 (p.22): the MIO records that the decision went to the State Corporation (through the e-gov
    gateway) so that it informs the applicant; closes the one-working-day step."""
    extension = StatusExtension.objects.select_for_update().select_related("applicant").get(pk=extension_id)
    ensure_actor(actor, extension, Role.MIO_SPECIALIST, Role.MIO_HEAD)
    if extension.state not in (ExtensionState.EXTENDED, ExtensionState.REFUSED):
        raise ActionNotAllowed(_("There is no decision on this extension yet."))
    if extension.govcorp_sent_on:
        raise ActionNotAllowed(_("The decision was already sent to the State Corporation on %(day)s.") % {
            "day": extension.govcorp_sent_on.strftime("%d.%m.%Y")})
    sent_on = sent_on or timezone.localdate()
    if sent_on > timezone.localdate() or (extension.decided_on and sent_on < extension.decided_on):
        raise ValidationError({"sent_on": _("The sending date lies between the decision and today.")})
    extension.govcorp_sent_on = sent_on
    extension.save(update_fields=["govcorp_sent_on"])
    text = _("Decision on the extension %(ref)s (%(state)s) for %(name)s: inform the applicant.") % {
        "ref": extension.ref, "state": extension.get_state_display(), "name": extension.applicant.full_name}
    notice = notice_send(case=extension, kind=ApplicantNotice.Kind.GOVCORP, channel="govcorp", text=text)
    ApplicantNotice.objects.filter(pk=notice.pk).update(sent_on=sent_on)
    deadline_close(case=extension, rule="STA-8", on=sent_on)
    TransitionLog.objects.create(case=extension, transition="send_to_govcorp", source=extension.state,
                                 target=extension.state, actor=actor, organisation=user_organisation(actor),
                                 comment=_("Sent to the State Corporation on %(day)s") % {
                                     "day": sent_on.strftime("%d.%m.%Y")})
    govcorp_staff_notify(case=extension, text=text)
    return StatusExtension.objects.get(pk=extension.pk)


@transaction.atomic
def extension_grant(*, actor, extension_id: int, until: datetime.date | None = None,
                    seen_version: int | None = None) -> StatusExtension:
    """STA-8: once, for not more than six months from the current expiry; the registry is updated."""
    extension = StatusExtension.objects.select_related("application").get(pk=extension_id)
    current = extension.application.status_until
    limit = current + relativedelta(months=EXTENSION_MAX_MONTHS)
    until = until or extension.requested_until
    if not current < until <= limit:
        raise ValidationError({"until": _(
            "An extension runs from the current expiry %(until)s for not more than six months (to %(limit)s).") % {
            "until": current.strftime("%d.%m.%Y"), "limit": limit.strftime("%d.%m.%Y")}})
    extension = case_transition(case=extension, transition="extend", actor=actor, seen_version=seen_version,
                                kwargs={"until": until}, close=["STA-8"], sign="extension_decision",
                                sign_role=Role.MIO_HEAD)
    application = StatusApplication.objects.select_for_update().get(pk=extension.application_id)
    if application.state != ApplicationState.ASSIGNED:
        raise ActionNotAllowed(_("The status is no longer in force; it cannot be extended."))
    application.status_until = until
    application.save(update_fields=["status_until", "updated_at"])
    status_granted_record(person_id=application.applicant_id, since=application.status_since, until=until)
    _decision_notice(extension, _("Kandas status is extended until %(until)s (decision %(ref)s).") % {
        "until": until.strftime("%d.%m.%Y"), "ref": extension.ref})
    extension = StatusExtension.objects.get(pk=extension.pk)
    _extension_forward_open(extension)
    return extension


@transaction.atomic
def certificate_hand_out(*, actor, application_id: int, recipient_document: str) -> CertificateHandout:
    """STA-7: on request the State Corporation hands out the certificate it received earlier; logged."""
    application = StatusApplication.objects.select_for_update().get(pk=application_id)
    ensure_actor(actor, application, Role.GOVCORP_OPERATOR)
    if application.state not in (ApplicationState.ASSIGNED, ApplicationState.AWAITING_ARRIVAL):
        raise ActionNotAllowed(_("There is no certificate: the status is not assigned."))
    if not recipient_document.strip():
        raise ValidationError({"recipient_document": _("Record the identity document the applicant presented.")})
    return CertificateHandout.objects.create(application=application, handed_by=actor,
                                             organisation=user_organisation(actor),
                                             recipient_document=recipient_document.strip())


@transaction.atomic
def originals_return(*, actor, application_id: int) -> StatusApplication:
    """STA-7 (app.2 p.8): originals go back to the applicant after comparison, except the autobiography."""
    application = StatusApplication.objects.select_for_update().get(pk=application_id)
    ensure_actor(actor, application, Role.MIO_SPECIALIST, Role.GOVCORP_OPERATOR, Role.MISSION_OFFICER)
    if application.originals_returned_on:
        raise ActionNotAllowed(_("The originals were already returned on %(day)s.") % {
            "day": application.originals_returned_on.strftime("%d.%m.%Y")})
    application.originals_returned_on = timezone.localdate()
    application.autobiography_kept = True
    application._change_reason = _("Originals returned; the autobiography stays in the file")
    application.save(update_fields=["originals_returned_on", "autobiography_kept", "updated_at"])
    return application
