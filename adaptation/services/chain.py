"""The approval chain of an application for adaptation services (ADA-1…ADA-9, p.6–19 of order 170).

Every step is a deadline held by the organisation the case has reached (Decisions 2); each service closes
the step it acts on (so only that step's holder may call it, kandas.holders) and opens the next one with
its holder. Rework (p.9, p.10 by Decisions 15, p.13) returns the case to the exit CC specialist, and the
steps' clocks start again from the day the case reaches each holder anew (Decisions 14).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_noop

from kandas.deadlines import deadline_close, deadline_due, deadline_open, step_deadlines
from kandas.gateway import state_gateway
from kandas.holders import step_assign
from kandas.models import Consent, KINSHIP_BY_SERVICE, Kinship, Locality, Organisation, Person, Region, Staff
from kandas.notify import organisation_notify_on_commit
from kandas.roles import Role, user_has_role
from kandas.rules import CALENDAR_DAYS, Step
from kandas.scoping import user_organisation
from kandas.services import consent_record, person_get_or_create
from kandas.texts import text
from kandas.transitions import ActionNotAllowed, StepOpen, case_event_log, case_transition

from ..models import SupportApplication, SupportCopy, SupportMember, SupportState
from ..rules_support import DEFAULT_JOB_SEARCH_DAYS, ORDER_170_IN_FORCE, SUPPORT_RULES
from . import support_orgs as orgs

_CHILDREN = {Kinship.SON, Kinship.DAUGHTER, Kinship.ADOPTED_CHILD}
_SIBLINGS = {Kinship.BROTHER, Kinship.SISTER, Kinship.HALF_BROTHER, Kinship.HALF_SISTER}
KAZAKHSTAN = {"KZ", "KAZ", "КАЗАХСТАН", "ҚАЗАҚСТАН"}


@dataclass
class MemberInput:
    """A family member of form app.2: the IIN, and what the applicant gives where the registry lacks it."""

    iin: str
    kinship: str
    lives_with_applicant: bool = True
    is_married: bool = False
    surname: str = ""
    given_name: str = ""
    birth_date: datetime.date | None = None


def job_search_days() -> int:
    """Decisions 16: the job-search period of p.18 (p.23 of order 214, not in the seeds) is a setting."""
    return int(getattr(settings, "ADAPTATION_JOB_SEARCH_DAYS", DEFAULT_JOB_SEARCH_DAYS))


def _copies_for(member: SupportMember, applicant: Person, on: datetime.date) -> list[SupportCopy]:
    """p.6: the copies a member needs; GEN-2: a copy a state system holds is fetched, not asked for."""
    gateway = state_gateway()
    person = member.person
    needed = []
    if member.kinship == Kinship.SPOUSE:
        needed = [SupportCopy.Kind.IDENTITY, SupportCopy.Kind.MARRIAGE, SupportCopy.Kind.EDUCATION]
    elif member.kinship in _CHILDREN:
        adult = person.is_adult
        if adult and member.lives_with_applicant:
            needed = [SupportCopy.Kind.IDENTITY]
        elif adult is False:
            needed = [SupportCopy.Kind.BIRTH]
    rows = []
    for kind in needed:
        summary = ""
        if kind == SupportCopy.Kind.IDENTITY and person.iin:
            record = gateway.person(person.iin)
            summary = f"ГБД ФЛ: {record.surname} {record.given_name}" if record else ""
        elif kind in (SupportCopy.Kind.MARRIAGE, SupportCopy.Kind.BIRTH):
            acts = []
            for iin in {person.iin, applicant.iin} - {None, ""}:
                acts += [a for a in gateway.civil_acts(iin) if a.get("kind") == kind]
            if acts:
                summary = f"ЗАГС: № {acts[0].get('number', '')} {acts[0].get('date', '')}"
        # The education document is in no state system p.6 names: always a paper copy.
        source = SupportCopy.Source.STATE if summary else SupportCopy.Source.PAPER
        rows.append(SupportCopy(member=member, kind=kind, source=source, state_summary=summary[:255]))
    return rows


def _career_centre_of(actor, career_centre_id: int | None) -> Organisation:
    org = user_organisation(actor)
    if career_centre_id is not None and (user_has_role(actor, Role.API_CLIENT) or actor.is_superuser):
        # The migration portal registers on behalf of a career centre of its own region.
        cc = Organisation.objects.filter(pk=career_centre_id, kind=Organisation.Kind.CC).first()
        if cc is None or (not actor.is_superuser and (org is None or cc.region_id != org.region_id)):
            raise ValidationError({"career_centre": _("Choose a career centre of your region.")})
        return cc
    if org is None or org.kind != Organisation.Kind.CC or not user_has_role(actor, Role.CC_SPECIALIST,
                                                                            Role.CC_DIRECTOR):
        raise PermissionDenied(_("Only a specialist of the career centre of the region of exit takes the "
                                 "application (p.6)."))
    return org


@transaction.atomic
def support_application_register(
    *, actor, applicant_iin: str, settlement_region_id: int, locality_kato: str, consent: bool,
    members: list[MemberInput] = (), applicant_surname: str = "", applicant_given_name: str = "",
    applicant_birth_date: datetime.date | None = None, filed_on: datetime.date | None = None,
    career_centre_id: int | None = None,
) -> SupportApplication:
    """ADA-1 (p.6–7): the exit CC specialist takes form app.2 with consent (GEN-3) and registers it with the
    IIN of the kandas and of every member; copies only where the state systems hold nothing (GEN-2)."""
    filed_on = filed_on or timezone.localdate()
    if filed_on < ORDER_170_IN_FORCE:  # GEN-1: never silently given the earliest version
        raise ValidationError(_("Order 170 is in force from %(day)s; an earlier filing date has no rule version.")
                              % {"day": ORDER_170_IN_FORCE.strftime("%d.%m.%Y")})
    cc = _career_centre_of(actor, career_centre_id)
    errors = {}
    if not consent:
        errors["consent"] = _("Consent to the collection and processing of personal data is required (art.8).")
    settlement = Region.objects.filter(pk=settlement_region_id).first()
    if settlement is None or not settlement.is_settlement_region:
        errors["settlement_region"] = _("Choose a region designated for settlement.")
    elif settlement.pk == cc.region_id:
        errors["settlement_region"] = _("The settlement region must differ from the region of exit.")
    locality = Locality.objects.filter(kato=(locality_kato or "").strip()).first()
    if settlement is not None and (locality is None or locality.region_id != settlement.pk):
        errors["locality_kato"] = _("Give the KATO code of a locality of the settlement region.")
    allowed = KINSHIP_BY_SERVICE["adaptation"]
    for m in members:
        if m.kinship not in allowed:
            errors["members"] = _("This degree of kinship is not on the list of form app.2.")
        elif m.kinship in _SIBLINGS and m.is_married:
            errors["members"] = _("Brothers and sisters are included only when they are not married (app.2).")
    if not (applicant_iin or "").strip():
        errors["applicant_iin"] = _("The IIN of the kandas is required (p.7).")
    if any(not (m.iin or "").strip() for m in members):
        errors["members"] = _("Enter the IIN of every family member (p.7).")
    if errors:
        raise ValidationError(errors)
    try:
        applicant = person_get_or_create(iin=applicant_iin, surname=applicant_surname,
                                         given_name=applicant_given_name, birth_date=applicant_birth_date,
                                         region=cc.region, actor=actor)
    except ValidationError as exc:
        raise ValidationError({"applicant_iin": exc.messages}) from None
    people = []
    for m in members:
        try:
            person = person_get_or_create(iin=m.iin, surname=m.surname, given_name=m.given_name,
                                          birth_date=m.birth_date, region=cc.region, actor=actor)
        except ValidationError as exc:
            if "iin" in getattr(exc, "message_dict", {}):
                raise ValidationError({"members": [f"{m.iin}: {' '.join(exc.message_dict['iin'])}"]}) from None
            raise ValidationError({"members": _("%(iin)s: neither the registry nor the persons database knows this "
                                                "person — add them to the registry first.") % {"iin": m.iin}}) from None
        identity = state_gateway().person(person.iin) if person.iin else None
        citizenship = ((identity.citizenship if identity else "") or person.citizenship or "").upper()
        if citizenship in KAZAKHSTAN:
            raise ValidationError({"members": _("%(name)s is a citizen of Kazakhstan: form app.2 lists members who "
                                                "are not citizens.") % {"name": person.full_name}})
        if person.pk == applicant.pk or person.pk in {p.pk for p, _m in people}:
            raise ValidationError({"members": _("Each person is listed once.")})
        people.append((person, m))
    staff = getattr(actor, "staff", None)
    app = SupportApplication.objects.create(
        region=cc.region, organisation=cc, exit_cc=cc, exit_region=cc.region, settlement_region=settlement,
        locality=locality, applicant=applicant, filed_on=filed_on, consent_given=True, created_by=actor,
        taken_by_name=actor.get_full_name() or actor.username,
        taken_by_position=(staff.position if staff and staff.position else str(Role.CC_SPECIALIST.label)))
    for person, m in people:
        member = SupportMember.objects.create(application=app, person=person, kinship=m.kinship,
                                              lives_with_applicant=m.lives_with_applicant, is_married=m.is_married)
        SupportCopy.objects.bulk_create(_copies_for(member, applicant, filed_on))
    consent_record(actor=actor, person_id=applicant.pk, method=Consent.Method.PAPER,
                   purpose=str(_("Adaptation and integration services (form app.2, art.8 of the personal data law)")))
    from ..models import PreliminaryConsultation

    PreliminaryConsultation.objects.filter(person=applicant, career_centre=cc, application__isnull=True).update(
        application=app)
    case_event_log(case=app, event="register", actor=actor, message=text(
        gettext_noop("Form app.2 registered with the IINs of the kandas and %(n)s members; consent recorded."),
        n=len(people)))
    assignee = actor if getattr(staff, "organisation_id", None) == cc.pk else None
    deadline_open(case=app, step="recheck", organisation=cc, start=filed_on, assignee=assignee)
    return app


@transaction.atomic
def support_copies_receive(*, actor, application_id: int, copy_ids: list[int], on: datetime.date | None = None,
                           seen_version: int | None = None) -> SupportApplication:
    """ADA-1 (p.6): the paper copies the applicant brought, for what no state system holds."""
    app = SupportApplication.objects.select_for_update().get(pk=application_id)
    if seen_version is not None and seen_version != app.version:
        from kandas.transitions import CaseConflict

        raise CaseConflict()
    from kandas.holders import step_holder_ensure

    step_holder_ensure(actor, app, ("recheck",))
    if app.state not in (SupportState.REGISTERED, SupportState.REWORK):
        raise ActionNotAllowed(_("Copies are received while the exit career centre holds the application."))
    rows = SupportCopy.objects.filter(member__application=app, pk__in=copy_ids, source=SupportCopy.Source.PAPER,
                                      received_on__isnull=True)
    n = rows.update(received_on=on or timezone.localdate())
    SupportApplication.objects.filter(pk=app.pk).update(version=app.version + 1)
    case_event_log(case=app, event="copies", actor=actor, message=text(
        gettext_noop("%(n)s paper copies received."), n=n))
    return SupportApplication.objects.get(pk=app.pk)


def _rework_step(app) -> StepOpen:
    """Decisions 14: back to the exit CC specialist who registered it (while they still work there)."""
    creator = app.created_by
    keep = creator if creator and Staff.objects.filter(user=creator, organisation=app.exit_cc).exists() else None
    return StepOpen("recheck", app.exit_cc, assignee=keep)


def _t(app, transition, actor, *, seen_version=None, **kw):
    """One chain step: the transition, then the organisation the case reaches hears of it (after commit)."""
    app = case_transition(case=app, transition=transition, actor=actor, seen_version=seen_version, **kw)
    mine = user_organisation(actor)
    for spec in kw.get("open", ()):
        if mine is not None and spec.organisation.pk == mine.pk:
            continue
        d = step_deadlines(app, spec.key).order_by("-pk").first()
        organisation_notify_on_commit(
            organisation=spec.organisation, key=f"ada:{app.pk}:{d.pk}", link=app.get_absolute_url(),
            message=text(gettext_noop("%(ref)s reached you: “%(step)s”, due %(due)s."), ref=app.ref,
                         step=app.rules.step(spec.key).label, due=d.due))
    return app


def support_submit(*, actor, application_id: int, seen_version: int | None = None) -> SupportApplication:
    """ADA-2 (p.8): within 1 working day the exit CC specialist re-checks, signs with EDS, sends to the exit LMC."""
    app = SupportApplication.objects.get(pk=application_id)
    return _t(app, "submit", actor, seen_version=seen_version, close=["recheck"],
              open=[StepOpen("exit_lmc", orgs.exit_lmc(app))], sign="application", sign_role=Role.CC_SPECIALIST,
              message=text(gettext_noop("Signed and sent to the head of %(org)s."), org=str(orgs.exit_lmc(app))))


def support_lmc_sign(*, actor, application_id: int, seen_version: int | None = None) -> SupportApplication:
    """ADA-3 (p.9): the exit LMC head checks the Digital family map, signs and sends to the exit MIO."""
    app = SupportApplication.objects.get(pk=application_id)
    return _t(app, "lmc_sign", actor, seen_version=seen_version, close=["exit_lmc"],
              open=[StepOpen("exit_mio", orgs.exit_mio(app))], sign="lmc_check", sign_role=Role.LMC_HEAD,
              message=text(gettext_noop("Family composition checked in the Digital family map; signed.")))


def _return(app, transition, actor, step, remarks, seen_version):
    if not (remarks or "").strip():
        raise ValidationError({"remarks": _("Write the remarks the career centre is to correct.")})
    return _t(app, transition, actor, seen_version=seen_version, kwargs={"remarks": remarks}, close=[step],
              open=[_rework_step(app)], comment=remarks,
              message=text(gettext_noop("Returned for rework to the exit career centre specialist; the step "
                                        "clocks start again.")))


def support_lmc_return(*, actor, application_id: int, remarks: str, seen_version=None) -> SupportApplication:
    """ADA-3 (p.9): remarks → rework by the exit CC specialist (Decisions 14: clocks restart)."""
    return _return(SupportApplication.objects.get(pk=application_id), "lmc_return", actor, "exit_lmc", remarks,
                   seen_version)


def support_exit_mio_sign(*, actor, application_id: int, seen_version=None) -> SupportApplication:
    """ADA-4 (p.10): the exit MIO management checks, signs and sends to the settlement MIO."""
    app = SupportApplication.objects.get(pk=application_id)
    return _t(app, "exit_mio_sign", actor, seen_version=seen_version, close=["exit_mio"],
              open=[StepOpen("settle_assign", orgs.settlement_mio(app))], sign="exit_mio", sign_role=Role.MIO_HEAD,
              message=text(gettext_noop("Signed and sent to %(org)s."), org=str(orgs.settlement_mio(app))))


def support_exit_mio_return(*, actor, application_id: int, remarks: str, seen_version=None) -> SupportApplication:
    """ADA-4 with remarks: p.10 names no path; Decisions 15 gives p.9's return to the exit CC specialist."""
    return _return(SupportApplication.objects.get(pk=application_id), "exit_mio_return", actor, "exit_mio",
                   remarks, seen_version)


