"""ADA-11 (p.25–28): the preliminary visit to the settlement region — the arrival date, the stay in a TAC or
ACC, the places visited, and the individual plan within 1 working day after the visit."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _, gettext_noop

from kandas.deadlines import deadline_close, deadline_open
from kandas.holders import step_holder_ensure
from kandas.models import Organisation
from kandas.texts import text
from kandas.transitions import ActionNotAllowed, case_event_log

from ..models import PreliminaryVisit, SupportApplication, SupportState, VisitPlace
from . import support_orgs as orgs


def visit_centres(app):
    """The TACs and ACCs of the settlement region (the centres residence already knows among them)."""
    return Organisation.objects.filter(region=app.settlement_region,
                                       kind__in=(Organisation.Kind.ACC, Organisation.Kind.TAC)).order_by("kind", "pk")


def _at_cc(actor, app):
    if app.state != SupportState.CC_WORKING:
        raise ActionNotAllowed(_("A preliminary visit is arranged while the settlement career centre works the case."))
    step_holder_ensure(actor, app, ("job_search",))


@transaction.atomic
def visit_announce(*, actor, application_id: int, arrival_on, centre_id: int) -> PreliminaryVisit:
    """ADA-11 (p.25–26): the kandas notifies the arrival date; the stay is in a TAC or ACC."""
    app = SupportApplication.objects.select_for_update().get(pk=application_id)
    _at_cc(actor, app)
    centre = visit_centres(app).filter(pk=centre_id).first()
    if centre is None:
        raise ValidationError({"centre": _("Choose a temporary accommodation or adaptation centre of the settlement "
                                           "region.")})
    visit = PreliminaryVisit.objects.create(application=app, arrival_on=arrival_on, centre=centre)
    case_event_log(case=app, event="visit_arrival", actor=actor, message=text(
        gettext_noop("Preliminary visit: arrival on %(day)s, stay in %(centre)s."), day=arrival_on, centre=str(centre)))
    return visit


@transaction.atomic
def visit_record(*, actor, visit_id: int, places: list[str], ended_on) -> PreliminaryVisit:
    """ADA-11 (p.27): the places visited with the CC specialist; the plan is due 1 working day after (p.28)."""
    visit = PreliminaryVisit.objects.select_for_update().select_related("application").get(pk=visit_id)
    app = visit.application
    _at_cc(actor, app)
    if visit.ended_on:
        raise ActionNotAllowed(_("This visit is already recorded."))
    places = [p for p in places if p in VisitPlace.values]
    if not places:
        raise ValidationError({"places": _("Mark the places visited (p.27).")})
    visit.places, visit.ended_on = places, ended_on
    visit.save(update_fields=["places", "ended_on"])
    deadline_open(case=app, step="visit_plan", organisation=orgs.settlement_cc(app), subject=f"visit:{visit.pk}",
                  start=ended_on)
    case_event_log(case=app, event="visit_done", actor=actor, message=text(
        gettext_noop("Preliminary visit ended on %(day)s; visited: %(places)s."), day=ended_on,
        places=[VisitPlace(p) for p in places]))
    return visit


@transaction.atomic
def visit_plan_form(*, actor, visit_id: int, plan_note: str, on) -> PreliminaryVisit:
    """ADA-11 (p.28): within 1 working day after the visit the CC forms the individual plan with the kandas."""
    visit = PreliminaryVisit.objects.select_for_update().select_related("application").get(pk=visit_id)
    app = visit.application
    step_holder_ensure(actor, app, ("visit_plan",))
    if not visit.ended_on or visit.plan_formed_on:
        raise ActionNotAllowed(_("No visit waits for its plan."))
    if not plan_note.strip():
        raise ValidationError({"plan_note": _("Write the plan agreed with the kandas.")})
    visit.plan_formed_on, visit.plan_note = on, plan_note
    visit.save(update_fields=["plan_formed_on", "plan_note"])
    deadline_close(case=app, step="visit_plan", subject=f"visit:{visit.pk}", on=on)
    case_event_log(case=app, event="visit_plan", actor=actor, message=text(
        gettext_noop("Individual plan formed after the preliminary visit on %(day)s."), day=on))
    return visit
