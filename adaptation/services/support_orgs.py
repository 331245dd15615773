"""Who holds each step of an adaptation application: the organisations of its exit and settlement regions."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kandas.models import Organisation
from kandas.selectors import organisation_of


def _need(kind: str, region, *, parent=None) -> Organisation:
    org = None
    if parent is not None and kind == Organisation.Kind.LMC and parent.parent_id:
        org = parent.parent  # a career centre is a branch of its labour mobility centre
    org = org or organisation_of(kind=kind, region=region)
    if org is None:
        raise ValidationError(_("No %(kind)s is set up in %(region)s.") % {
            "kind": Organisation.Kind(kind).label, "region": region})
    return org


def exit_lmc(app) -> Organisation:
    return _need(Organisation.Kind.LMC, app.exit_region, parent=app.exit_cc)


def exit_mio(app) -> Organisation:
    return _need(Organisation.Kind.MIO, app.exit_region)


def settlement_mio(app) -> Organisation:
    return _need(Organisation.Kind.MIO, app.settlement_region)


def settlement_lmc(app) -> Organisation:
    return _need(Organisation.Kind.LMC, app.settlement_region)


def settlement_cc(app) -> Organisation:
    """The settlement CC: the one of the chosen locality's region (the first, where a region has several)."""
    return _need(Organisation.Kind.CC, app.settlement_region)