@transaction.atomic
def support_assign(*, actor, application_id: int, specialist_id: int, seen_version=None) -> SupportApplication:
    """ADA-5 p.11: the settlement MIO management directs the application to a specialist (kandas step_assign);
    the specialist's 1 working day of p.13 runs from the assignment (Decisions 15)."""
    app = SupportApplication.objects.get(pk=application_id)
    mio = orgs.settlement_mio(app)
    staff = Staff.objects.filter(organisation=mio, user_id=specialist_id, user__is_active=True).select_related(
        "user").first()
    if staff is None or not user_has_role(staff.user, Role.MIO_SPECIALIST, Role.MIO_HEAD):
        raise ValidationError({"specialist": _("Choose a specialist of %(org)s.") % {"org": mio}})
    held = step_deadlines(app, "settle_assign").filter(closed_at__isnull=True).order_by("-pk").first()
    if held is None:
        raise ActionNotAllowed(_("The application is not waiting for an assignment."))
    app = _t(app, "assign", actor, seen_version=seen_version, close=["settle_assign"],
             open=[StepOpen("settle_check", mio)])
    # The assignment itself (logged on the timeline, told to the specialist) is the machinery's.
    check = step_deadlines(app, "settle_check").order_by("-pk").first()
    step_assign(deadline_id=check.pk, assignee_id=staff.user_id, actor=actor)
    return SupportApplication.objects.get(pk=app.pk)


