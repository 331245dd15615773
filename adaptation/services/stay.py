"""Life in the centre: records (RES-8), early termination (RES-9), end of residence (RES-10) and
vacating the room (RES-11). The centre holds the residence (RES-10) and vacate (RES-11) steps; the MIO
holds the decision on early termination (RES-9)."""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy, gettext_noop

from kandas.deadlines import deadline_cancel, deadline_close, deadline_explain_append, step_deadlines
from kandas.holders import step_holder_ensure
from kandas.models import Deadline
from kandas.notify import organisation_notify_on_commit
from kandas.roles import Role, user_has_role
from kandas.texts import text
from kandas.transitions import ActionNotAllowed, StepOpen, case_event_log, case_transition, case_transition_system
from kandas.workdays import _fmt

from ..models import ResidenceApplication, ResidenceEvent, ResidenceState, StayState, TerminationProposal
from ..models.residence import VACATE_DAYS
from .beds import beds_release, centre_lock, reserve_allocate
from .residence import _check_visible, _locked, records_text, residence_end_date

LIVING = (ResidenceState.RESIDING, ResidenceState.TERMINATION_PROPOSED)
# RES-11: p.17 gives the 3 calendar days "at the end of the residence term" only; counting them from an
# eviction decision is this system's reading, and the screens say so.
EVICTION_VACATE_READING = gettext_lazy(
    "p.17 of the rules gives 3 calendar days to vacate at the end of the residence term; after an eviction "
    "decision this system counts the same 3 days from the decision (its reading: the rules name no term).")


def referral_issuer(application: ResidenceApplication):
    """RES-9 p.13: the MIO that issued the referral (cases referred before it was recorded: the MIO that
    registered the application, which then held the referral step)."""
    return application.referral_issued_by or application.organisation


@transaction.atomic
def residence_record(*, application_id: int, actor, kind: str, note: str = "", person_id: int | None = None,
                     on: datetime.date | None = None) -> ResidenceEvent:
    """RES-8: bedding issued or changed, services received, house rules, residents' requests — kept by
    the staff of the centre that hosts the residence (RES-10 step)."""
    application = _locked(application_id)
    _check_visible(actor, application)
    if not user_has_role(actor, Role.ACC_STAFF):
        raise PermissionDenied(_("Only the centre's staff keep residence records."))
    if application.state not in LIVING:
        raise ActionNotAllowed(_("Records are kept only while the family lives in the centre."))
    step_holder_ensure(actor, application, ("residence",))
    if kind not in ResidenceEvent.Kind.values:
        raise ValidationError({"kind": _("Choose what is recorded.")})
    if person_id and not application.persons.filter(person_id=person_id).exists():
        raise ValidationError({"person": _("This person is not in the application.")})
    return ResidenceEvent.objects.create(application=application, kind=kind, note=note, person_id=person_id,
                                         on=on or timezone.localdate(), recorded_by=actor)


@transaction.atomic
def termination_propose(*, application_id: int, actor, violation: str, member_id: int | None = None,
                        seen_version: int | None = None) -> TerminationProposal:
    """RES-9 (p.13): the centre hosting the family proposes early termination for the family or one
    member, describing the violation, to the MIO **that issued the referral** (recorded at issue), which
    must decide within 1 working day (Decisions 2): it holds the "decide" step and is told."""
    if not violation.strip():
        raise ValidationError({"violation": _("Describe the violation.")})
    application = _locked(application_id)
    member = None
    if member_id:
        member = application.persons.filter(pk=member_id, stay_state=StayState.RESIDING).first()
        if member is None:
            raise ValidationError({"member": _("This person does not live in the centre under this application.")})
    issuer = referral_issuer(application)
    application = case_transition(case=application, transition="termination_propose", actor=actor,
                                  seen_version=seen_version, comment=violation, holds=["residence"],
                                  open=[StepOpen("decide", issuer)])
    proposal = TerminationProposal.objects.create(application=application, member=member, violation=violation,
                                                  proposed_by=actor, proposed_on=timezone.localdate())
    organisation_notify_on_commit(
        organisation=issuer.pk, key=f"res-propose:{proposal.pk}",
        link=application.get_absolute_url(),
        message=text(gettext_noop("%(ref)s: the centre proposes early termination — decide within 1 working day."),
                     ref=application.ref))
    return proposal


