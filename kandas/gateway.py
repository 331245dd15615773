"""GEN-2: one gateway to the state information systems.

Forms ask these questions instead of demanding paper; they ask for a document only where the answer is
empty. `LocalRegistryGateway` answers from kandas.StateRecord (seeded by the demo data and by tests); a
real e-government adapter implements the same methods and is named in settings (KANDAS_STATE_GATEWAY).
"""
from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy as _

# GEN-2 (000 app.2 p.6): the civil registry system (ИС «ЗАГС») holds the acts registered in Kazakhstan
# *after* these days; an act registered on the day itself, earlier, or abroad is asked for on paper.
CIVIL_REGISTRY_AFTER = {
    "birth": datetime.date(2007, 8, 13),
    "marriage": datetime.date(2008, 6, 1),
    "death": datetime.date(2008, 5, 1),  # deaths of children
}


def paper_needed(kind: str, registered_on: datetime.date | str | None, *, in_kazakhstan: bool = True) -> bool:
    """GEN-2: must the applicant bring a paper certificate of this civil act, or does ЗАГС answer for it?

    «по регистрациям, произведенным на территории Республики Казахстан после 13 августа 2007 года»: only
    acts registered in Kazakhstan strictly after the cut-off day are in the system. An unknown date or an
    act of a kind the registry does not cover needs paper."""
    if isinstance(registered_on, str):
        registered_on = datetime.date.fromisoformat(registered_on[:10]) if registered_on else None
    cutoff = CIVIL_REGISTRY_AFTER.get(kind)
    if cutoff is None or registered_on is None or not in_kazakhstan:
        return True
    return registered_on <= cutoff


@dataclass(frozen=True)
class IdentityRecord:
    iin: str
    surname: str
    given_name: str
    patronymic: str = ""
    birth_date: str | None = None
    sex: str | None = None
    citizenship: str = ""


@dataclass(frozen=True)
class RegistrationRecord:
    iin: str
    address: str
    kato: str  # locality or region KATO of permanent registration
    registered_since: str  # ISO date
    owns_housing_in_locality: bool = False


@dataclass(frozen=True)
class FamilyRecord:
    iin: str
    members: list[dict] = field(default_factory=list)  # {"iin", "kinship", "name", "birth_date"}


@dataclass(frozen=True)
class GuardianshipRecord:
    """Е-Попечительство: a decision establishing guardianship (опека, попечительство) over the person."""
    iin: str  # the ward
    guardian_iin: str = ""
    guardian_name: str = ""
    decision_number: str = ""
    decided_on: str = ""  # ISO date
    authority: str = ""


@dataclass(frozen=True)
class AdoptionRecord:
    """ИС «Верховный суд»: a court decision on the adoption of the person (a child)."""
    iin: str  # the adopted child
    adopter_iins: tuple[str, ...] = ()
    court: str = ""
    case_number: str = ""
    decided_on: str = ""  # ISO date


@dataclass(frozen=True)
class ConsentChallenge:
    """GEN-2 (002 app.2 p.8): a consent request on its way to the owner's phone."""
    request_id: int
    channel: str
    expires_at: datetime.datetime


class ConsentRefused(ValidationError):
    """The answer does not confirm the consent: wrong, expired, or after too many tries."""


class StateGateway(Protocol):
    def person(self, iin: str) -> IdentityRecord | None: ...
    def civil_acts(self, iin: str) -> list[dict]: ...
    def family(self, iin: str) -> FamilyRecord | None: ...
    def registration(self, iin: str) -> RegistrationRecord | None: ...
    def guardianship(self, iin: str) -> list[GuardianshipRecord]: ...
    def adoption(self, iin: str) -> list[AdoptionRecord]: ...
    def consent_request(self, iin: str, phone: str, *, channel: str = "sms_code",
                        person_id: int | None = None, actor=None) -> ConsentChallenge: ...
    def consent_confirm(self, request_id: int, answer: str) -> datetime.datetime: ...