def support_settlement_sign(*, actor, application_id: int, seen_version=None) -> SupportApplication:
    """ADA-5 p.12–13: members' data, scans per p.6 and consent checked; signed and sent to the settlement LMC."""
    app = SupportApplication.objects.get(pk=application_id)
    return _t(app, "settlement_sign", actor, seen_version=seen_version, close=["settle_check"],
              open=[StepOpen("lmc_review", orgs.settlement_lmc(app))], sign="settlement_check",
              sign_role=Role.MIO_SPECIALIST,
              message=text(gettext_noop("Members' data, scans and consent checked; signed and sent to %(org)s."),
                           org=str(orgs.settlement_lmc(app))))


def support_settlement_return(*, actor, application_id: int, remarks: str, seen_version=None):
    """ADA-5 p.13: remarks → back to the exit CC specialist; the step deadlines restart (Decisions 14)."""
    return _return(SupportApplication.objects.get(pk=application_id), "settlement_return", actor, "settle_check",
                   remarks, seen_version)


def support_lmc_contact(*, actor, application_id: int, receipt_confirmed_on, consultation_note: str,
                        vacancies_offered: str, interested: bool, seen_version=None) -> SupportApplication:
    """ADA-6 (p.14–16): within 3 working days the settlement LMC contacts the kandas, records receipt and
    consultation, offers vacancies and active employment measures; interest → ADA-7, else the CC."""
    app = SupportApplication.objects.get(pk=application_id)
    if not consultation_note.strip() or not vacancies_offered.strip():
        raise ValidationError({"consultation_note": _("Record the consultation and the vacancies offered.")})
    nxt = StepOpen("lmc_route", orgs.settlement_lmc(app)) if interested else StepOpen("cc_accept",
                                                                                        orgs.settlement_cc(app))
    return _t(app, "lmc_contact", actor, seen_version=seen_version, close=["lmc_review"], open=[nxt],
              kwargs={"receipt_confirmed_on": receipt_confirmed_on, "consultation_note": consultation_note,
                      "vacancies_offered": vacancies_offered, "interested": interested},
              message=text(gettext_noop("Receipt confirmed on %(day)s; consulted; vacancies offered."),
                           day=receipt_confirmed_on))


