"""Query parameters of the API lists, parsed by django-filter with the limits of the columns they filter: a
value the column cannot hold ("²", -1, a 20-digit year, a 300-character search) is a 400 naming the parameter,
never a database error (issue 14)."""
import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

from .selectors import case_search_filter

YEAR_MIN, YEAR_MAX = 1, 9999  # the years a date can have
SEARCH_MAX_LENGTH = 100  # a case number, an IIN or a name


@extend_schema_field({"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX})
class YearFilter(django_filters.NumberFilter):
    """A calendar year: whole digits only (`int("²")` fails where `"²".isdigit()` is true)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "string", "maxLength": SEARCH_MAX_LENGTH})
class CaseSearchFilter(django_filters.CharFilter):
    """The search box of every case list (kandas.selectors.case_search_filter): case number, name or IIN."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        kwargs.setdefault("help_text", "Case number, the applicant's name or IIN.")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        condition = case_search_filter(user=self.parent.request.user, query=value)
        return qs if condition is None else qs.filter(condition)


def query_filters(request, form_class, **form_kwargs) -> dict:
    """The filters of a list page, read from its query string through `form_class` (form_filters)."""
    return form_filters(request, form_class(request.GET, **form_kwargs))


def form_filters(request, form) -> dict:
    """The valid filters of a bound filter form apply; each invalid one is left out and named in a message on the
    page (a 200 with the reason, never a 500). An export applies the same filters without the message: its link
    is on the page that already showed it."""
    from django.contrib import messages
    from django.utils.translation import gettext as _

    if not form.is_bound:
        return {}
    form.is_valid()
    if "export" in request.GET:  # the page the export link is on has already said so; no stray message later
        return {name: value for name, value in form.cleaned_data.items() if name not in form.errors}
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else name
        messages.warning(request, _("The filter “%(label)s” was not applied: %(error)s") % {
            "label": label or name, "error": " ".join(errors)})
    return {name: value for name, value in form.cleaned_data.items() if name not in form.errors}


class YearField(forms.IntegerField):
    """A calendar year in a page's filters (the web counterpart of YearFilter)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", YEAR_MIN)
        kwargs.setdefault("max_value", YEAR_MAX)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


def _lower_first(text) -> str:
    """ "State" → "state" inside a sentence; an abbreviation ("IIN", "KATO") stays as it is."""
    text = str(text)
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def filters_summary(form, *, skip=()) -> str:
    """What a list was filtered by, as its reader reads it, for the empty result: «Kasymov», state: at the
    commission, only overdue. The search text in «», each other filter as "label: value" with the choice's label
    (never its code) and a region's or centre's name in the reader's language; invalid filters are left out."""
    import datetime

    if not form.is_bound or not hasattr(form, "cleaned_data"):
        return ""
    parts = []
    fields = sorted(form.fields.items(), key=lambda item: item[0] != "q")  # the search text first
    for name, field in fields:
        value = form.cleaned_data.get(name)
        if name in skip or name in form.errors or value in (None, "", False, []):
            continue
        label = _lower_first(field.label or name)
        if value is True:
            parts.append(label)
        elif name == "q":
            parts.append(f"«{value}»")
        elif isinstance(value, datetime.date):
            parts.append(f"{label}: {value:%d.%m.%Y}")
        elif getattr(field, "choices", None) is not None and not hasattr(value, "pk"):
            shown = dict((str(k), v) for k, v in field.choices if not isinstance(v, (list, tuple)))
            parts.append(f"{label}: {_lower_first(shown.get(str(value), value))}")
        else:
            parts.append(f"{label}: {value}")
    return ", ".join(parts)
