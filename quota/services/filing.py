"""Filing and acceptance of quota applications (QUO-1…QUO-4, QUO-6; GEN-2…GEN-4)."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _, gettext_noop

from kandas.deadlines import deadline_cancel, deadline_due, deadline_open
from kandas.filing import FilingService, filing_ensure, open_case_refuse
from kandas.gateway import state_gateway
from kandas.models import Consent, KINSHIP_BY_SERVICE, Locality, Organisation, Person, Region
from kandas.scoping import user_organisation
from kandas.selectors import organisation_of
from kandas.signing import signature_create
from kandas.texts import text, text_render
from kandas.transitions import StepOpen, case_event_log, case_transition
from kandas.workdays import WorkCalendar

from ..models import (AppState, ApplicantNotice, ApplicationDocumentNote, ApplicationMember, Channel,
                      EligibilityBasis, QuotaApplication, QuotaKind, SettlerApplicationPeriod)
from ..rules import QUOTA_RULES, VERSION_FLAGS, version_flag
from .notices import applicant_notice_send, refusal_to_accept_message


# Closed for good: a new application of the same kind may follow.
CLOSED_STATES = (AppState.REFUSED_TO_ACCEPT, AppState.INCLUDED, AppState.REFUSED)


@dataclass
class MemberInput:
    person_id: int
    kinship: str
    included: bool = True


@dataclass
class DocumentInput:
    kind: str
    title: str
    valid_until: datetime.date | None = None


def _region_of_kato(kato: str) -> Region | None:
    return Region.objects.filter(kato__startswith=(kato or "")[:2]).first() if kato else None


_CHILD_KINSHIPS = {"son", "daughter", "adopted_child"}
WIDOW_CHILD_ANSWERS = ("common", "born_kz")  # a common child / born in Kazakhstan before the parents' citizenship


def _kandas_eligibility(*, applicant: Person, basis: str, widow_of: Person | None, on: datetime.date,
                        members=(), answers: dict | None = None) -> tuple[dict, dict]:
    """QUO-1 (p.3): not included before, and one of: kandas status obtained under condition 9.1) of the status
    rules; a widow of a kandas who came after inclusion in a quota, with her common children and/or children
    born in Kazakhstan before the parents got citizenship; a kandas living in Kazakhstan.

    What the registry knows is checked (status on the day, an earlier inclusion, the late spouse's inclusion,
    a child named in the late spouse's family); what it does not record — the condition under which the status
    was obtained, the children's basis — is asked, and the explicit answers are kept on the application.
    Returns the check's note (a stored text) and the answers recorded."""
    from kandas.models import FamilyMember

    answers = dict(answers or {})
    if applicant.quota_included_on:
        raise ValidationError({"applicant": _("Already included in a regional quota on %(day)s (QUO-1).") % {
            "day": applicant.quota_included_on.strftime("%d.%m.%Y")}})
    if basis == EligibilityBasis.WIDOW:
        if widow_of is None or not widow_of.quota_included_on:
            raise ValidationError({"widow_of": _("Name the late spouse who was included in a regional quota.")})
        given = {str(k): v for k, v in (answers.get("children") or {}).items()}
        registry_children = set(FamilyMember.objects.filter(
            family__applicant=widow_of, kinship__in=_CHILD_KINSHIPS).values_list("person_id", flat=True))
        children = {}
        for m in members:
            if m.kinship not in _CHILD_KINSHIPS:
                raise ValidationError({"members": _("A widow's application includes only her children (QUO-1).")})
            if m.person_id in registry_children:
                children[str(m.person_id)] = {"answer": "common", "source": "registry"}
            elif given.get(str(m.person_id)) in WIDOW_CHILD_ANSWERS:
                children[str(m.person_id)] = {"answer": given[str(m.person_id)], "source": "applicant"}
            else:
                raise ValidationError({"widow_children": _(
                    "The registry does not show this child in the late spouse's family: state whether it is a "
                    "common child or was born in Kazakhstan before the parents got citizenship (QUO-1).")})
        recorded = {"children": children}
        return text(gettext_noop("Widow of %(name)s, included in a quota on %(day)s; children: %(n)s common or born "
                                 "in Kazakhstan before citizenship."), name=widow_of.full_name,
                    day=widow_of.quota_included_on, n=len(children)), recorded
    if not applicant.has_kandas_status_on(on):
        raise ValidationError({"applicant": _("The applicant holds no kandas status on %(day)s (QUO-1).") % {
            "day": on.strftime("%d.%m.%Y")}})
    if basis == EligibilityBasis.STATUS_9_1:
        if answers.get("status_9_1") is not True:
            raise ValidationError({"status_9_1": _(
                "Confirm from the status decision that the kandas status was obtained under condition 9.1) of the "
                "status rules; otherwise choose another basis (QUO-1).")})
        return text(gettext_noop("Kandas status since %(since)s, obtained under condition 9.1) of the status rules "
                                 "(confirmed at filing); not included in a quota before."),
                    since=applicant.kandas_status_since), {"status_9_1": True}
    return text(gettext_noop("Kandas status since %(since)s; not included in a quota before."),
                since=applicant.kandas_status_since), {}


def _settler_eligibility(*, applicant: Person, on: datetime.date, job_seeker_on, category: str):
    """QUO-6 (p.14): citizen of Kazakhstan, job seeker / unemployed, ≥ 1 year registered in a region of exit."""
    gateway = state_gateway()
    identity = gateway.person(applicant.iin) if applicant.iin else None
    citizenship = (identity.citizenship if identity else "") or applicant.citizenship
    errors = {}
    if citizenship.upper() not in ("KZ", "KAZ", "КАЗАХСТАН", "ҚАЗАҚСТАН"):
        errors["applicant"] = _("Only citizens of Kazakhstan may apply for the settlers quota (QUO-6).")
    if not job_seeker_on:
        errors["job_seeker_registered_on"] = _("The applicant must be registered as a job seeker or unemployed.")
    if not category:
        errors["employment_category"] = _("Choose the employment category.")
    registration = gateway.registration(applicant.iin) if applicant.iin else None
    exit_region = _region_of_kato(registration.kato) if registration else None
    if registration is None or exit_region is None or not exit_region.is_exit_region:
        errors.setdefault("applicant", _("No permanent registration in a region of exit (state systems)."))
    else:
        since = datetime.date.fromisoformat(registration.registered_since)
        try:
            one_year_before = on.replace(year=on.year - 1)
        except ValueError:
            one_year_before = on.replace(year=on.year - 1, day=28)
        if since > one_year_before:
            errors.setdefault("applicant", _("Registered in the region of exit only since %(since)s: at least one "
                                             "year is required.") % {"since": since.strftime("%d.%m.%Y")})
    period = SettlerApplicationPeriod.in_force_on(on)
    if period is not None and not period.contains(on):
        # QUO-6 (002 p.14): settlers apply within the period of p.12 sub.4 of the voluntary relocation rules.
        errors.setdefault(NON_FIELD_ERRORS, _(
            "Settlers apply within the period %(period)s (%(source)s); %(day)s is outside it (QUO-6).") % {
            "period": str(period), "source": period.source, "day": on.strftime("%d.%m.%Y")})
    if errors:
        raise ValidationError(errors)
    return exit_region, registration


@transaction.atomic
def application_file(
    *, actor, kind: str, channel: str, applicant_id: int, region_id: int, consent: bool,
    members: list[MemberInput] = (), documents: list[DocumentInput] = (), filed_on: datetime.date | None = None,
    eligibility_basis: str = "", widow_of_id: int | None = None, employment_category: str = "",
    job_seeker_registered_on: datetime.date | None = None, address: str = "", eds_signed: bool = False,
    locality_id: int | None = None, eligibility_answers: dict | None = None,
) -> QuotaApplication:
    """QUO-2 / QUO-6: file an application (app.1 kandas / app.6 settlers) by any channel (GEN-4 home visit)."""
    filed_on = filed_on or timezone.localdate()
    region = Region.objects.get(pk=region_id)
    # Decision 18: the provider is the MIO of the settlement region (002 p.10); filers may file there from
    # any region, the MIO's own staff only in their region.
    filing_ensure(actor, service=FilingService.QUOTA, provider_region=region)
    # The applicant row is locked: two filings at once queue here, and the second sees the first.
    applicant = Person.objects.select_for_update().get(pk=applicant_id)
    if not consent:  # GEN-3
        raise ValidationError({"consent": _("Consent to the processing of personal data is required.")})
    if not region.is_settlement_region:
        raise ValidationError({"region": _("This region is not designated for settlement within quotas.")})
    locality = None
    if locality_id is not None:  # QUO-10: the district or city offered must lie inside the region
        locality = Locality.objects.filter(pk=locality_id).first()
        if locality is None or locality.region_id != region.pk:
            raise ValidationError({"locality": _("This district or city is not inside the region of settlement.")})
    allowed = KINSHIP_BY_SERVICE["quota"]
    for m in members:
        if m.kinship not in allowed:
            raise ValidationError({"members": _("This degree of kinship cannot be included in a quota application.")})
    # One open application per person and kind (issue 14); a refusal to accept or a decision closes it.
    open_case_refuse(actor, service=FilingService.QUOTA, open_case=QuotaApplication.objects.filter(
        applicant=applicant, kind=kind).exclude(state__in=CLOSED_STATES).order_by("pk").first())
    version = QUOTA_RULES.version_on(filed_on).code
    exit_region = registration = None
    recorded_answers = {}
    if kind == QuotaKind.KANDAS:
        widow_of = Person.objects.filter(pk=widow_of_id).first() if widow_of_id else None
        basis = eligibility_basis or EligibilityBasis.STATUS_9_1
        note, recorded_answers = _kandas_eligibility(applicant=applicant, basis=basis, widow_of=widow_of,
                                                     on=filed_on, members=members, answers=eligibility_answers)
        registration = state_gateway().registration(applicant.iin) if applicant.iin else None  # GEN-2, p.5
        if basis == EligibilityBasis.RESIDENT and registration is None:
            # QUO-1: "living in Kazakhstan" is what the state systems' permanent registration shows.
            raise ValidationError({"applicant": _("No permanent registration in Kazakhstan in the state systems: "
                                                  "the applicant cannot apply as a kandas living in Kazakhstan.")})
    else:
        basis = ""
        exit_region, registration = _settler_eligibility(applicant=applicant, on=filed_on,
                                                         job_seeker_on=job_seeker_registered_on,
                                                         category=employment_category)
        note = text(gettext_noop("Citizen of Kazakhstan, job seeker since %(js)s, registered in %(region)s since "
                                 "%(since)s."), js=job_seeker_registered_on, region=str(exit_region),
                    since=datetime.date.fromisoformat(registration.registered_since))
        if (VERSION_FLAGS[version]["settler_portal_eds"] and channel in (Channel.PORTAL, Channel.EGOV)
                and not eds_signed):
            raise ValidationError({"eds_signed": _("A web-portal application must be signed with an EDS.")})
    mio = organisation_of(kind=Organisation.Kind.MIO, region=region)
    if mio is None:
        raise ValidationError({"region": _("No local executive body is set up for this region.")})
    app = QuotaApplication.objects.create(
        kind=kind, channel=channel, applicant=applicant, region=region, organisation=mio, filed_on=filed_on,
        exit_region=exit_region, address=address or applicant.address, eligibility_basis=basis, locality=locality,
        widow_of_id=widow_of_id if kind == QuotaKind.KANDAS else None, eligibility_note=_plain([note])[0], eligibility_message=note,
        employment_category=employment_category, job_seeker_registered_on=job_seeker_registered_on,
        registration_address=registration.address if registration else "",
        registration_since=datetime.date.fromisoformat(registration.registered_since)
        if registration and registration.registered_since else None,
        owns_housing=registration.owns_housing_in_locality if registration else None,
        consent_given=True, eds_signed=eds_signed, created_by=actor, eligibility_answers=recorded_answers,
        filed_by_organisation=user_organisation(actor),
    )
    if channel in (Channel.PORTAL, Channel.EGOV):
        # QUO-4: a portal application is registered on the day it arrives.
        app.incoming_number = app.ref
        app.save(update_fields=["incoming_number"])
    ApplicationMember.objects.bulk_create([ApplicationMember(application=app, person_id=m.person_id,
                                                             kinship=m.kinship, included=m.included)
                                           for m in members])
    ApplicationDocumentNote.objects.bulk_create([ApplicationDocumentNote(
        application=app, kind=d.kind, title=d.title, valid_until=d.valid_until, added_by=actor) for d in documents])
    Consent.objects.create(person=applicant, method=Consent.Method.EDS if eds_signed else Consent.Method.PAPER,
                           purpose=str(_("Inclusion in a regional quota")), taken_by=actor,
                           organisation=user_organisation(actor))
    case_event_log(case=app, event="file", actor=actor,
                   message=text(gettext_noop("Filed via %(channel)s"), channel=Channel(channel)))
    if eds_signed:
        signature_create(case=app, purpose="application", signer=actor)
    calendar = WorkCalendar.load()
    # The 14-day service term is the MIO's (the provider); each step is held by whoever works it.
    deadline_open(case=app, step="term", organisation=mio, start=filed_on, calendar=calendar)
    acceptor = _acceptor(app)
    if app.via_govcorp:
        # QUO-3 (p.6, p.14): at the State Corporation the check is done on the spot, the receipt handed over there.
        deadline_open(case=app, step="govcorp_check", organisation=acceptor, start=filed_on, fixed_date=filed_on,
                      calendar=calendar)
    elif kind == QuotaKind.KANDAS:
        # QUO-3 (p.8): a portal application: the provider notifies a refusal to accept within 1 working day.
        deadline_open(case=app, step="k_acceptance", organisation=acceptor, start=filed_on, calendar=calendar)
    else:
        if channel in (Channel.PORTAL, Channel.EGOV) and acceptor.kind == Organisation.Kind.CC:
            # QUO-6 (p.15): the career centre of the region of exit forwards within 1 working day ...
            deadline_open(case=app, step="s_cc_forward", organisation=acceptor, start=filed_on, calendar=calendar)
        # ... and the provider (the MIO) answers a refusal within 2 working days (QUO-3, p.15).
        deadline_open(case=app, step="s_acceptance", organisation=acceptor if acceptor.kind != "CC" else mio,
                      start=filed_on, calendar=calendar)
    return app


def _acceptor(app: QuotaApplication) -> Organisation:
    """Who checks completeness: the State Corporation for paper; for the portal the MIO (kandas) or the
    career centre of the region of exit (settlers, p.15 "Labour market" system)."""
    if app.via_govcorp:
        return organisation_of(kind=Organisation.Kind.GOVCORP, region=app.region) or app.organisation
    if app.is_settlers:
        return organisation_of(kind=Organisation.Kind.CC, region=app.exit_region) or app.organisation
    return app.organisation


def arrival_day(app: QuotaApplication) -> datetime.date:
    """The day the application arrives at the provider (келіп түскен күн, p.10, p.19): the State Corporation
    forwards it on the day it takes it (p.6, p.14), a portal application is registered on the day it arrives
    (p.9, p.15) — the filing day in every channel. The MIO's 6 (kandas) / 5 (settlers) working days count from
    it, not from the completeness check."""
    return app.filed_on


def settler_decision_day(app: QuotaApplication, calendar: WorkCalendar | None = None) -> datetime.date:
    """QUO-3 (p.15): the day the decision on inclusion falls due — the due date of the decision step. When
    the step is open that is its deadline; before (at acceptance) it is counted as the steps will run: the
    file to the employment commission within 5 working days of arrival (p.19), its recommendation within 3
    (p.20), the decision within 3 after it (p.22)."""
    due = deadline_due(case=app, step="decide")
    if due:
        return due
    from kandas.deadlines import deadline_compute

    calendar = calendar or WorkCalendar.load()
    day = arrival_day(app)
    for key in ("s_to_commission", "s_recommend", "decide"):
        day = deadline_compute(app.rules.step(key), day, calendar)[0]
    return day


def documents_refused(app: QuotaApplication, today: datetime.date) -> list[dict]:
    """QUO-3: expired documents (stored texts); from 2026 for settlers also those whose validity ends by the
    decision day (p.15; settler_decision_day — not the end of the 14-day service term)."""
    limit = today
    if app.is_settlers and version_flag(app, "refuse_documents_expiring_on_decision_day"):
        limit = max(settler_decision_day(app), today)
        out = [d for d in app.documents_presented.all() if d.valid_until and d.valid_until <= limit]
        return [text(gettext_noop("%(doc)s (validity ends %(day)s, by the decision day)"), doc=d.title,
                     day=d.valid_until) for d in out]
    out = [d for d in app.documents_presented.all() if d.valid_until and d.valid_until < limit]
    return [text(gettext_noop("%(doc)s (expired %(day)s)"), doc=d.title, day=d.valid_until) for d in out]


def _plain(items: list) -> list[str]:
    """The case's own list of missing documents, in the installation's language (printed on the receipt)."""
    with translation.override(settings.LANGUAGE_CODE):
        return [text_render(i) if isinstance(i, dict) else str(i) for i in items]


@transaction.atomic
def application_check_completeness(*, application_id: int, actor, missing: list[str] = (),
                                   seen_version: int | None = None, on: datetime.date | None = None
                                   ) -> QuotaApplication:
    """QUO-3: the completeness check → refusal-to-accept receipt (app.3 / app.8) or acceptance (app.7)."""
    on = on or timezone.localdate()
    app = QuotaApplication.objects.get(pk=application_id)
    refused = [m if isinstance(m, dict) else str(m) for m in missing] + documents_refused(app, on)
    key_accept = "govcorp_check" if app.via_govcorp else "s_acceptance" if app.is_settlers else "k_acceptance"
    # The acceptor holds the completeness check; for a settler's portal filing the career centre of the region
    # of exit forwards it (s_cc_forward) and may record the check too.
    if refused:
        app = case_transition(case=app, transition="refuse_to_accept", actor=actor, seen_version=seen_version,
                              kwargs={"missing": _plain(refused)}, close=[key_accept], holds=["s_cc_forward"], on=on,
                              message=text(gettext_noop("Missing or expired documents: %(docs)s"), docs=refused))
        applicant_notice_send(app=app, kind=ApplicantNotice.Kind.REFUSAL_TO_ACCEPT,
                              message=refusal_to_accept_message(app, refused), on=on)
        deadline_cancel(case=app, step="s_cc_forward")
        deadline_cancel(case=app, step="term")
        return app
    return case_transition(case=app, transition="accept", actor=actor, seen_version=seen_version,
                           kwargs={"on": on, "number": app.incoming_number or app.ref},
                           close=[key_accept, "s_cc_forward"], on=on,
                           # QUO-5 / QUO-6: counted from the day the application arrived (p.10, p.19)
                           open=[StepOpen("s_to_commission" if app.is_settlers else "k_to_commission",
                                          app.organisation, start=arrival_day(app))])


__all__ = ["DocumentInput", "MemberInput", "application_check_completeness", "application_file"]