def support_route_agree(*, actor, application_id: int, vacancy: str, route: str, relocation_on, transport: str,
                        arriving_count: int, seen_version=None) -> SupportApplication:
    """ADA-7 (p.17): within 1 working day route, date, transport (car, rail, air) and arriving members; sent to
    a settlement CC specialist."""
    app = SupportApplication.objects.get(pk=application_id)
    cc = orgs.settlement_cc(app)
    return _t(app, "route_agree", actor, seen_version=seen_version, close=["lmc_route"],
              open=[StepOpen("cc_accept", cc)],
              kwargs={"vacancy": vacancy, "route": route, "relocation_on": relocation_on, "transport": transport,
                      "arriving_count": arriving_count},
              message=text(gettext_noop("Vacancy “%(vacancy)s”; %(route)s, %(day)s; sent to %(org)s."),
                           vacancy=vacancy, route=route, day=relocation_on, org=str(cc)))


@transaction.atomic
def support_cc_accept(*, actor, application_id: int, plan_draft: str, seen_version=None,
                      on: datetime.date | None = None) -> SupportApplication:
    """ADA-9 (p.19): the settlement CC accepts and within 1 working day drafts the individual plan with the
    kandas; the job-search period (ADA-8, Decisions 16) starts that day."""
    on = on or timezone.localdate()
    if not plan_draft.strip():
        raise ValidationError({"plan_draft": _("Write the draft individual plan agreed with the kandas.")})
    app = SupportApplication.objects.get(pk=application_id)
    app = _t(app, "cc_accept", actor, seen_version=seen_version, close=["cc_accept"], on=on,
             kwargs={"on": on, "plan_draft": plan_draft},
             message=text(gettext_noop("Accepted; draft individual plan formed with the kandas.")))
    days = job_search_days()
    base = SUPPORT_RULES.version(app.rule_version).step("job_search")
    step = Step(base.key, base.rule, days, CALENDAR_DAYS, label=base.label)
    deadline_open(case=app, step=step, organisation=orgs.settlement_cc(app), start=on)
    return app


