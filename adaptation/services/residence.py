"""Residence in the adaptation centre (order 331-Ө-М app.1): one service per action.

Every service that touches beds locks the centre first (services.beds.centre_lock), then the case
(kandas.transitions.case_transition). Views, the API, admin and Celery tasks call these functions.
"""
from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _, gettext_noop, ngettext

from kandas.deadlines import deadline_cancel, deadline_open
from kandas.documents import document_check
from kandas.filing import FilingService, filing_ensure, open_case_refuse, unknown_person_message
from kandas.holders import step_holder_ensure
from kandas.models import Document, DocumentKind, FamilyMember, Organisation, Person
from kandas.notify import organisation_notify_on_commit
from kandas.roles import Role, user_has_role
from kandas.scoping import scope_for, user_organisation
from kandas.selectors import organisation_of
from kandas.texts import text, text_render
from kandas.transitions import ActionNotAllowed, StepOpen, case_event_log, case_transition, case_transition_system
from kandas.workdays import _fmt

from ..models import (
    Bed, BedState, Centre, ResidenceApplication, ResidenceEvent, ResidencePerson, ResidenceState, StayState,
)
from ..models.residence import ACTIVE_STATES, MAX_RESIDENCE_MONTHS
from .beds import beds_free_count, beds_hold, beds_occupy, beds_release, centre_lock, reserve_allocate

# The residence steps (adaptation/rules.py) and who holds each: the MIO considers the application (RES-5),
# issues the referral to the next in the reserve (RES-6*, this system's service level) and decides on early
# termination (RES-9, the MIO that issued the referral); the
# centre checks the family in (RES-7), hosts the residence (RES-10) and sees the room vacated (RES-11).
MIO_STEPS = ("consider", "offer")


def persons_label(n: int) -> str:
    """"1 человек", "2 человека", "5 человек" (1 адам; 1 person): the count with its plural form."""
    return ngettext("%(n)d person", "%(n)d persons", n) % {"n": n}


def beds_label(n: int) -> str:
    return ngettext("%(n)d bed", "%(n)d beds", n) % {"n": n}


def _names(rows) -> str:
    return ", ".join(f"{r.person.full_name} ({r.get_kinship_display()})" for r in rows)


def records_text(message: dict) -> str:
    """A stored text in the installation's language, for the plain-text fields kept beside it."""
    with translation.override(settings.LANGUAGE_CODE):
        return text_render(message)


def _locked(application_id: int) -> ResidenceApplication:
    return ResidenceApplication.objects.select_for_update().get(pk=application_id)


def role_may(actor, case, name: str) -> bool:
    """The actor's role may take `name` from the case's state (conditions aside: those get explained)."""
    meta = getattr(case, name)._django_fsm
    return meta.has_transition(case.state) and meta.has_transition_perm(case, case.state, actor)


def _check_visible(actor, application: ResidenceApplication) -> None:
    if not scope_for(actor, ResidenceApplication.objects.filter(pk=application.pk)).exists():
        raise PermissionDenied(_("This case belongs to another region."))


def residence_end_date(*, checked_in_on: datetime.date, status_until: datetime.date | None) -> datetime.date:
    """RES-10 (Decisions 9): residence lasts until the kandas status ends, at most 6 months from check-in."""
    cap = checked_in_on + relativedelta(months=MAX_RESIDENCE_MONTHS)
    return min(cap, status_until) if status_until else cap


