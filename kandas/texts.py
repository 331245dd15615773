"""Texts the system writes for people to read later (timeline comments, applicant notices,
notifications, journal lines) are stored as a message id and its parameters, and rendered in the
reader's language when shown — never frozen in the language of whoever caused them.

    from django.utils.translation import gettext_noop
    from kandas.texts import text, text_render

    stored = text(gettext_noop("Hearing on %(day)s at %(place)s"), day=hearing.date(), place=place)
    log.message = stored           # a JSONField
    text_render(stored)            # "Заслушивание 02.12.2026 …" for a Russian reader, Kazakh for a Kazakh one

Mark every message id with `gettext_noop` so makemessages extracts it. Parameters may be plain values,
dates (shown dd.mm.yyyy), lazy translations and TextChoices members (stored by their message id /
class and value, translated on display), named registry records (a region, organisation, locality: both
names are stored and the reader's one shown), other `text(...)` values, or lists of any of these.
"""
from __future__ import annotations

import datetime
import enum

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext, ngettext


def text(msgid: str, *, plural: str = "", count: int | None = None, **params) -> dict:
    """A stored text: `msgid % params`, translated when read. With `plural`/`count`, ngettext."""
    out = {"msg": str(msgid), "params": {k: _encode(v) for k, v in params.items()}}
    if plural:
        out.update(plural=str(plural), count=count)
    return out


def text_choice(member) -> dict:
    """A TextChoices member stored as class + value (its label is translated on display)."""
    cls = type(member)
    return {"$choice": f"{cls.__module__}.{cls.__qualname__}", "v": member.value}


def _encode(value):
    if isinstance(value, dict) and ("msg" in value or "$choice" in value or "$names" in value):
        return value
    if isinstance(value, enum.Enum) and hasattr(value, "label"):
        return text_choice(value)
    if hasattr(value, "name_ru") and hasattr(value, "name_kk"):  # a region, organisation, locality, centre
        return {"$names": {"ru": value.name_ru, "kk": value.name_kk, "en": getattr(value, "name_en", "") or ""}}
    if isinstance(value, Promise):
        args = getattr(value, "_args", ())
        return {"msg": args[0], "params": {}} if args else str(value)
    if isinstance(value, datetime.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    if isinstance(value, (list, tuple)):
        return {"$list": [_encode(v) for v in value]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _decode(value):
    if isinstance(value, dict):
        if "msg" in value:
            return text_render(value)
        if "$date" in value:
            return date_format(datetime.date.fromisoformat(value["$date"]), "d.m.Y")
        if "$datetime" in value:
            from django.utils import timezone

            moment = datetime.datetime.fromisoformat(value["$datetime"])
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return date_format(moment, "d.m.Y H:i")
        if "$choice" in value:
            try:
                return str(import_string(value["$choice"])(value["v"]).label)
            except (ImportError, ValueError):
                return str(value["v"])
        if "$names" in value:
            from django.utils.translation import get_language

            names = value["$names"]
            code = (get_language() or "ru").split("-")[0]
            return names.get(code) or names.get("ru") or ""
        if "$list" in value:
            return ", ".join(_decode(v) for v in value["$list"])
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value  # "%(n)d" needs a number
    return "" if value is None else str(value)


def text_render(stored: dict | None, default: str = "") -> str:
    """`stored` in the active language; `default` (an old plain text) when nothing is stored."""
    if not stored or "msg" not in stored:
        return default
    if stored.get("plural"):
        template = ngettext(stored["msg"], stored["plural"], stored.get("count") or 0)
    else:
        template = gettext(stored["msg"]) if stored["msg"] else ""
    params = {k: _decode(v) for k, v in (stored.get("params") or {}).items()}
    try:
        return template % params if params or "%(" in template else template
    except (KeyError, TypeError, ValueError):  # a translation that lost a placeholder must not break a page
        return stored["msg"] % params if params else stored["msg"]
