"""Query parameters of the residence API list (kandas.filters: limits of the columns)."""
import django_filters

from kandas.filters import CaseSearchFilter

from .models import ResidenceApplication, ResidenceState


class ResidenceApplicationFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=ResidenceState.choices)
    q = CaseSearchFilter()

    class Meta:
        model = ResidenceApplication
        fields = ["state", "q"]
