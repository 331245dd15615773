"""STA-1 / STA-2 / STA-8 intake: applications arrive, documents are checked, nothing is lost (GEN-2, GEN-3)."""
import datetime

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_noop

from kandas.actions import case_action_ensure
from kandas.deadlines import deadline_open
from kandas.documents import document_check
from kandas.filing import FilingService, filing_ensure, open_case_refuse
from kandas.gateway import state_gateway
from kandas.models import Consent, Document, DocumentKind, Person
from kandas.roles import Role, user_has_role
from kandas.scoping import user_organisation
from kandas.selectors import organisation_of, person_consent_active
from kandas.services import person_get_or_create
from kandas.texts import text
from kandas.transitions import case_event_log
from kandas.workdays import WorkCalendar

from ..models import (ASSIGNMENT_CHANNELS, EXTENSION_CHANNELS, ApplicantNotice, ApplicationState, Channel,
                      ExtensionState, StatusApplication, StatusApplicationMember, StatusExtension, SubType)
from ..rules import EXTENSION_MAX_MONTHS
from .notices import notice_record

# Decided for good: a new application may follow (a second one while these are open is refused).
CLOSED_STATES = (ApplicationState.ASSIGNED, ApplicationState.REFUSED, ApplicationState.EXPIRED)

PERSON_FIELDS = ("iin", "surname", "given_name", "patronymic", "birth_date", "sex", "citizenship",
                 "country_of_exit", "address", "phone", "email", "birth_place")


def person_for_application(*, data: dict | Person, region, actor=None) -> Person:
    """The registry person behind an application (kandas.services.person_get_or_create, GEN-2)."""
    if isinstance(data, Person):
        return data
    fields = {k: v for k, v in data.items() if k in PERSON_FIELDS}
    return person_get_or_create(region=region, actor=actor, **fields)


NAME_FIELDS = ("surname", "given_name", "patronymic")


def _norm(value) -> str:
    return " ".join(str(value or "").split()).casefold()


def name_against_registry(data: dict | Person) -> tuple[dict, dict] | None:
    """GEN-2: (typed, registry) names when the typed name contradicts ГБД ФЛ for a new person's IIN, else None.

    A person already in the registry is the registry's (person_get_or_create); an empty typed field is no
    contradiction (the registry fills it)."""
    if isinstance(data, Person) or not data.get("iin") or Person.objects.filter(iin=data["iin"]).exists():
        return None
    record = state_gateway().person(data["iin"])
    if record is None:
        return None
    typed = {f: (data.get(f) or "").strip() for f in NAME_FIELDS}
    registry = {f: getattr(record, f, "") or "" for f in NAME_FIELDS}
    if any(typed[f] and _norm(typed[f]) != _norm(registry[f]) for f in NAME_FIELDS):
        return typed, registry
    return None


def _full(names: dict) -> str:
    return " ".join(names[f] for f in NAME_FIELDS if names.get(f))


def documents_check(application: StatusApplication) -> tuple[list[dict], list[dict]]:
    """STA-1 completeness with GEN-2: identity comes from the persons database where a record exists.

    Returns (missing, confirmed_from_registry), each a list of {"kind", "person_id", "person"}.
    """
    ct = ContentType.objects.get_for_model(application)
    have = set(Document.objects.filter(case_type=ct, case_id=application.pk).values_list("person_id", "kind"))
    gateway = state_gateway()
    applicant = application.applicant
    people = [applicant] + [m.person for m in application.members.select_related("person")]
    missing, confirmed = [], []

    def row(kind, person):
        return {"kind": kind, "person_id": person.pk, "person": person.full_name}

    if (applicant.pk, DocumentKind.AUTOBIOGRAPHY) not in have:
        missing.append(row(DocumentKind.AUTOBIOGRAPHY, applicant))
    kept = set(application.name_kept_for or [])
    for person in people:
        # GEN-2: a name kept as written in a document against ГБД ФЛ is not "confirmed from state systems".
        if person.iin and person.pk not in kept and gateway.person(person.iin) is not None:
            confirmed.append(row(DocumentKind.IDENTITY, person))
        elif (person.pk, DocumentKind.IDENTITY) not in have:
            missing.append(row(DocumentKind.IDENTITY, person))
    # app.2 p.8: proof of nationality only when the nationality commission has not recommended the applicant.
    if not application.nationality_recommendation and (applicant.pk, DocumentKind.NATIONALITY) not in have:
        missing.append(row(DocumentKind.NATIONALITY, applicant))
    return missing, confirmed