class LocalRegistryGateway:
    """Development and tests: answers from the local StateRecord table."""

    def _payloads(self, iin: str, kind: str) -> list[dict]:
        from .models import StateRecord

        return list(StateRecord.objects.filter(iin=iin, kind=kind).values_list("payload", flat=True))

    def person(self, iin: str) -> IdentityRecord | None:
        rows = self._payloads(iin, "identity")
        if not rows:
            return None
        p = rows[0]
        return IdentityRecord(iin=iin, surname=p.get("surname", ""), given_name=p.get("given_name", ""),
                              patronymic=p.get("patronymic", ""), birth_date=p.get("birth_date"), sex=p.get("sex"),
                              citizenship=p.get("citizenship", ""))

    def civil_acts(self, iin: str) -> list[dict]:
        return self._payloads(iin, "civil_act")

    def family(self, iin: str) -> FamilyRecord | None:
        rows = self._payloads(iin, "family")
        return FamilyRecord(iin=iin, members=rows[0].get("members", [])) if rows else None

    def registration(self, iin: str) -> RegistrationRecord | None:
        rows = self._payloads(iin, "registration")
        if not rows:
            return None
        p = rows[0]
        return RegistrationRecord(iin=iin, address=p.get("address", ""), kato=p.get("kato", ""),
                                  registered_since=p.get("registered_since", ""),
                                  owns_housing_in_locality=bool(p.get("owns_housing_in_locality")))

    def guardianship(self, iin: str) -> list[GuardianshipRecord]:
        return [GuardianshipRecord(iin=iin, guardian_iin=p.get("guardian_iin", ""),
                                   guardian_name=p.get("guardian_name", ""),
                                   decision_number=p.get("decision_number", ""), decided_on=p.get("decided_on", ""),
                                   authority=p.get("authority", ""))
                for p in self._payloads(iin, "guardianship")]

    def adoption(self, iin: str) -> list[AdoptionRecord]:
        return [AdoptionRecord(iin=iin, adopter_iins=tuple(p.get("adopter_iins", ())), court=p.get("court", ""),
                               case_number=p.get("case_number", ""), decided_on=p.get("decided_on", ""))
                for p in self._payloads(iin, "adoption")]

    # The reply that agrees, in either language, for the text-reply channel.
    AGREE_REPLIES = {"да", "иә", "ия", "yes"}

    def consent_request(self, iin: str, phone: str, *, channel: str = "sms_code",
                        person_id: int | None = None, actor=None) -> ConsentChallenge:
        """"Sends" the message by storing it (kandas.DevelopmentMessage); keeps only the code's hash."""
        from .models import DevelopmentMessage, DigitalConsentRequest
        from .models.consent import DIGITAL_CONSENT_TTL_MINUTES

        code = f"{secrets.randbelow(10 ** 6):06d}" if channel == DigitalConsentRequest.Channel.SMS_CODE else ""
        # The owner reads the message before anyone knows their language: Kazakh, then Russian.
        texts = []
        for language in ("kk", "ru"):
            with translation.override(language):
                if code:
                    texts.append(gettext(
                        "%(code)s is your one-time password: tell it to the officer to agree to the use of your "
                        "digital documents. Valid %(minutes)s minutes.") % {
                        "code": code, "minutes": DIGITAL_CONSENT_TTL_MINUTES})
                else:
                    texts.append(gettext(
                        "The public service provider asks to use your digital documents. Reply «Иә» or «Да» to "
                        "agree. Valid %(minutes)s minutes.") % {"minutes": DIGITAL_CONSENT_TTL_MINUTES})
        text = " / ".join(texts)
        request = DigitalConsentRequest.objects.create(
            person_id=person_id, iin=iin, phone=phone, channel=channel,
            code_hash=make_password(code) if code else "",
            expires_at=timezone.now() + datetime.timedelta(minutes=DIGITAL_CONSENT_TTL_MINUTES), requested_by=actor)
        DevelopmentMessage.objects.create(consent_request=request, phone=phone, text=text, code=code)
        return ConsentChallenge(request_id=request.pk, channel=channel, expires_at=request.expires_at)

    def consent_confirm(self, request_id: int, answer: str) -> datetime.datetime:
        """The code the owner tells (or the reply they sent) against the request: confirmed_at, or
        ConsentRefused. A wrong answer is counted; the request ends when it expires or after
        DIGITAL_CONSENT_MAX_ATTEMPTS wrong answers."""
        # The counted wrong answer must outlive the refusal: decide inside the transaction, raise after it.
        with transaction.atomic():
            confirmed_at, refusal = self._consent_answer(request_id, answer)
        if refusal is not None:
            raise refusal
        return confirmed_at

    def _consent_answer(self, request_id: int, answer: str) -> tuple[datetime.datetime | None, ConsentRefused | None]:
        from .models import DigitalConsentRequest
        from .models.consent import DIGITAL_CONSENT_MAX_ATTEMPTS

        State = DigitalConsentRequest.State
        request = DigitalConsentRequest.objects.select_for_update().get(pk=request_id)
        if request.state == State.CONFIRMED:
            return request.confirmed_at, None
        if request.state == State.LOCKED:
            return None, ConsentRefused(_("Too many wrong answers: send a new request."), code="locked")
        if request.state == State.EXPIRED or request.is_expired:
            if request.state != State.EXPIRED:
                request.state = State.EXPIRED
                request.save(update_fields=["state"])
            return None, ConsentRefused(_("The request has expired: send a new one."), code="expired")
        answer = (answer or "").strip()
        if request.channel == DigitalConsentRequest.Channel.SMS_CODE:
            right = bool(answer) and check_password(answer, request.code_hash)
        else:
            right = answer.strip(" .!«»\"'").lower() in self.AGREE_REPLIES
        if not right:
            request.attempts += 1
            if request.attempts >= DIGITAL_CONSENT_MAX_ATTEMPTS:
                request.state = State.LOCKED
            request.save(update_fields=["attempts", "state"])
            if request.state == State.LOCKED:
                return None, ConsentRefused(_("Too many wrong answers: send a new request."), code="locked")
            return None, ConsentRefused(
                _("The answer does not confirm the consent (%(left)s tries left)."), code="wrong",
                params={"left": DIGITAL_CONSENT_MAX_ATTEMPTS - request.attempts})
        request.state, request.confirmed_at = State.CONFIRMED, timezone.now()
        request.save(update_fields=["state", "confirmed_at"])
        return request.confirmed_at, None


def state_gateway() -> StateGateway:
    return import_string(getattr(settings, "KANDAS_STATE_GATEWAY", "kandas.gateway.LocalRegistryGateway"))()
