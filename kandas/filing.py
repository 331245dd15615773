"""Who may file where, and what a filing answers (DOMAIN.md Decision 18).

The *provider* of a service is the MIO the rules name: status — the region where the applicant lives (via a
mission: the settlement region named, STA-5); quota — the settlement region (002 p.10); residence — the
centre's region (RES-2). *Filers* — the State Corporation, career centres, foreign missions, portal API
clients — file into the provider region the rules name, also another region; the provider's own staff file
into their own region only. The filer then sees its own filing (the case's `filed_by_organisation`, see
`kandas.scoping`), never the registry: a person is looked up for a filing within what the filer may see,
and "unknown IIN" and "not visible to you" read the same.

Web and API filing of every service call `filing_ensure` from the filing service itself, so one rule holds
whatever the channel.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _, gettext_lazy

from .models import Person
from .roles import Role, user_roles
from .scoping import scope_for, user_is_national, user_organisation


class FilingService(models.TextChoices):
    STATUS = "status", gettext_lazy("kandas status")
    QUOTA = "quota", gettext_lazy("regional quota")
    RESIDENCE = "residence", gettext_lazy("residence in the adaptation centre")


# The provider's staff: they file (take a paper application, register it) in their own region only.
PROVIDER_ROLES = {
    FilingService.STATUS: {Role.MIO_SPECIALIST},
    FilingService.QUOTA: {Role.MIO_SPECIALIST},
    FilingService.RESIDENCE: {Role.MIO_SPECIALIST, Role.MIO_HEAD},
}
# Filers: they file into the provider region the rules name, their own or another (Decision 18).
FILER_ROLES = {
    # STA-1: the portal and e-gov (API clients), a foreign mission, the State Corporation.
    FilingService.STATUS: {Role.GOVCORP_OPERATOR, Role.MISSION_OFFICER, Role.API_CLIENT},
    # QUO-2 / QUO-6: the portal, the State Corporation; the career centre (000 app.2 p.29, Decision 6).
    FilingService.QUOTA: {Role.GOVCORP_OPERATOR, Role.CC_SPECIALIST, Role.API_CLIENT},
    # RES-2: the application is filed with the MIO; a portal client forwards it.
    FilingService.RESIDENCE: {Role.API_CLIENT},
}


def filing_roles(service: str) -> set[str]:
    return {str(r) for r in PROVIDER_ROLES[service] | FILER_ROLES[service]}


def user_is_filer(user, service: str) -> bool:
    """The user files for others (may file into another region) rather than provides the service."""
    return user.is_superuser or bool(user_roles(user) & {str(r) for r in FILER_ROLES[service]})


def filing_ensure(actor, *, service: str, provider_region) -> None:
    """Decision 18: may `actor` file an application of `service` with the MIO of `provider_region`?

    Raises PermissionDenied with the reason; returns None when the filing may go ahead. The provider region
    is the one the rules name (see the module docstring); the caller works it out from what was filed.
    """
    service = FilingService(service)
    if not actor.is_authenticated:
        raise PermissionDenied(_("Log in to file an application."))
    if actor.is_superuser:
        return
    roles = user_roles(actor)
    if not roles & filing_roles(service):
        raise PermissionDenied(_("Your role may not file applications for %(service)s.") % {"service": service.label})
    if user_is_filer(actor, service):
        return
    if user_is_national(actor):
        return
    org = user_organisation(actor)
    if org is None or org.region_id is None:
        raise PermissionDenied(_("Your account belongs to no regional organisation: it may not file applications."))
    if provider_region is not None and provider_region.pk != org.region_id:
        raise PermissionDenied(_(
            "Your organisation provides this service in %(own)s only: an application for %(other)s is filed with "
            "the MIO of that region (or through the State Corporation or the portal).") % {
            "own": org.region, "other": provider_region})


def person_visible(user, person: Person | None) -> bool:
    """The person is in the part of the registry the user may see (their region, or national)."""
    if person is None or user is None:
        return False
    return scope_for(user, Person.objects.filter(pk=person.pk)).exists()


def filing_person_find(actor, *, iin: str) -> Person | None:
    """The registry person a filing names by IIN, as the filer may see the registry: a person of another
    region is None, exactly like an unknown IIN (Decision 18: the answer does not say which)."""
    iin = (iin or "").strip()
    if not iin:
        return None
    return scope_for(actor, Person.objects.filter(iin=iin)).first()


def unknown_person_message() -> str:
    """The one answer for an IIN that is not in the registry and for one the filer may not see."""
    return _("No person with this IIN in the registry you may see. Register the person first, or file through "
             "the organisation that serves them.")


def open_case_refuse(actor, *, open_case, service: str, field: str = "applicant") -> None:
    """One open application per person and service (and sub-type): refuse the second filing. The answer
    names the open case only when the filer may see it; otherwise the same neutral message for every case.

    Raises ValidationError with code "open_application" and params {"url": ...} when the case is visible.
    """
    if open_case is None:
        return
    from .scoping import scope_for as _scope

    visible = _scope(actor, type(open_case).objects.filter(pk=open_case.pk)).exists()
    if visible:
        raise ValidationError({field: ValidationError(
            _("An application of this person for %(service)s is already open: %(ref)s. It is considered first; "
              "a second one is not registered.") % {"service": FilingService(service).label, "ref": open_case.ref},
            code="open_application", params={"url": open_case.get_absolute_url(), "ref": open_case.ref})})
    raise ValidationError({field: ValidationError(
        _("This application cannot be registered now: the service provider already considers an application "
          "for this person. The applicant may ask the MIO about it."), code="open_application")})


def open_case_link(exc: ValidationError) -> dict | None:
    """The open case a refused filing points to ({"ref", "url"}), if the filer may see it."""
    for errors in getattr(exc, "error_dict", {}).values():
        for error in errors:
            if error.code == "open_application" and error.params and error.params.get("url"):
                return {"ref": error.params["ref"], "url": error.params["url"]}
    return None


def filing_error_response(request, exc: ValidationError):
    """The API answer to a refused filing: 409 with the open case ("open_application": its number and
    address, when the filer may see it), else 400 with the field errors."""
    from rest_framework import status
    from rest_framework.response import Response

    errors = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
    codes = {e.code for es in getattr(exc, "error_dict", {}).values() for e in es}
    if "open_application" in codes:
        link = open_case_link(exc)
        if link is not None:
            errors["open_application"] = {"ref": link["ref"], "url": request.build_absolute_uri(link["url"])}
        return Response(errors, status=status.HTTP_409_CONFLICT)
    return Response(errors, status=status.HTTP_400_BAD_REQUEST)


def open_case_link_add(form, exc: ValidationError) -> None:
    """On a web form: the link to the open case a refused filing points to (only when the filer may see it)."""
    from django.utils.html import format_html

    link = open_case_link(exc)
    if link is not None and form is not None:
        form.add_error(None, format_html('<a href="{}" data-testid="open-application-link">{}</a>', link["url"],
                                         _("Open %(ref)s") % {"ref": link["ref"]}))