def _documents_recheck(application: StatusApplication) -> StatusApplication:
    missing, confirmed = documents_check(application)
    StatusApplication.objects.filter(pk=application.pk).update(missing_documents=missing,
                                                               registry_confirmed=confirmed)
    return StatusApplication.objects.get(pk=application.pk)


def _document_create(*, actor, case, person, kind, number="", file=None, note="") -> Document:
    if file:  # type, size and content checked like every upload (kandas.documents); else nothing is saved
        document_check(kind=kind, file=file)
    return Document.objects.create(
        person=person, case=case, kind=kind, number=number, file=file or "", note=note, uploaded_by=actor,
        original_name=getattr(file, "name", "") or "", size=getattr(file, "size", 0) or 0)


@transaction.atomic
def application_submit(*, actor, sub_type: str, channel: str, region, applicant: dict | Person,
                       members: list[tuple[dict | Person, str]] = (), settlement_region=None,
                       consent_method: str | None = None, documents: list[dict] = (),
                       nationality_recommendation: bool = False, filed_on: datetime.date | None = None,
                       external_id: str = "", keep_document_name: bool = False,
                       name_reason: str = "") -> StatusApplication:
    """STA-1: register an application for kandas status (app.1) with its family and documents.

    STA-2: the applicant is notified of the registration (app.3) and the 30-working-day term starts
    (STA-5). Missing documents are recorded and named back; the application is kept either way.

    GEN-2: a typed name that contradicts ГБД ФЛ for the applicant's IIN is replaced by the registry's,
    unless the name is explicitly kept as written in the presented document, with a reason (logged).
    """
    errors = {}
    mismatch = name_against_registry(applicant)
    if mismatch and keep_document_name and not name_reason.strip():
        errors["name_reason"] = _("Say why the name is kept as written in the presented document.")
    if channel not in ASSIGNMENT_CHANNELS:
        errors["channel"] = _("An application for status cannot be filed through this channel.")
    if sub_type == SubType.MISSION:
        if settlement_region is None:
            errors["settlement_region"] = _("The foreign-mission path needs the settlement region named in the decision.")
        else:
            region = settlement_region  # the MIO of the settlement region gives its consent
    mio = organisation_of(kind="MIO", region=region) if region else None
    if mio is None:
        errors["region"] = _("No local executive body serves this region.")
    if errors:
        raise ValidationError(errors)
    # Decision 18: the provider is the MIO of the applicant's region (the mission path: of the settlement
    # region named); filers may file there from any region, the MIO's own staff only in their region.
    filing_ensure(actor, service=FilingService.STATUS, provider_region=region)
    if mismatch and not keep_document_name:
        applicant = {**applicant, **{f: v for f, v in mismatch[1].items() if v}}
    person = person_for_application(data=applicant, region=region, actor=actor)
    # One open application per person and sub-type: the person row is locked, so two filings at once queue
    # here and the second sees the first (issue 14).
    Person.objects.select_for_update().filter(pk=person.pk).first()
    open_case_refuse(actor, service=FilingService.STATUS, open_case=StatusApplication.objects.filter(
        applicant=person, sub_type=sub_type).exclude(state__in=CLOSED_STATES).order_by("pk").first())
    consent = None
    if consent_method:
        consent = Consent.objects.create(person=person, method=consent_method, taken_by=actor,
                                         purpose=_("Assignment of kandas status"), organisation=user_organisation(actor))
    application = StatusApplication.objects.create(
        region=region, organisation=mio, filed_on=filed_on or timezone.localdate(), created_by=actor,
        sub_type=sub_type, channel=channel, applicant=person, settlement_region=settlement_region,
        filed_by_organisation=user_organisation(actor), consent=consent, external_id=external_id,
        nationality_recommendation=nationality_recommendation,
        submitted_by=actor if _is_api(actor) else None,
    )
    holders = {person.iin: person} if person.iin else {}
    for data, kinship in members:
        member = person_for_application(data=data, region=region, actor=actor)
        StatusApplicationMember.objects.create(application=application, person=member, kinship=kinship)
        if member.iin:
            holders[member.iin] = member
    for doc in documents:
        holder = holders.get(doc.get("holder_iin") or "", person)
        _document_create(actor=actor, case=application, person=holder, kind=doc["kind"],
                         number=doc.get("number", ""), file=doc.get("file"))
    case_event_log(case=application, event="submit", actor=actor,
                   message=text(gettext_noop("Filed via: %(channel)s"), channel=Channel(application.channel)))
    if mismatch and keep_document_name:
        StatusApplication.objects.filter(pk=application.pk).update(name_kept_for=[person.pk])
        application.name_kept_for = [person.pk]
        case_event_log(case=application, event="name_kept", actor=actor, comment=name_reason.strip(), message=text(
            gettext_noop("GEN-2: the name is kept as written in the presented document (%(typed)s); the persons "
                         "database has %(registry)s for IIN %(iin)s."),
            typed=_full(mismatch[0]), registry=_full(mismatch[1]), iin=person.iin))
    elif mismatch:
        case_event_log(case=application, event="name_from_registry", actor=actor, message=text(
            gettext_noop("GEN-2: the name typed (%(typed)s) differs from the persons database; its name %(registry)s "
                         "is used for IIN %(iin)s."),
            typed=_full(mismatch[0]), registry=_full(mismatch[1]), iin=person.iin))
    # STA-5: the MIO holds the 30-working-day decision term from the day of registration.
    deadline_open(case=application, step="term", organisation=mio, start=application.filed_on)
    # STA-3 (p.9): the commission's 3 working days run "after the day the application arrives" — from
    # registration, not from the MIO's forwarding (else nothing bounds the gap). The region's commission for
    # kandas holds the step; the MIO still sends the file (send_to_commission acts on no step).
    commission = organisation_of(kind="KCOM", region=region)
    if commission is not None:
        deadline_open(case=application, step="commission", organisation=commission, start=application.filed_on)
    application = _documents_recheck(application)
    # STA-2 (p.4): the registration notice (app.3) goes back through the channel of filing.
    notice_record(case=application, kind=ApplicantNotice.Kind.REGISTRATION, channel=application.channel,
                  message=text(gettext_noop("Your application %(ref)s for kandas status was registered on %(day)s "
                                            "by %(mio)s."), ref=application.ref, day=application.filed_on,
                               mio=mio))
    return application


