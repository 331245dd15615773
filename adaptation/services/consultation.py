"""ADA-23 (p.3, p.5): the preliminary services of the career centres of the regions of exit."""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kandas.models import Organisation
from kandas.roles import Role, user_has_role
from kandas.scoping import user_organisation
from kandas.services import person_get_or_create

from ..models import ConsultationTopic, ConsultationTopicRecord, PreliminaryConsultation


def _exit_cc_of(actor) -> Organisation:
    """p.3 sub.1: only career centres of the exit regions (order 234) render preliminary services."""
    org = user_organisation(actor)
    if (org is None or org.kind != Organisation.Kind.CC or not user_has_role(actor, Role.CC_SPECIALIST, Role.CC_DIRECTOR)
            or org.region is None or not org.region.is_exit_region):
        raise PermissionDenied(_("Preliminary services are rendered only by career centres of the regions of exit "
                                 "(p.3)."))
    return org


@transaction.atomic
def consultation_start(*, actor, person_iin: str, surname: str = "", given_name: str = "",
                       on: datetime.date | None = None) -> PreliminaryConsultation:
    """ADA-23 (p.5): a kandas comes to the career centre of the region of exit: the first consultation opens."""
    cc = _exit_cc_of(actor)
    try:
        person = person_get_or_create(iin=person_iin, surname=surname, given_name=given_name, region=cc.region,
                                      actor=actor)
    except ValidationError as exc:
        raise ValidationError({"person_iin": exc.messages}) from None
    return PreliminaryConsultation.objects.create(person=person, career_centre=cc, consultant=actor,
                                                  started_on=on or timezone.localdate())


@transaction.atomic
def consultation_topic_record(*, actor, consultation_id: int, topic: str, note: str = "",
                              on: datetime.date | None = None) -> ConsultationTopicRecord:
    """ADA-23 (p.5 sub.1–11): one topic covered — when and by whom — recorded topic by topic."""
    consultation = PreliminaryConsultation.objects.select_for_update().get(pk=consultation_id)
    cc = _exit_cc_of(actor)
    if cc.pk != consultation.career_centre_id:
        raise PermissionDenied(_("The consultation is held by %(org)s.") % {"org": consultation.career_centre})
    if topic not in ConsultationTopic.values:
        raise ValidationError({"topic": _("Choose one of the 11 topics of p.5.")})
    record, created = ConsultationTopicRecord.objects.get_or_create(
        consultation=consultation, topic=topic,
        defaults={"covered_on": on or timezone.localdate(), "covered_by": actor, "note": note})
    if not created:
        raise ValidationError({"topic": _("This topic is already recorded.")})
    return record
