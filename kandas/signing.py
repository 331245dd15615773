"""Signatures over a canonical JSON snapshot of what was signed.

The signer is pluggable: `LocalKeySigner` (default) keeps an Ed25519 key pair per user, generated on
first use; a national EDS provider implements the same two methods and is named in settings
(KANDAS_SIGNER = "dotted.path.Class").
"""
from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.utils.module_loading import import_string

from .models import Signature, SigningKey
from .roles import user_roles
from .scoping import user_organisation


def canonical_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def digest_of(data) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


class LocalKeySigner:
    algorithm = "Ed25519"
    provider = "local"

    def _key(self, user) -> Ed25519PrivateKey:
        passphrase = settings.SIGNING_KEY_PASSPHRASE.encode()
        record = SigningKey.objects.filter(user=user).first()
        if record is None:
            key = Ed25519PrivateKey.generate()
            record = SigningKey.objects.create(
                user=user,
                public_pem=key.public_key().public_bytes(
                    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode(),
                private_pem=key.private_bytes(
                    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                    serialization.BestAvailableEncryption(passphrase)).decode(),
            )
            return key
        return serialization.load_pem_private_key(record.private_pem.encode(), password=passphrase)

    def sign(self, user, message: bytes) -> tuple[str, str]:
        key = self._key(user)
        public = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        return base64.b64encode(key.sign(message)).decode(), public

    def verify(self, public_pem: str, message: bytes, value: str) -> bool:
        key = serialization.load_pem_public_key(public_pem.encode())
        assert isinstance(key, Ed25519PublicKey)
        try:
            key.verify(base64.b64decode(value), message)
        except InvalidSignature:
            return False
        return True


def signer_get():
    path = getattr(settings, "KANDAS_SIGNER", "kandas.signing.LocalKeySigner")
    return import_string(path)()


def signature_create(*, case, purpose: str, signer, role: str = "") -> Signature:
    """Sign the case's snapshot for `purpose` (inside the caller's transaction)."""
    snapshot = case.signature_snapshot(purpose)
    backend = signer_get()
    digest = digest_of(snapshot)
    value, public_key = backend.sign(signer, digest.encode())
    return Signature.objects.create(
        case=case, purpose=purpose, signer=signer, role=role or ",".join(sorted(user_roles(signer))),
        organisation=user_organisation(signer), snapshot=snapshot, digest=digest, value=value,
        public_key=public_key, algorithm=backend.algorithm, provider=backend.provider,
    )


@dataclass(frozen=True)
class Verification:
    signature_valid: bool  # the stored value matches the stored digest and the signer's key
    record_unchanged: bool  # the record today gives the same snapshot as when it was signed
    current_digest: str

    @property
    def ok(self) -> bool:
        return self.signature_valid and self.record_unchanged


def signature_verify(signature: Signature) -> Verification:
    backend = signer_get()
    stored_ok = digest_of(signature.snapshot) == signature.digest and backend.verify(
        signature.public_key, signature.digest.encode(), signature.value)
    model = signature.case_type.model_class()
    case = model.objects.filter(pk=signature.case_id).first()  # always re-read: never trust a cached copy
    current = digest_of(case.signature_snapshot(signature.purpose)) if case is not None else ""
    return Verification(signature_valid=stored_ok, record_unchanged=current == signature.digest,
                        current_digest=current)
