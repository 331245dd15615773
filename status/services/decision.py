"""STA-5 … STA-8: the MIO head's signed decisions and what follows them."""
import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_noop

from kandas.actions import case_action_ensure
from kandas.deadlines import deadline_close
from kandas.notify import organisation_notify_on_commit
from kandas.roles import Role
from kandas.scoping import user_organisation
from kandas.selectors import organisation_of
from kandas.texts import text
from kandas.transitions import ActionNotAllowed, StepOpen, case_transition, case_event_log

from ..models import (ApplicantNotice, ApplicationState, CertificateHandout, Channel, ExtensionState, RefusalGround,
                      StatusApplication, StatusExtension)
from ..rules import EXTENSION_MAX_MONTHS

from .common import decision_steps, status_granted_record, status_term_until
from .notices import notice_record


def _decision_notice(case, message):
    """p.10.1: the decision goes to the applicant, the foreign mission or the State Corporation."""
    notice_record(case=case, kind=ApplicantNotice.Kind.DECISION, channel=case.channel, message=message)


@transaction.atomic
def application_assign(*, actor, application_id: int, seen_version: int | None = None,
                       comment: str = "") -> StatusApplication:
    """STA-5: the MIO head signs the assignment (app.4). General path: the status starts today and the
    registry is written; mission path (p.10.2): it starts on arrival in the settlement region."""
    application = StatusApplication.objects.get(pk=application_id)
    today = timezone.localdate()
    application = case_transition(
        case=application, transition="assign", actor=actor, comment=comment, seen_version=seen_version,
        kwargs={"since": today, "until": status_term_until(today)}, close=decision_steps(application),
        sign="decision", sign_role=Role.MIO_HEAD)
    if application.state == ApplicationState.ASSIGNED:
        status_granted_record(person_id=application.applicant_id, since=application.status_since,
                              until=application.status_until)
    _decision_notice(application, text(gettext_noop("Kandas status is assigned (decision %(ref)s of %(day)s)."),
                                       ref=application.ref, day=today))
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
        message=text(gettext_noop("Arrived in %(region)s on %(day)s"),
                     region=application.settlement_region, day=arrival_date),
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
    """STA-6: a motivated refusal naming ≥1 ground of the closed list, signed by the MIO head (STA-4 p.9-1).
    On an extension the decision then goes to the State Corporation within one working day (STA-8 p.22)."""
    grounds = _grounds_clean(grounds, motivation)
    forward = [StepOpen("extension_forward", case.organisation)] if isinstance(case, StatusExtension) else []
    case = case_transition(case=case, transition="refuse", actor=actor, comment=motivation,
                           seen_version=seen_version, kwargs={"grounds": grounds, "motivation": motivation.strip()},
                           close=decision_steps(case), open=forward, sign="refusal", sign_role=Role.MIO_HEAD)
    _decision_notice(case, text(gettext_noop("Refusal %(ref)s: %(grounds)s"), ref=case.ref, grounds=[
        text(gettext_noop("%(code)s) %(ground)s"), code=code, ground=RefusalGround(code))
        for code in case.refusal_grounds]))
    return case


@transaction.atomic
def extension_govcorp_send(*, actor, extension_id: int, sent_on: datetime.date | None = None) -> StatusExtension:
    """STA-8 (p.22): the MIO records that the decision went to the State Corporation (through the e-gov
    gateway) so that it informs the applicant; closes the one-working-day step the MIO holds."""
    extension = StatusExtension.objects.select_for_update().select_related("applicant").get(pk=extension_id)
    if extension.state not in (ExtensionState.EXTENDED, ExtensionState.REFUSED):
        raise ActionNotAllowed(_("There is no decision on this extension yet."))
    if extension.govcorp_sent_on:
        raise ActionNotAllowed(_("The decision was already sent to the State Corporation on %(day)s.") % {
            "day": extension.govcorp_sent_on.strftime("%d.%m.%Y")})
    case_action_ensure(actor, extension, "send_to_govcorp")
    sent_on = sent_on or timezone.localdate()
    if sent_on > timezone.localdate() or (extension.decided_on and sent_on < extension.decided_on):
        raise ValidationError({"sent_on": _("The sending date lies between the decision and today.")})
    extension.govcorp_sent_on = sent_on
    extension.save(update_fields=["govcorp_sent_on"])
    message = text(gettext_noop("Decision on the extension %(ref)s (%(state)s) for %(name)s: inform the applicant."),
                   ref=extension.ref, state=ExtensionState(extension.state), name=extension.applicant.full_name)
    notice_record(case=extension, kind=ApplicantNotice.Kind.GOVCORP, channel=Channel.GOVCORP,
                  message=message, sent_on=sent_on)
    deadline_close(case=extension, step="extension_forward", on=sent_on)
    case_event_log(case=extension, event="send_to_govcorp", actor=actor,
                   message=text(gettext_noop("Sent to the State Corporation on %(day)s"), day=sent_on))
    govcorp = organisation_of(kind="GOVCORP", region=extension.region)
    if govcorp is not None:
        organisation_notify_on_commit(organisation=govcorp, key=f"status:{extension.ref}:govcorp", message=message,
                                      link=extension.get_absolute_url())
    return StatusExtension.objects.get(pk=extension.pk)


