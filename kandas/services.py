"""Writes on the shared registry that other apps make (STYLE.md: apps talk through services)."""
import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .documents import document_check
from .models import Consent, Document, DocumentKind, Family, FamilyMember, Person, PersonalDataAccess
from .scoping import user_organisation


@transaction.atomic
def person_kandas_status_set(*, person_id: int, since: datetime.date | None, until: datetime.date | None) -> Person:
    """Record the kandas status period in the registry (status app: assignment, extension, expiry)."""
    person = Person.objects.select_for_update().get(pk=person_id)
    person.kandas_status_since, person.kandas_status_until = since, until
    person.save(update_fields=["kandas_status_since", "kandas_status_until"])
    return person


@transaction.atomic
def person_quota_included_set(*, person_id: int, on: datetime.date | None) -> Person:
    """Record inclusion in a regional quota (QUO-1: a person is included once)."""
    person = Person.objects.select_for_update().get(pk=person_id)
    person.quota_included_on = on
    person.save(update_fields=["quota_included_on"])
    return person


# --- Registry: persons, consent, families, documents (Foundation I) ---------------------------------------


def personal_data_access_log(*, user, person: Person, action: str = PersonalDataAccess.Action.VIEW,
                             detail: str = "") -> PersonalDataAccess:
    """GEN-3: every view of a person's personal data leaves a row: who, when, what."""
    return PersonalDataAccess.objects.create(user=user, person=person, action=action, detail=detail[:255])


def personal_data_access_log_many(*, user, persons, action: str = PersonalDataAccess.Action.VIEW,
                                  detail: str = "") -> None:
    """GEN-3: one row per person whose data a page showed (a family page shows every member), in one query."""
    PersonalDataAccess.objects.bulk_create([
        PersonalDataAccess(user=user, person=person, action=action, detail=detail[:255]) for person in persons])


@transaction.atomic
def consent_record(*, actor, person_id: int, method: str, purpose: str = "") -> Consent:
    """GEN-3: consent to the collection and processing of personal data, with who took it and when."""
    person = Person.objects.select_for_update().get(pk=person_id)
    return Consent.objects.create(person=person, method=method, purpose=purpose, taken_by=actor,
                                  organisation=user_organisation(actor))


@transaction.atomic
def consent_revoke(*, actor, consent_id: int) -> Consent:
    """GEN-3: the person withdraws consent; the record stays, marked revoked."""
    consent = Consent.objects.select_for_update().get(pk=consent_id)
    if consent.revoked_at is None:
        consent.revoked_at = timezone.now()
        consent.save(update_fields=["revoked_at"])
    return consent


@transaction.atomic
def person_create(*, actor, data: dict, consent_method: str, identity_file=None) -> Person:
    """Register a person with their consent (GEN-3); attach the identity scan when no state record exists (GEN-2)."""
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError

    person = Person(**data)
    # The unique IIN is the database's to decide: a form checked it, but a parallel registration may have
    # won since (issue 14); the loser gets the form's "already registered" answer, never a 500.
    person.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        if person.iin and Person.objects.filter(iin=person.iin).exists():
            raise ValidationError({"iin": ValidationError(_("A person with this IIN is already registered."),
                                                          code="duplicate")}) from None
        raise
    consent_record(actor=actor, person_id=person.pk, method=consent_method,
                   purpose=str(_("registration in the kandas registry")))
    if identity_file is not None:
        document_upload(actor=actor, person_id=person.pk, kind=DocumentKind.IDENTITY, file=identity_file)
    return person


@transaction.atomic
def person_update(*, actor, person_id: int, data: dict) -> Person:
    person = Person.objects.select_for_update().get(pk=person_id)
    for field, value in data.items():
        setattr(person, field, value)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def family_create(*, actor, applicant_id: int) -> Family:
    """A family headed by the applicant, kept in the applicant's region."""
    applicant = Person.objects.get(pk=applicant_id)
    return Family.objects.create(applicant=applicant, region=applicant.region, created_by=actor)


@transaction.atomic
def family_member_add(*, actor, family_id: int, person_id: int, kinship: str, is_married: bool = False,
                      lives_with_applicant: bool = True) -> FamilyMember:
    family = Family.objects.select_for_update().get(pk=family_id)
    member = FamilyMember(family=family, person_id=person_id, kinship=kinship, is_married=is_married,
                          lives_with_applicant=lives_with_applicant)
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def family_member_remove(*, actor, member_id: int) -> None:
    FamilyMember.objects.filter(pk=member_id).delete()