# --- RES-1, RES-2, RES-4, RES-5: registration ------------------------------------------------------
def _eligible_persons(*, applicant: Person, members: list[Person], on: datetime.date) -> list[tuple[Person, str]]:
    """RES-1: only kandas (status in the registry on the filing day) and their family members."""
    if not applicant.has_kandas_status_on(on):
        raise ValidationError({"applicant": _(
            "%(name)s has no kandas status in the registry on %(day)s: only kandas and their family members "
            "may be settled in the centre (RES-1).") % {"name": applicant.full_name, "day": _fmt(on)}})
    kinship = dict(FamilyMember.objects.filter(family__applicant=applicant).values_list("person_id", "kinship"))
    rows, strangers = [(applicant, "applicant")], []
    for person in members:
        if person.pk == applicant.pk:
            continue
        if person.pk not in kinship:
            strangers.append(person.full_name)
            continue
        rows.append((person, kinship[person.pk]))
    if strangers:
        raise ValidationError({"members": _(
            "Not a family member of the applicant in the registry: %(names)s. Only kandas and their family "
            "members may be settled in the centre (RES-1).") % {"names": ", ".join(strangers)}})
    return rows


@transaction.atomic
def application_register(*, actor, centre_id: int, applicant_id: int, member_ids: list[int] | None = None,
                         whole_family: bool = False, filed_on: datetime.date | None = None) -> ResidenceApplication:
    """RES-2 (form app.2) filed with the MIO; RES-4 the next number in the centre's journal; RES-5 a
    same-day consideration step in the MIO's "My work"."""
    filing_ensure(actor, service=FilingService.RESIDENCE, provider_region=None)  # the role, before any lock
    centre = centre_lock(centre_id)
    # Decision 18: the provider is the MIO of the centre's region; a portal client may file there from any
    # region, the MIO's own staff only in their region.
    filing_ensure(actor, service=FilingService.RESIDENCE, provider_region=centre.region)
    filed_on = filed_on or timezone.localdate()
    # The filer names persons of the registry it may see (another region's reads like an unknown one); their
    # rows are locked so that two filings for one family at once queue and the second sees the first.
    applicant = scope_for(actor, Person.objects.select_for_update()).filter(pk=applicant_id).first()
    if applicant is None:
        raise ValidationError({"applicant": unknown_person_message()})
    members = list(scope_for(actor, Person.objects.filter(pk__in=member_ids or [])).order_by("pk")
                   .select_for_update())
    if len(members) != len(set(member_ids or [])):
        # A person of another region is not in the actor's registry: refuse rather than settle them.
        raise ValidationError({"members": _("Not every member is in the registry of your region.")})
    if whole_family:
        members += [m.person for m in FamilyMember.objects.filter(family__applicant=applicant, lives_with_applicant=True)
                    .select_related("person")]
    members = list({p.pk: p for p in members}.values())
    rows = _eligible_persons(applicant=applicant, members=members, on=filed_on)
    busy = ResidencePerson.objects.filter(person_id__in=[p.pk for p, _k in rows],
                                          application__state__in=ACTIVE_STATES).select_related("person", "application")
    if busy:
        visible = {a.pk for a in scope_for(actor, ResidenceApplication.objects.filter(
            pk__in=[r.application_id for r in busy]))}
        if all(r.application_id in visible for r in busy):
            raise ValidationError({"applicant": ValidationError(
                _("Already in an open residence application: %(list)s.") % {
                    "list": ", ".join(f"{r.person.full_name} — {r.application.ref}" for r in busy)},
                code="open_application", params={"url": busy[0].application.get_absolute_url(),
                                                 "ref": busy[0].application.ref})})
        open_case_refuse(actor, open_case=busy[0].application, service=FilingService.RESIDENCE)
    capacity = Bed.objects.filter(centre=centre).exclude(state=BedState.OUT_OF_SERVICE).count()
    if len(rows) > capacity:
        raise ValidationError(_("The family (%(persons)s) is larger than the centre (%(beds)s).") % {
            "persons": persons_label(len(rows)), "beds": beds_label(capacity)})
    mio = user_organisation(actor)
    if mio is None or mio.kind != Organisation.Kind.MIO:
        mio = organisation_of(kind=Organisation.Kind.MIO, region=centre.region)
    centre.journal_last += 1
    if centre.journal_started_on is None:
        centre.journal_started_on = filed_on
    centre.save(update_fields=["journal_last", "journal_started_on"])
    application = ResidenceApplication.objects.create(
        region=centre.region, organisation=mio, centre=centre, applicant=applicant, persons_count=len(rows),
        journal_no=centre.journal_last, filed_on=filed_on, created_by=actor,
        filed_by_organisation=user_organisation(actor),
        family=FamilyMember.objects.filter(family__applicant=applicant).first().family
        if len(rows) > 1 else None,
    )
    ResidencePerson.objects.bulk_create([ResidencePerson(application=application, person=p, kinship=k) for p, k in rows])
    case_event_log(case=application, event="register", actor=actor,
                   message=text(gettext_noop("journal no. %(n)s"), n=application.journal_no))
    deadline_open(case=application, step="consider", organisation=mio, start=filed_on)
    return application