def _unemployment_open(app) -> StepOpen:
    return StepOpen("unemployed_draft", orgs.settlement_cc(app))


@transaction.atomic
def support_job_refused(*, actor, application_id: int, reason: str, seen_version=None) -> SupportApplication:
    """ADA-8 (p.18): the kandas refused the offered job → the draft unemployment decision within 1 working day."""
    app = SupportApplication.objects.get(pk=application_id)
    if not reason.strip():
        raise ValidationError({"reason": _("Say which job was offered and refused.")})
    return _t(app, "job_refuse", actor, seen_version=seen_version, close=["job_search"], kwargs={"reason": reason},
              open=[_unemployment_open(app)], comment=reason,
              message=text(gettext_noop("The kandas refused the offered job.")))


@transaction.atomic
def support_no_job(*, actor, application_id: int, reason: str, seen_version=None) -> SupportApplication:
    """ADA-8 (p.18): no suitable job within the job-search period → draft unemployment decision, 1 working day."""
    app = SupportApplication.objects.get(pk=application_id)
    due = deadline_due(case=app, step="job_search")
    app = _t(app, "no_job", actor, seen_version=seen_version, holds=["job_search"], kwargs={"reason": reason},
             open=[_unemployment_open(app)], comment=reason,
             message=text(gettext_noop("No suitable job within the job-search period (until %(day)s)."), day=due))
    deadline_close(case=app, step="job_search", on=due)  # the period ran its course: not a missed deadline
    return app