@transaction.atomic
def termination_decide(*, application_id: int, actor, decision: str, reason: str = "",
                       seen_version: int | None = None) -> TerminationProposal:
    """RES-9 (p.14, p.16): the MIO decides stay or eviction, for the whole family or the one member the
    proposal names; the decision is signed and printable. Eviction frees the beds at once (RES-6) and
    the 3 calendar days to vacate run from the decision (RES-11), a step of the centre."""
    if decision not in TerminationProposal.Decision.values:
        raise ValidationError({"decision": _("Choose stay or eviction.")})
    centre = centre_lock(ResidenceApplication.objects.values_list("centre_id", flat=True).get(pk=application_id))
    application = _locked(application_id)
    proposal = application.termination_proposals.filter(decision="").select_related("member__person").first()
    if proposal is None:
        raise ActionNotAllowed(_("There is no proposal to decide."))
    today = timezone.localdate()
    evict = decision == TerminationProposal.Decision.EVICT
    residing = list(application.persons.filter(stay_state=StayState.RESIDING))
    family_leaves = evict and (proposal.member is None or residing == [proposal.member])
    vacate_by = today + datetime.timedelta(days=VACATE_DAYS) if evict else None
    # The signed decision covers the proposal's row (its purpose "termination:<id>"): fill it first.
    proposal.decision, proposal.decision_reason, proposal.decided_by = decision, reason, actor
    proposal.decided_on, proposal.vacate_by = today, vacate_by
    proposal.save(update_fields=["decision", "decision_reason", "decided_by", "decided_on", "vacate_by"])
    application = case_transition(
        case=application, transition="termination_decide", actor=actor, seen_version=seen_version, comment=reason,
        kwargs={"family_leaves": family_leaves, "on": today, "vacate_by": vacate_by}, close=["decide"],
        open=[StepOpen("vacate", centre.organisation, start=today)] if evict else [],
        sign=proposal.purpose, sign_role=Role.MIO_HEAD)
    if evict:
        for deadline in step_deadlines(application, "vacate").filter(state=Deadline.State.OPEN,
                                                                      closed_at__isnull=True):
            deadline_explain_append(deadline, lambda: str(EVICTION_VACATE_READING))
            deadline.save(update_fields=["explanation", "texts"])
        leaving = residing if proposal.member is None else [proposal.member]
        for row in leaving:
            beds_release(application=application, person=row.person)
        application.persons.filter(pk__in=[r.pk for r in leaving]).update(stay_state=StayState.EVICTED)
        if family_leaves:
            deadline_cancel(case=application, step="residence")
        reserve_allocate(centre=centre)
    organisation_notify_on_commit(
        organisation=centre.organisation_id, key=f"res-decision:{proposal.pk}", link=application.get_absolute_url(),
        message=text(gettext_noop("%(ref)s: the MIO decided — %(decision)s."), ref=application.ref,
                     decision=TerminationProposal.Decision(decision)))
    return proposal


