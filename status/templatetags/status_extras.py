from django import template
from django.utils.translation import gettext as _

from kandas.models import DocumentKind

from ..models import Recommendation

register = template.Library()


@register.filter
def missing_label(row: dict) -> str:
    """A completeness row {"kind", "person"} in the reader's language."""
    labels = {
        DocumentKind.AUTOBIOGRAPHY: _("autobiography (free form)"),
        DocumentKind.IDENTITY: _("identity document with a notarised translation into Kazakh or Russian"),
        DocumentKind.NATIONALITY: _("document proving Kazakh nationality"),
    }
    return f"{labels.get(row.get('kind'), row.get('kind'))} — {row.get('person', '')}"


@register.filter
def confirmed_label(row: dict) -> str:
    """GEN-2: what a state system confirmed instead of paper."""
    labels = {DocumentKind.IDENTITY: _("identity — from the persons database (ГБД ФЛ)")}
    return f"{labels.get(row.get('kind'), row.get('kind'))} — {row.get('person', '')}"


@register.filter
def recommendation_label(value: str) -> str:
    return dict(Recommendation.choices).get(value, value)


@register.filter
def kind_label(kind: str) -> str:
    """A document kind in the reader's language (the printed forms name them)."""
    labels = {
        DocumentKind.AUTOBIOGRAPHY: _("autobiography"),
        DocumentKind.IDENTITY: _("identity document"),
        DocumentKind.NATIONALITY: _("proof of Kazakh nationality"),
        DocumentKind.BIRTH: _("birth certificate"),
        DocumentKind.OTHER: _("other"),
    }
    return labels.get(kind, kind)
