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