# --- RES-3: police talon and referral ----------------------------------------------------------------
@transaction.atomic
def talon_record(*, application_id: int, resident_id: int, actor, number: str = "", on: datetime.date | None = None,
                 upload=None) -> ResidencePerson:
    """RES-3: the police talon (residence-permit application) of one person: a scan or its number and date.
    Recorded by the MIO that holds the application's consideration (RES-5) or referral (RES-6) step."""
    application = _locked(application_id)
    _check_visible(actor, application)
    if not user_has_role(actor, Role.MIO_SPECIALIST, Role.MIO_HEAD):
        raise PermissionDenied(_("Only the MIO records police talons."))
    step_holder_ensure(actor, application, MIO_STEPS)
    if application.state not in (ResidenceState.REGISTERED, ResidenceState.RESERVE, ResidenceState.OFFERED):
        raise ActionNotAllowed(_("The referral is already decided; talons can no longer be changed."))
    row = application.persons.select_related("person").filter(pk=resident_id).first()
    if row is None:
        raise ValidationError(_("This person is not named in the application."))
    if upload is None and not (number and on):
        raise ValidationError(_("Upload the talon or give its number and date."))
    if upload is not None:
        document_check(kind=DocumentKind.POLICE_TALON, file=upload)
        row.talon_document = Document.objects.create(
            person=row.person, kind=DocumentKind.POLICE_TALON, file=upload, original_name=upload.name,
            size=upload.size, number=number, issued_on=on, uploaded_by=actor,
            case_type=ContentType.objects.get_for_model(application), case_id=application.pk)
    row.talon_number, row.talon_date = number, on
    row.save()
    case_event_log(case=application, event="talon", actor=actor, message=text(
        gettext_noop("Police talon of %(name)s recorded"), name=row.person.full_name))
    return row


def _referral_beds_hold(*, centre, application) -> None:
    """RES-3 talons, then RES-6 beds: a registered application gets its beds now (an offered one has them)."""
    missing = application.persons_missing_talon()
    if missing and application.state in (ResidenceState.REGISTERED, ResidenceState.OFFERED):
        raise ActionNotAllowed(_("The referral cannot be issued: the police talon is missing for %(names)s (RES-3).")
                               % {"names": _names(missing)})
    if application.state == ResidenceState.REGISTERED:
        free = beds_free_count(centre)
        if free < application.persons_count:
            raise ActionNotAllowed(_(
                "Only %(free)d free beds for %(n)d persons: place the application in the reserve (RES-6).")
                % {"free": free, "n": application.persons_count})
        beds_hold(centre=centre, application=application, count=application.persons_count)


