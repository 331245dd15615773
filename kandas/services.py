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
    person = Person(**data)
    person.full_clean()
    person.save()
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