@transaction.atomic
def support_job_search_lapse(*, application_id: int) -> SupportApplication | None:
    """ADA-8: the job-search period ended with the case still at the CC → the draft decision step opens (Celery)."""
    from kandas.transitions import case_transition_system

    app = SupportApplication.objects.get(pk=application_id)
    due = deadline_due(case=app, step="job_search")
    if app.state != SupportState.CC_WORKING or due is None or due >= timezone.localdate():
        return None
    return case_transition_system(
        case=app, transition="job_search_lapse", close=["job_search"], on=due,
        kwargs={"reason": str(_("No suitable job within the job-search period."))},
        open=[_unemployment_open(app)],
        message=text(gettext_noop("The job-search period ended on %(day)s without a suitable job."), day=due))


@transaction.atomic
def support_unemployment_sign(*, actor, application_id: int, seen_version=None,
                              on: datetime.date | None = None) -> SupportApplication:
    """ADA-8 (p.18): the CC director (or the person replacing them) signs the draft decision to register the
    kandas as unemployed; it goes to the LMC (through the "Labour market" system)."""
    on = on or timezone.localdate()
    app = SupportApplication.objects.get(pk=application_id)
    lmc = orgs.settlement_lmc(app)
    app = _t(app, "unemployment_sign", actor, seen_version=seen_version, close=["unemployed_draft"],
             kwargs={"on": on}, sign="unemployment_draft", sign_role=Role.CC_DIRECTOR,
             message=text(gettext_noop("Draft decision on registration as unemployed signed and sent to %(org)s."),
                          org=str(lmc)))
    organisation_notify_on_commit(organisation=lmc, key=f"ada8:{app.pk}", link=app.get_absolute_url(),
                                  message=text(gettext_noop("%(ref)s: draft decision on registration of the kandas "
                                                            "as unemployed received."), ref=app.ref))
    return app


def support_job_searches_lapse_due() -> list[str]:
    """ADA-8 (Celery, daily): every case whose job-search period ended at the CC gets its draft-decision step."""
    from django.contrib.contenttypes.models import ContentType

    from kandas.models import Deadline

    ids = Deadline.objects.filter(case_type=ContentType.objects.get_for_model(SupportApplication), step_key="job_search",
                                  closed_at__isnull=True, due__lt=timezone.localdate()).values_list("case_id", flat=True)
    done = []
    for app in SupportApplication.objects.filter(pk__in=list(ids), state=SupportState.CC_WORKING):
        if support_job_search_lapse(application_id=app.pk) is not None:
            done.append(app.ref)
    return done