@transaction.atomic
def referral_prepare(*, application_id: int, actor, seen_version: int | None = None) -> ResidenceApplication:
    """RES-3: an MIO specialist prepares the referral (talons checked, beds held); it is issued only when
    the MIO head whose name form app.1 prints signs it (referral_issue). The MIO's step stays open
    until then, and the head is told."""
    centre = centre_lock(ResidenceApplication.objects.values_list("centre_id", flat=True).get(pk=application_id))
    application = _locked(application_id)
    _check_visible(actor, application)
    if application.state in (ResidenceState.REGISTERED, ResidenceState.OFFERED) \
            and not role_may(actor, application, "referral_prepare"):
        raise PermissionDenied(_("Only an MIO specialist prepares a referral; the MIO head signs it (RES-3)."))
    _referral_beds_hold(centre=centre, application=application)
    application = case_transition(
        case=application, transition="referral_prepare", actor=actor, seen_version=seen_version,
        kwargs={"by": actor, "on": timezone.localdate()}, holds=MIO_STEPS)
    organisation_notify_on_commit(
        organisation=application.organisation_id, heads_only=True, link=application.get_absolute_url(),
        key=f"res-prepared:{application.pk}:{application.version}",
        message=text(gettext_noop("%(ref)s: the referral is prepared and awaits your signature (RES-3)."),
                     ref=application.ref))
    return application


@transaction.atomic
def referral_issue(*, application_id: int, actor, handed_over_on: datetime.date | None = None,
                   seen_version: int | None = None) -> ResidenceApplication:
    """RES-3 (form app.1): signed by the MIO head, whose name the referral prints (a specialist prepares
    it: referral_prepare); only with the police talon of the applicant and every adult member; beds are
    held for the family (centre row locked: never double-booked); the issuing MIO is recorded (RES-9
    p.13 routes the centre's proposals to it); RES-7 check-in window opens for the centre."""
    centre_id = ResidenceApplication.objects.values_list("centre_id", flat=True).get(pk=application_id)
    centre = centre_lock(centre_id)
    application = _locked(application_id)
    _check_visible(actor, application)
    if application.state in (ResidenceState.REGISTERED, ResidenceState.OFFERED, ResidenceState.PREPARED) \
            and not role_may(actor, application, "referral_issue"):
        if user_has_role(actor, Role.MIO_SPECIALIST):
            raise PermissionDenied(_("The referral prints the name of the MIO head and is signed by the head: "
                                     "prepare it for the head's signature (RES-3)."))
        raise PermissionDenied(_("Your role may not take this action."))
    _referral_beds_hold(centre=centre, application=application)
    handed_over_on = handed_over_on or timezone.localdate()
    issuer = user_organisation(actor)
    if issuer is None or issuer.kind != Organisation.Kind.MIO:
        issuer = application.organisation
    centre.referral_last += 1
    centre.save(update_fields=["referral_last"])
    application = case_transition(
        case=application, transition="referral_issue", actor=actor, seen_version=seen_version,
        kwargs={"number": centre.referral_last, "handed_over_on": handed_over_on, "issued_by": issuer},
        close=MIO_STEPS, open=[StepOpen("check_in", centre.organisation, start=handed_over_on)],
        sign="referral", sign_role=Role.MIO_HEAD)
    organisation_notify_on_commit(
        organisation=centre.organisation_id, key=f"res-referral:{application.pk}", link=application.get_absolute_url(),
        message=text(gettext_noop("%(ref)s: a family of %(n)s is referred to the centre; check-in by %(day)s."),
                     ref=application.ref, n=application.persons_count, day=application.check_in_last_day))
    return application


@transaction.atomic
def reserve_enter(*, application_id: int, actor, seen_version: int | None = None) -> ResidenceApplication:
    """RES-6: no free beds for the family → the reserve, in the order of the journal."""
    centre_id = ResidenceApplication.objects.values_list("centre_id", flat=True).get(pk=application_id)
    centre = centre_lock(centre_id)
    application = _locked(application_id)
    _check_visible(actor, application)
    free = beds_free_count(centre)
    if application.state == ResidenceState.REGISTERED and free >= application.persons_count \
            and role_may(actor, application, "reserve_enter"):
        raise ActionNotAllowed(_("Free beds: %(free)d; the family: %(persons)s. Issue the referral instead.")
                               % {"free": free, "persons": persons_label(application.persons_count)})
    application = case_transition(case=application, transition="reserve_enter", actor=actor,
                                  seen_version=seen_version, close=["consider"])
    reserve_allocate(centre=centre)  # a held bed may already be waiting for the head
    return application