@transaction.atomic
def extension_grant(*, actor, extension_id: int, until: datetime.date | None = None,
                    seen_version: int | None = None) -> StatusExtension:
    """STA-8: once, for not more than six months from the current expiry; the registry is updated and the
    decision goes to the State Corporation within one working day (p.22)."""
    extension = StatusExtension.objects.select_related("application").get(pk=extension_id)
    current = extension.application.status_until
    limit = current + relativedelta(months=EXTENSION_MAX_MONTHS)
    until = until or extension.requested_until
    if not current < until <= limit:
        raise ValidationError({"until": _(
            "An extension runs from the current expiry %(until)s for not more than six months (to %(limit)s).") % {
            "until": current.strftime("%d.%m.%Y"), "limit": limit.strftime("%d.%m.%Y")}})
    extension = case_transition(case=extension, transition="extend", actor=actor, seen_version=seen_version,
                                kwargs={"until": until}, close=decision_steps(extension),
                                open=[StepOpen("extension_forward", extension.organisation)],
                                sign="extension_decision", sign_role=Role.MIO_HEAD)
    application = StatusApplication.objects.select_for_update().get(pk=extension.application_id)
    if application.state != ApplicationState.ASSIGNED:
        raise ActionNotAllowed(_("The status is no longer in force; it cannot be extended."))
    application.status_until = until
    application._change_reason = extension.ref
    application.save(update_fields=["status_until", "updated_at"])
    status_granted_record(person_id=application.applicant_id, since=application.status_since, until=until)
    _decision_notice(extension, text(gettext_noop("Kandas status is extended until %(until)s (decision %(ref)s)."),
                                     until=until, ref=extension.ref))
    return StatusExtension.objects.get(pk=extension.pk)


@transaction.atomic
def certificate_hand_out(*, actor, application_id: int, recipient_document: str) -> CertificateHandout:
    """STA-7: on request the State Corporation hands out the certificate it received earlier; logged."""
    application = StatusApplication.objects.select_for_update().get(pk=application_id)
    if application.state not in (ApplicationState.ASSIGNED, ApplicationState.AWAITING_ARRIVAL):
        raise ActionNotAllowed(_("There is no certificate: the status is not assigned."))
    case_action_ensure(actor, application, "hand_out_certificate")
    if not recipient_document.strip():
        raise ValidationError({"recipient_document": _("Record the identity document the applicant presented.")})
    return CertificateHandout.objects.create(application=application, handed_by=actor,
                                             organisation=user_organisation(actor),
                                             recipient_document=recipient_document.strip())


@transaction.atomic
def originals_return(*, actor, application_id: int) -> StatusApplication:
    """STA-7 (app.2 p.8): originals go back to the applicant after comparison, except the autobiography."""
    application = StatusApplication.objects.select_for_update().get(pk=application_id)
    if application.originals_returned_on:
        raise ActionNotAllowed(_("The originals were already returned on %(day)s.") % {
            "day": application.originals_returned_on.strftime("%d.%m.%Y")})
    case_action_ensure(actor, application, "return_originals")
    application.originals_returned_on = timezone.localdate()
    application.autobiography_kept = True
    application.save(update_fields=["originals_returned_on", "autobiography_kept", "updated_at"])
    case_event_log(case=application, event="return_originals", actor=actor,
                   message=text(gettext_noop("Originals returned; the autobiography stays in the file")))
    return application
