"""What every list screen promises (issue 13, Lists): filters that survive paging, a search that ignores case
and spelling, finds a case by its number, and an empty result that says what was searched. Each app's list
tests call these with their own world; pages are made one row long so that two rows give two pages."""
import html as html_lib
import re
from urllib.parse import parse_qs, urlsplit

from django.core.paginator import Paginator



def one_per_page(monkeypatch, view_module):
    monkeypatch.setattr(view_module, "Paginator", lambda qs, _size, **kw: Paginator(qs, 1, **kw))


def next_link(page_html: str) -> str:
    match = re.search(r'href="([^"]*)" rel="next"', page_html)
    assert match, "no link to the next page"
    return html_lib.unescape(match.group(1))


def assert_next_page_keeps(client, url, params: dict) -> str:
    """The second-page link carries every filter; following it shows page 2 with the same filters."""
    first = client.get(url, params)
    assert first.status_code == 200
    link = next_link(first.content.decode())
    query = parse_qs(urlsplit(link).query)
    for name, value in params.items():
        assert query.get(name) == [str(value)], (name, link)
    assert query["page"] == ["2"]
    second = client.get(url + link)
    assert second.status_code == 200
    return second.content.decode()


def visible_text(page_html: str) -> str:
    """The text a reader sees: no tags, attributes, scripts or styles."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page_html, flags=re.S | re.I)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", body))


def empty_message(page_html: str) -> str:
    match = re.search(r'data-testid="empty"[^>]*>(.*?)</(td|div)>', page_html, flags=re.S)
    assert match, "no empty-result message"
    return " ".join(visible_text(match.group(1)).split())


def assert_no_raw_states(page_html: str, language: str, *choices):
    """No value of the `choices` (TextChoices) shows where its label should: a code the reader of `language`
    would not write ("at_commission", "k5"; "registered" is a fair English label of itself, not in Kazakh)."""
    from django.utils import translation

    with translation.override(language):
        codes = {str(v) for c in choices for v, label in c.choices if str(v) not in str(label).lower()}
    if language.startswith("en"):  # "portal", "general" are English words too: only what no label has
        codes = {c for c in codes if "_" in c or any(ch.isdigit() for ch in c)}
    words = set(re.findall(r"[A-Za-z0-9_]+", visible_text(page_html)))
    assert not words & codes, words & codes


def client_for(user, language="en"):
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def rename(person, surname="Қасымов", given_name="Бауыржан"):
    person.refresh_from_db()
    person.surname, person.given_name, person.patronymic = surname, given_name, ""
    person.save()  # recomputes the folded search key


def assert_case_list_standard(user, url, view_module, monkeypatch, kasymov: list, other, filters: dict,
                              state_label: str):
    """Two cases of applicants named Қасымов and one of someone else, on a case list: the second page keeps
    search and filters; the search ignores case and script; a case number (lower case) finds its case; an
    empty result names the search and the filter (by its label)."""
    from django.utils import translation

    with translation.override("en"):
        state_label = str(state_label)  # a lazy label, read as the English page shows it
    client = client_for(user)
    a, b = kasymov
    for query in ("kasymov", "KASYMOV", "Қасымов", "ҚАСЫМОВ"):
        page = client.get(url, {"q": query}).content.decode()
        assert a.ref in page and b.ref in page and other.ref not in page, query
    page = client.get(url, {"q": a.ref.lower()}).content.decode()
    assert a.ref in page and b.ref not in page
    message = empty_message(client.get(url, {"q": "Zzyx", **filters}).content.decode())
    assert message.startswith("No applications match «Zzyx»") and state_label.lower() in message.lower(), message
    one_per_page(monkeypatch, view_module)
    second = assert_next_page_keeps(client, url, {"q": "kasymov", **filters})
    assert (a.ref in second) != (b.ref in second)
