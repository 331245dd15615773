"""What the status services tell people, stored as messages (kandas.texts) and read in the reader's language."""
from django.conf import settings
from django.utils import translation

from kandas.texts import text_render

from ..models import ApplicantNotice, StatusApplication


class LocalisedNameParam:
    """An organisation's or a region's name as a stored-text parameter: both its names are stored and the
    reader's one is shown (kandas.texts decodes `{"$choice": <this class>, "v": names}` through `.label`)."""

    def __init__(self, names: dict):
        language = translation.get_language() or settings.LANGUAGE_CODE
        self.label = names.get("kk") if language.startswith("kk") else names.get("ru")
        self.label = self.label or names.get("ru") or ""


def name_param(obj) -> dict | str:
    """`obj` (a kandas LocalisedName: organisation, region) as a parameter of kandas.texts.text()."""
    if obj is None:
        return ""
    cls = LocalisedNameParam
    return {"$choice": f"{cls.__module__}.{cls.__qualname__}", "v": {"ru": obj.name_ru, "kk": obj.name_kk}}


def notice_record(*, case, kind: str, channel: str, message: dict, sent_on=None) -> ApplicantNotice:
    """Record what the applicant (or the State Corporation) is told: the message, read in the reader's
    language, and its text in the installation's language for the e-mail and the old readers."""
    with translation.override(settings.LANGUAGE_CODE):
        plain = text_render(message)
    link = {"application": case} if isinstance(case, StatusApplication) else {"extension": case}
    extra = {"sent_on": sent_on} if sent_on else {}
    return ApplicantNotice.objects.create(kind=kind, channel=channel, text=plain, message=message, **link, **extra)