@transaction.atomic
def residence_end(*, application_id: int, on: datetime.date, reason) -> ResidenceApplication | None:
    """RES-10: residence ends (status end or 6 months); RES-11: the centre sees the room vacated within
    3 calendar days. `reason` is a stored text (kandas.texts), or a plain string."""
    application = _locked(application_id)
    if application.state not in LIVING:
        return None
    reason = reason if isinstance(reason, dict) else text(str(reason))
    vacate_by = on + datetime.timedelta(days=VACATE_DAYS)
    application = case_transition_system(
        case=application, transition="residence_end", message=reason, on=on,
        kwargs={"on": on, "vacate_by": vacate_by, "reason": records_text(reason)[:255], "message": reason},
        close=["residence"], cancel=["decide"],
        open=[StepOpen("vacate", application.centre.organisation, start=on)])
    application.termination_proposals.filter(decision="").update(decision_reason=records_text(
        text(gettext_noop("residence ended"))))
    organisation_notify_on_commit(
        organisation=application.centre.organisation_id, key=f"res-end:{application.pk}",
        link=application.get_absolute_url(),
        message=text(gettext_noop("%(ref)s: residence ended on %(on)s (%(why)s); the room is vacated by %(by)s."),
                     ref=application.ref, on=on, why=reason, by=vacate_by))
    return application


def residence_end_effective(application: ResidenceApplication) -> datetime.date | None:
    """RES-10 read live from the registry: a status shortened or extended after check-in counts."""
    if not application.checked_in_on:
        return None
    return residence_end_date(checked_in_on=application.checked_in_on,
                              status_until=application.applicant.kandas_status_until)


@transaction.atomic
def residence_end_refresh(*, person_id: int) -> int:
    """RES-10: after a status change in the registry, re-date the end of residence and its deadline."""
    changed = 0
    for app in (ResidenceApplication.objects.select_for_update().filter(applicant_id=person_id, state__in=LIVING)
                .select_related("applicant")):
        end = residence_end_effective(app)
        if end == app.residence_ends_on:
            continue
        # Not a transition: the registry moved the date the residence ends on (the state stays).
        ResidenceApplication.objects.filter(pk=app.pk).update(residence_ends_on=end)
        for deadline in step_deadlines(app, "residence").filter(state=Deadline.State.OPEN):
            deadline_explain_append(deadline, lambda: _(
                "Status changed in the registry: residence now ends on %(day)s") % {"day": _fmt(end)})
            deadline.due = end
            deadline.save(update_fields=["due", "explanation", "texts"])
        case_event_log(case=app, event="residence_redated", message=text(
            gettext_noop("Status changed in the registry: residence now ends on %(day)s"), day=end))
        changed += 1
    return changed


@transaction.atomic
def check_out(*, application_id: int, actor, seen_version: int | None = None) -> ResidenceApplication:
    """RES-11: the family vacated the room; beds free up and go to the reserve (RES-6)."""
    centre = centre_lock(ResidenceApplication.objects.values_list("centre_id", flat=True).get(pk=application_id))
    today = timezone.localdate()
    application = case_transition(case=_locked(application_id), transition="check_out", actor=actor,
                                  seen_version=seen_version, kwargs={"on": today}, close=["vacate"])
    beds_release(application=application)
    application.persons.filter(stay_state__in=(StayState.RESIDING, StayState.EVICTED)).update(
        stay_state=StayState.LEFT, left_on=today)
    reserve_allocate(centre=centre)
    return application


@transaction.atomic
def member_vacated(*, application_id: int, resident_id: int, actor) -> ResidenceApplication:
    """RES-11 for one evicted member: the member left; the centre's vacate step is met."""
    application = _locked(application_id)
    _check_visible(actor, application)
    if not user_has_role(actor, Role.ACC_STAFF):
        raise PermissionDenied(_("Only the centre's staff record who left."))
    step_holder_ensure(actor, application, ("vacate",))
    row = application.persons.select_related("person").filter(pk=resident_id, stay_state=StayState.EVICTED).first()
    if row is None:
        raise ActionNotAllowed(_("Only an evicted member is recorded as gone."))
    row.stay_state, row.left_on = StayState.LEFT, timezone.localdate()
    row.save(update_fields=["stay_state", "left_on"])
    deadline_close(case=application, step="vacate")
    case_event_log(case=application, event="member_vacated", actor=actor, message=text(
        gettext_noop("%(name)s left the room"), name=row.person.full_name))
    return application
