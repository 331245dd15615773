from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .iin import IinError, iin_parse
from .models import Sex


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
                "birth_date_display": serializers.CharField(allow_null=True, help_text="dd.mm.yyyy, as shown on screen"),
                "sex_display": serializers.CharField(allow_null=True, help_text="the sex in the user's language"),
            },
        )
    )
    def get(self, request, iin: str):
        try:
            info = iin_parse(iin)
        except IinError as exc:
            return Response({"valid": False, "birth_date": None, "sex": None, "error": str(exc.message),
                             "birth_date_display": None, "sex_display": None})
        return Response({"valid": True, "birth_date": info.birth_date.isoformat(), "sex": info.sex, "error": None,
                         "birth_date_display": info.birth_date.strftime("%d.%m.%Y"),
                         "sex_display": str(Sex(info.sex).label)})