@transaction.atomic
def document_upload(*, actor, person_id: int, kind: str, file, number: str = "", issued_on=None,
                    valid_until=None, note: str = "", family_id: int | None = None) -> Document:
    """Store a typed scan within its type and size limits (kandas.documents)."""
    document_check(kind=kind, file=file)
    return Document.objects.create(
        person_id=person_id, family_id=family_id, kind=kind, file=file, original_name=file.name[:255],
        size=file.size, number=number, issued_on=issued_on, valid_until=valid_until, note=note, uploaded_by=actor)


REGISTRY_PERSON_FIELDS = ("surname", "given_name", "patronymic", "birth_date", "sex", "citizenship",
                          "country_of_exit", "address", "phone", "email", "birth_place")


@transaction.atomic
def person_get_or_create(*, iin: str | None = None, surname: str = "", given_name: str = "", region,
                         actor=None, **details) -> Person:
    """The registry person behind an application: the existing one for a known IIN, else a new row.

    The IIN is validated (kandas.iin); where the state persons database has a record (GEN-2) its names,
    birth date, sex and citizenship fill what the form left empty. Foreign applicants often have no IIN
    yet: they are added by name and date of birth. Raises ValidationError with field errors.

    Decision 18: an IIN of a person the filer may not see (another region) still names that one registry
    person (the provider needs it), but nothing the filer sent is written onto it and nothing of it is
    answered: callers show the filer only what it filed (see kandas.filing). Two filings of one new IIN at
    once create one person: the loser of the insert race gets the winner's row.
    """
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError

    from .gateway import state_gateway
    from .iin import IinError, iin_parse

    iin = (iin or "").strip() or None
    if iin:
        try:
            iin_parse(iin)
        except IinError as exc:
            raise ValidationError({"iin": exc.message}) from None
        existing = Person.objects.filter(iin=iin).first()
        if existing is not None:
            return existing
    data = {"surname": surname or "", "given_name": given_name or ""}
    data.update({k: v for k, v in details.items() if k in REGISTRY_PERSON_FIELDS and v is not None})
    record = state_gateway().person(iin) if iin else None
    if record is not None:
        for field in ("surname", "given_name", "patronymic", "sex", "citizenship"):
            if not data.get(field) and getattr(record, field, None):
                data[field] = getattr(record, field)
        if not data.get("birth_date") and record.birth_date:
            data["birth_date"] = datetime.date.fromisoformat(str(record.birth_date))
    person = Person(region=region, iin=iin, **data)
    # Uniqueness is the database's to decide (a check-then-insert loses races, issue 14).
    person.full_clean(exclude=["region"], validate_unique=False)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        existing = Person.objects.filter(iin=iin).first() if iin else None
        if existing is None:
            raise
        return existing
    return person


# --- GEN-2: consent to the use of digital documents (002 app.2 p.8) ----------------------------------------


@transaction.atomic
def digital_consent_request(*, actor, person_id: int, phone: str, channel: str = "sms_code"):
    """GEN-2 (002 app.2 p.8): ask the owner, through the gateway, to agree to the use of their digital
    documents: a one-time password to the phone, or a message to answer with a short text reply."""
    from django.core.exceptions import ValidationError

    from .gateway import state_gateway
    from .models import DigitalConsentRequest

    person = Person.objects.select_for_update().get(pk=person_id)
    phone = (phone or "").strip()
    if not person.iin:
        raise ValidationError(_("The person has no IIN: digital documents cannot be requested."))
    if not phone:
        raise ValidationError({"phone": _("Give the mobile number registered on the e-government portal.")})
    if channel not in DigitalConsentRequest.Channel.values:
        raise ValidationError({"channel": _("Choose how the consent is given.")})
    challenge = state_gateway().consent_request(person.iin, phone, channel=channel, person_id=person.pk, actor=actor)
    return DigitalConsentRequest.objects.get(pk=challenge.request_id)


def digital_consent_confirm(*, actor, request_id: int, answer: str):
    """GEN-2 (002 app.2 p.8): the code the owner tells the officer, or the text they replied, confirms the
    request; a wrong answer is counted, an expired or exhausted request is refused (gateway.ConsentRefused).
    Not atomic on purpose: the gateway keeps the counted wrong answer even though it raises."""
    from .gateway import state_gateway
    from .models import DigitalConsentRequest

    state_gateway().consent_confirm(request_id, answer)
    return DigitalConsentRequest.objects.get(pk=request_id)
