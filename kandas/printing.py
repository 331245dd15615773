"""The one gate in front of every printout that carries personal data (GEN-3): the reader's role must
give access to personal data, and every print leaves an access-log row."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import PersonalDataAccess
from .roles import user_may_see_personal_data
from .services import personal_data_access_log


def print_gate(*, user, person, detail: str) -> None:
    """Refuse (403 with the reason) a reader who may not see personal data; log the print otherwise.

    `person` is the applicant the printout is about; `detail` says what was printed ("STA-2026-1 app.4")."""
    if not user_may_see_personal_data(user):  # the printouts carry IINs and dates of birth
        raise PermissionDenied(_("Your role does not give access to personal data."))
    if person is not None:
        personal_data_access_log(user=user, person=person, action=PersonalDataAccess.Action.PRINT, detail=detail)
