"""What the status services tell people, stored as messages (kandas.texts) and read in the reader's language."""
from django.conf import settings
from django.utils import translation

from kandas.texts import text_render

from ..models import ApplicantNotice, StatusApplication


def notice_record(*, case, kind: str, channel: str, message: dict, sent_on=None) -> ApplicantNotice:
    """Record what the applicant (or the State Corporation) is told: the message, read in the reader's
    language, and its text in the installation's language for the e-mail and the old readers."""
    with translation.override(settings.LANGUAGE_CODE):
        plain = text_render(message)
    link = {"application": case} if isinstance(case, StatusApplication) else {"extension": case}
    extra = {"sent_on": sent_on} if sent_on else {}
    return ApplicantNotice.objects.create(kind=kind, channel=channel, text=plain, message=message, **link, **extra)
