from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .iin import IinError, iin_parse


class IinCheckView(APIView):
    """Validate an IIN as the user types: checksum, birth date and sex."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses=inline_serializer(
            "IinCheck",
            {
                "valid": serializers.BooleanField(),
                "birth_date": serializers.DateField(allow_null=True),
                "sex": serializers.ChoiceField(choices=["M", "F"], allow_null=True),
                "error": serializers.CharField(allow_null=True),
            },
        )
    )
    def get(self, request, iin: str):
        try:
            info = iin_parse(iin)
        except IinError as exc:
            return Response({"valid": False, "birth_date": None, "sex": None, "error": str(exc.message)})
        return Response({"valid": True, "birth_date": info.birth_date.isoformat(), "sex": info.sex, "error": None})
