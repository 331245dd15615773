"""Reads of the residence slice: lists, the journal, the reserve, occupancy (all through scope_for)."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q, QuerySet

from kandas.selectors import case_search_filter
from kandas.scoping import scope_for, scoped_get_or_404

from ..models import Bed, BedState, Centre, ResidenceApplication, ResidenceState


def centre_list(*, user) -> QuerySet[Centre]:
    return scope_for(user, Centre.objects.select_related("organisation", "organisation__region")).order_by("pk")


def centre_get(*, user, pk: int) -> Centre:
    return scoped_get_or_404(user, Centre.objects.select_related("organisation"), pk=pk)


def application_list(*, user, state: str = "", centre_id: int | None = None, query: str = "",
                     filed_from: datetime.date | None = None, filed_to: datetime.date | None = None
                     ) -> QuerySet[ResidenceApplication]:
    qs = scope_for(user, ResidenceApplication.objects.select_related("applicant", "centre__organisation", "region"))
    if state:
        qs = qs.filter(state=state)
    if centre_id:
        qs = qs.filter(centre_id=centre_id)
    if filed_from:
        qs = qs.filter(filed_on__gte=filed_from)
    if filed_to:
        qs = qs.filter(filed_on__lte=filed_to)
    if (condition := case_search_filter(user=user, query=query)) is not None:
        qs = qs.filter(condition)
    return qs.order_by("-filed_on", "-journal_no")


def application_get(*, user, pk: int) -> ResidenceApplication:
    return scoped_get_or_404(user, ResidenceApplication.objects.select_related(
        "applicant", "centre__organisation", "organisation", "region", "family"), pk=pk)


def journal_rows(*, centre: Centre, first: datetime.date, last: datetime.date) -> QuerySet[ResidenceApplication]:
    """RES-4 (form app.3): the journal of one centre for a period, in journal order."""
    return (ResidenceApplication.objects.filter(centre=centre, filed_on__gte=first, filed_on__lte=last)
            .select_related("applicant").order_by("journal_no"))


def reserve_list(*, centre: Centre) -> QuerySet[ResidenceApplication]:
    """RES-6: the reserve in journal order (the head first), with the beds already held for each."""
    return (ResidenceApplication.objects.filter(centre=centre, state=ResidenceState.RESERVE)
            .select_related("applicant")
            .annotate(beds_held=Count("beds", filter=Q(beds__state=BedState.HELD)))
            .order_by("journal_no"))


@dataclass
class Occupancy:
    centre: Centre
    beds: dict
    total: int
    reserve_length: int
    reserve_persons: int
    average_wait_days: float | None


def _days(wait) -> float | None:
    if isinstance(wait, datetime.timedelta):
        return round(wait.total_seconds() / 86400, 1)
    if wait is not None:  # SQLite returns microseconds
        return round(float(wait) / 86400e6, 1)
    return None


def centre_occupancies(*, centres) -> list[Occupancy]:
    """Beds by state, the reserve's length and the average wait from filing to referral of each centre, in the
    centres' order: three grouped queries whatever the number of centres."""
    centres = list(centres)
    beds: dict[int, dict] = {c.pk: dict.fromkeys(BedState.values, 0) for c in centres}
    for centre_id, state, n in (Bed.objects.filter(centre__in=centres).order_by()
                                .values_list("centre_id", "state").annotate(n=Count("id"))):
        beds[centre_id][state] = n
    applications = ResidenceApplication.objects.filter(centre__in=centres).order_by()
    reserve = {r["centre_id"]: r for r in applications.filter(state=ResidenceState.RESERVE).values("centre_id")
               .annotate(n=Count("id", distinct=True), persons=Count("persons"))}
    waits = dict(applications.filter(referral_issued_on__isnull=False).values("centre_id")
                 .annotate(avg=Avg(F("referral_issued_on") - F("filed_on"))).values_list("centre_id", "avg"))
    none = {"n": 0, "persons": 0}
    return [Occupancy(centre=c, beds=beds[c.pk], total=sum(beds[c.pk].values()),
                      reserve_length=reserve.get(c.pk, none)["n"], reserve_persons=reserve.get(c.pk, none)["persons"],
                      average_wait_days=_days(waits.get(c.pk))) for c in centres]


def centre_occupancy(*, centre: Centre) -> Occupancy:
    """Beds by state, the reserve's length and the average wait from filing to referral."""
    return centre_occupancies(centres=[centre])[0]


def residence_sign_preview(application: ResidenceApplication, purpose: str) -> list[tuple[str, str]]:
    """What the referral (RES-3) or the decision on early termination (RES-9) will sign, as the signer
    reads it: names, dates and kinship in words (the signed snapshot keeps codes, language-free)."""
    from django.utils.translation import gettext as _

    from kandas.casepage import signature_purpose_label
    from kandas.workdays import _fmt

    def date_format(day, _format):
        return _fmt(day) if day else "—"

    rows = [(_("number"), application.ref), (_("what is signed"), signature_purpose_label(application, purpose))]
    if purpose == "referral":
        persons = application.persons.select_related("person")
        rows += [(_("centre"), str(application.centre)),
                 (_("applicant"), f"{application.applicant.full_name}, "
                                  f"{date_format(application.applicant.birth_date, 'd.m.Y')}"),
                 (_("family members"), "; ".join(
                     f"{p.person.full_name}, {date_format(p.person.birth_date, 'd.m.Y')}, {p.get_kinship_display()}"
                     for p in persons if not p.is_applicant) or "—")]
    elif purpose == "termination":
        proposal = application.termination_proposals.filter(decision="").select_related("member__person").first()
        if proposal is not None:
            rows += [(_("violation"), proposal.violation),
                     (_("The decision concerns"), str(proposal.member) if proposal.member else _("the whole family"))]
    return rows
