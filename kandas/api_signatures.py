"""GET /api/v1/signatures/<id>/verify — the verification page as JSON (public, like the page the QR
code of a printed decision opens): is the signature valid, and is the signed record unchanged?"""
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Signature
from .signing import signature_verify


class SignatureVerifyView(APIView):
    """Recompute the digest of the signed record now and compare it with the signed one."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []

    @extend_schema(responses=inline_serializer("SignatureVerification", {
        "id": serializers.UUIDField(),
        "valid": serializers.BooleanField(help_text="signature matches the signed digest and the signer's key"),
        "record_unchanged": serializers.BooleanField(help_text="the record today gives the signed digest"),
        "digest": serializers.CharField(),
        "current_digest": serializers.CharField(),
        "signer": serializers.CharField(),
        "role": serializers.CharField(),
        "organisation": serializers.CharField(allow_null=True),
        "purpose": serializers.CharField(),
        "signed_at": serializers.DateTimeField(),
        "algorithm": serializers.CharField(),
    }))
    def get(self, request, token):
        signature = get_object_or_404(Signature.objects.select_related("signer", "organisation"), token=token)
        result = signature_verify(signature)
        return Response({
            "id": str(signature.token),
            "valid": result.signature_valid,
            "record_unchanged": result.record_unchanged,
            "digest": signature.digest,
            "current_digest": result.current_digest,
            "signer": signature.signer.get_full_name() or signature.signer.username,
            "role": signature.role,
            "organisation": str(signature.organisation) if signature.organisation else None,
            "purpose": signature.purpose,
            "signed_at": signature.signed_at.isoformat(),
            "algorithm": signature.algorithm,
        })
