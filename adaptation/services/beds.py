"""Beds: holding them for a referral, occupying, freeing, and handing freed beds to the reserve (RES-6).

Locking: every function here runs with the centre's row locked (`centre_lock`) and every service that
touches beds locks the centre FIRST, then the case. One lock order, so no deadlocks; one centre row, so
two referrals issued at the same moment cannot pick the same free bed (the second waits, then sees the
bed held).

The reserve rule (RES-6, p.7–8) — strictly in journal order:
    When beds free up, they go to the application at the HEAD of the reserve (lowest journal number).
    If the head needs more beds than are free, the freed beds are HELD for the head and nobody behind it
    gets a bed — not even a smaller family that would fit — until enough beds are free for the head.
    When the head has all its beds, it is offered the referral (a task in the MIO's "My work", step
    RES-6*: p.8 sets no term, the 1 working day is this system's service level) and the next in line
    starts collecting beds the same way.
So a family of 5 never loses its turn to a family of 2; the price is that beds may stay held (not
used) while the head waits, which the occupancy view shows as "held". An application larger than the
centre's capacity is refused at registration, so the head can always be satisfied eventually.
"""
from __future__ import annotations

from django.utils.translation import gettext as _, gettext_noop

from kandas.deadlines import deadline_explain_append, step_deadlines
from kandas.models import Deadline

from kandas.notify import organisation_notify_on_commit
from kandas.texts import text
from kandas.transitions import StepOpen, case_transition_system

from ..models import Bed, BedState, Centre, ResidenceApplication, ResidenceState


def centre_lock(centre_id: int) -> Centre:
    return Centre.objects.select_for_update().select_related("organisation").get(pk=centre_id)


def _free_beds(centre: Centre):
    return (Bed.objects.select_for_update().filter(centre=centre, state=BedState.FREE)
            .order_by("room__floor", "room__number", "number"))


def beds_free_count(centre: Centre) -> int:
    return Bed.objects.filter(centre=centre, state=BedState.FREE).count()


def beds_hold(*, centre: Centre, application: ResidenceApplication, count: int) -> int:
    """Hold up to `count` free beds for `application` (same room first); returns how many were held."""
    beds = list(_free_beds(centre)[:count])
    Bed.objects.filter(pk__in=[b.pk for b in beds]).update(state=BedState.HELD, application=application)
    return len(beds)


def beds_occupy(*, application: ResidenceApplication, persons) -> None:
    """Check-in: the held beds become occupied, one per person."""
    beds = list(Bed.objects.select_for_update().filter(application=application, state=BedState.HELD)
                .order_by("room__floor", "room__number", "number"))
    for bed, person in zip(beds, persons, strict=True):
        bed.state, bed.occupant = BedState.OCCUPIED, person
        bed.save(update_fields=["state", "occupant", "changed_at"])


def beds_release(*, application: ResidenceApplication, person=None) -> int:
    """Free the beds of the application (or of one person); the caller then runs reserve_allocate."""
    qs = Bed.objects.filter(application=application)
    if person is not None:
        qs = qs.filter(occupant=person)
    return qs.update(state=BedState.FREE, application=None, occupant=None)


def _service_level_explain(application: ResidenceApplication) -> None:
    """RES-6*: the offer step's "How counted" says its term is this system's, not the regulation's."""
    for deadline in step_deadlines(application, "offer").filter(state=Deadline.State.OPEN, closed_at__isnull=True):
        deadline_explain_append(deadline, lambda: _(
            "Service level of this system (RES-6*), not a statutory term: p.8 of the rules sets no term for "
            "giving the referral to the reserve."))
        deadline.save(update_fields=["explanation", "texts"])


def reserve_allocate(*, centre: Centre) -> list[ResidenceApplication]:
    """RES-6: give freed beds to the reserve strictly in journal order (see the module docstring)."""
    offered = []
    while True:
        head = (ResidenceApplication.objects.select_for_update()
                .filter(centre=centre, state=ResidenceState.RESERVE).order_by("journal_no").first())
        if head is None:
            break
        held = Bed.objects.filter(application=head, state=BedState.HELD).count()
        missing = head.persons_count - held
        if missing > 0 and beds_hold(centre=centre, application=head, count=missing) < missing:
            break  # the freed beds stay held for the head until enough are free
        # (kandas.texts renders parameters as text: numbers go in as %(n)s.)
        # RES-6 p.8: the MIO that registered the application issues the referral.
        head = case_transition_system(case=head, transition="reserve_offer", message=text(
            gettext_noop("%(n)s beds held in journal order"), n=head.persons_count),
            open=[StepOpen("offer", head.organisation)])
        _service_level_explain(head)
        organisation_notify_on_commit(
            organisation=head.organisation_id, key=f"res-offer:{head.pk}", link=head.get_absolute_url(),
            message=text(gettext_noop("%(ref)s: beds are free for the next in the reserve — issue the referral."),
                         ref=head.ref))
        offered.append(head)
    return offered