def _is_api(actor) -> bool:
    return user_has_role(actor, Role.API_CLIENT) and not actor.is_superuser


@transaction.atomic
def application_document_attach(*, actor, application_id: int, person_id: int, kind: str, file=None,
                                number: str = "") -> StatusApplication:
    """STA-1: add a missing document later; the completeness check is re-run and nothing else changes."""
    application = StatusApplication.objects.select_for_update().get(pk=application_id)
    case_action_ensure(actor, application, "attach_document")
    people = {application.applicant_id} | set(application.members.values_list("person_id", flat=True))
    if person_id not in people:
        raise ValidationError({"person": _("This person is not named in the application.")})
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Unknown kind of document.")})
    _document_create(actor=actor, case=application, person=Person.objects.get(pk=person_id), kind=kind,
                     number=number, file=file)
    return _documents_recheck(application)


CONSENT_ON_PERSON_PAGE = "person"


@transaction.atomic
def application_consent_record(*, actor, application_id: int, method: str) -> StatusApplication:
    """GEN-3: consent given after registration is recorded on the case (who, when, how), or the consent
    already recorded on the person's page is attached; the assignment then becomes possible."""
    application = StatusApplication.objects.select_for_update().select_related("applicant").get(pk=application_id)
    case_action_ensure(actor, application, "record_consent")
    if method == CONSENT_ON_PERSON_PAGE:
        consent = person_consent_active(person=application.applicant)
        if consent is None:
            raise ValidationError({"method": _("No consent is recorded on the person's page: record it here.")})
    elif method in Consent.Method.values:
        consent = Consent.objects.create(person=application.applicant, method=method, taken_by=actor,
                                         purpose=_("Assignment of kandas status"),
                                         organisation=user_organisation(actor))
    else:
        raise ValidationError({"method": _("Choose how the consent was given.")})
    StatusApplication.objects.filter(pk=application.pk).update(consent=consent)
    case_event_log(case=application, event="record_consent", actor=actor, message=text(
        gettext_noop("Consent to personal data processing recorded: %(method)s, given %(when)s, taken by %(who)s."),
        method=Consent.Method(consent.method), when=timezone.localtime(consent.given_at),
        who=consent.taken_by.get_full_name() or consent.taken_by.username))
    return StatusApplication.objects.get(pk=application.pk)


