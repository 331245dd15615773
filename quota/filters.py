"""Query parameters of the quota API lists (kandas.filters: limits of the columns)."""
import django_filters

from kandas.filters import YearFilter

from .models import LocalityList, QuotaKind, QuotaPlan


class PlanFilter(django_filters.FilterSet):
    year = YearFilter(help_text="Only the plans of this year.")
    kind = django_filters.ChoiceFilter(choices=QuotaKind.choices)

    class Meta:
        model = QuotaPlan
        fields = ["year", "kind"]


class LocalityListFilter(django_filters.FilterSet):
    year = YearFilter(help_text="Only the lists for this year.")

    class Meta:
        model = LocalityList
        fields = ["year"]
