"""Query parameters of the quota lists, API and pages (kandas.filters: limits of the columns)."""
import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from kandas.filters import SEARCH_MAX_LENGTH, YearField, YearFilter

from .models import QUOTA_CHANNEL_CHOICES, AppState, LocalityList, QuotaKind, QuotaPlan, QuotaProposal


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


# The filters of the quota pages (kandas.filters.query_filters reads them from the query string).
class ApplicationListFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *QuotaKind.choices])
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", "—"), *AppState.choices])
    channel = forms.ChoiceField(label=_("Filed via"), required=False, choices=[("", "—"), *QUOTA_CHANNEL_CHOICES])
    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH)


class YearFilterForm(forms.Form):
    year = YearField(label=_("Year"))


class PlanDashboardFilterForm(YearFilterForm):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *QuotaKind.choices])


class ProposalFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", "—"), *QuotaProposal.State.choices])