@transaction.atomic
def application_refuse(*, application_id: int, actor, reason: str, seen_version: int | None = None):
    """The MIO refuses (e.g. the talon never came, or the head does not sign a prepared referral): its own
    step (RES-5/RES-6*) is closed, any other is
    cancelled; held beds go back to the reserve (RES-6)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason of the refusal.")})
    centre = centre_lock(ResidenceApplication.objects.values_list("centre_id", flat=True).get(pk=application_id))
    application = case_transition(case=_locked(application_id), transition="refuse", actor=actor, comment=reason,
                                  seen_version=seen_version, kwargs={"reason": reason}, close=MIO_STEPS)
    deadline_cancel(case=application)
    beds_release(application=application)
    reserve_allocate(centre=centre)
    return application


# --- RES-7: check-in and lapse -----------------------------------------------------------------------
@transaction.atomic
def check_in(*, application_id: int, actor, house_rules_acknowledged: bool,
             seen_version: int | None = None) -> ResidenceApplication:
    """RES-7: check-in within 3 calendar days of receiving the referral; RES-8 house rules and bedding;
    RES-10 the residence end date (min of status end and 6 months) becomes the centre's deadline."""
    centre = centre_lock(ResidenceApplication.objects.values_list("centre_id", flat=True).get(pk=application_id))
    application = _locked(application_id)
    if not house_rules_acknowledged:
        raise ValidationError({"house_rules_acknowledged": _(
            "The residents acknowledge the house rules at check-in (RES-8).")})
    today = timezone.localdate()
    ends_on = residence_end_date(checked_in_on=today, status_until=application.applicant.kandas_status_until)
    application = case_transition(
        case=application, transition="check_in", actor=actor, seen_version=seen_version,
        kwargs={"on": today, "ends_on": ends_on}, close=["check_in"],
        open=[StepOpen("residence", centre.organisation, start=today, fixed_date=ends_on)])
    rows = list(application.persons.select_related("person"))
    beds_occupy(application=application, persons=[r.person for r in rows])
    application.persons.update(stay_state=StayState.RESIDING)
    ResidenceEvent.objects.bulk_create([
        ResidenceEvent(application=application, kind=kind, person=r.person, on=today, recorded_by=actor)
        for r in rows for kind in (ResidenceEvent.Kind.HOUSE_RULES, ResidenceEvent.Kind.BEDDING_ISSUED)])
    return application


@transaction.atomic
def referral_lapse(*, application_id: int, today: datetime.date | None = None) -> ResidenceApplication | None:
    """RES-7: not checked in within 3 calendar days → not settled; held beds go to the reserve; the
    applicant keeps the right to apply again (a lapsed application is not 'open')."""
    today = today or timezone.localdate()
    centre = centre_lock(ResidenceApplication.objects.values_list("centre_id", flat=True).get(pk=application_id))
    application = _locked(application_id)
    if application.state != ResidenceState.REFERRED or application.check_in_last_day >= today:
        return None
    last_day = application.check_in_last_day
    # The family did not come: the centre's check-in step is cancelled (the centre missed nothing).
    application = case_transition_system(
        case=application, transition="lapse", cancel=["check_in"],
        message=text(gettext_noop("not checked in by %(day)s"), day=last_day))
    beds_release(application=application)
    reserve_allocate(centre=centre)
    message = text(gettext_noop("%(ref)s: the referral lapsed (no check-in by %(day)s); the beds are free again."),
                   ref=application.ref, day=last_day)
    for org_id in (application.organisation_id, centre.organisation_id):
        organisation_notify_on_commit(organisation=org_id, key=f"res-lapse:{application.pk}", message=message,
                                      link=application.get_absolute_url())
    return application