@transaction.atomic
def extension_submit(*, actor, application_id: int, channel: str, requested_until: datetime.date, reason: str = "",
                     filed_on: datetime.date | None = None) -> StatusExtension:
    """STA-8: an extension application (app.6); the MIO decides within 2 working days, service term 3.

    A second extension is refused here with the reason: p.19 allows one extension only.
    """
    filed_on = filed_on or timezone.localdate()
    application = StatusApplication.objects.select_for_update().select_related("applicant").get(pk=application_id)
    case_action_ensure(actor, application, "file_extension")
    if channel not in EXTENSION_CHANNELS:
        raise ValidationError({"channel": _("An extension is filed with the MIO or the State Corporation.")})
    done = application.extensions.filter(state=ExtensionState.EXTENDED).first()
    if done is not None:
        raise ValidationError(_("The status was already extended once (decision %(ref)s, until %(until)s): "
                                "p.19 of the rules allows a single extension, for not more than six months.") % {
            "ref": done.ref, "until": done.extended_until.strftime("%d.%m.%Y")})
    if application.extensions.exclude(state__in=[ExtensionState.EXTENDED, ExtensionState.REFUSED]).exists():
        raise ValidationError(_("An extension application for this status is already under consideration."))
    if application.state != ApplicationState.ASSIGNED or not application.status_until \
            or application.status_until < filed_on:
        raise ValidationError(_("Only a status in force can be extended."))
    limit = application.status_until + relativedelta(months=EXTENSION_MAX_MONTHS)
    if not application.status_until < requested_until <= limit:
        raise ValidationError({"requested_until": _(
            "An extension runs from the current expiry %(until)s for not more than six months (to %(limit)s).") % {
            "until": application.status_until.strftime("%d.%m.%Y"), "limit": limit.strftime("%d.%m.%Y")}})
    extension = StatusExtension.objects.create(
        region=application.region, organisation=application.organisation, filed_on=filed_on, created_by=actor,
        application=application, applicant=application.applicant, channel=channel, reason=reason,
        filed_by_organisation=user_organisation(actor), current_until=application.status_until,
        requested_until=requested_until, submitted_by=actor if _is_api(actor) else None)
    case_event_log(case=extension, event="submit", actor=actor, comment=reason,
                   message=text(gettext_noop("Filed via: %(channel)s"), channel=Channel(channel)))
    calendar = WorkCalendar.load()
    # STA-8: the MIO that assigned the status decides (2 working days) within the 3-day service term.
    for step in ("extension_decision", "extension_term"):
        deadline_open(case=extension, step=step, organisation=application.organisation, start=filed_on,
                      calendar=calendar)
    return extension
