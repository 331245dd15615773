"""What a page shows, read from its HTML the way the forms render it (django-crispy-forms, Bootstrap 5 pack)."""
import re


def field_error_shown(html: str, field: str) -> bool:
    """The field's own error block is on the page (id="<auto id ending in the field name>_error")."""
    return re.search(rf'id="id_(?:[a-z0-9_]+_)?{re.escape(field)}_error"', html) is not None


def duplicate_ids(html: str) -> list[str]:
    """Element ids that occur more than once on the page (a label must point at one field)."""
    ids = re.findall(r'\sid="([^"]+)"', html)
    return sorted({i for i in ids if ids.count(i) > 1})


def reader_client(user=None, language="ru"):
    """A test client reading in `language` (header and cookie, as a browser that chose it), logged in as `user`."""
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    client.cookies["django_language"] = language
    return client
