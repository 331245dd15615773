"""Commission, hearing, decision and delivery of the result (QUO-5…QUO-10).

Who holds each step (kandas.holders): the MIO sends the file (k_/s_to_commission), the kandas commission
(KCOM) or the regional employment commission (ECOM) recommends (k_/s_recommend), the MIO waits for the
objections and holds the hearing (objections), decides (decide, signed by its head) and hands the result to
the State Corporation (govcorp_delivery)."""
from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_noop

from kandas.deadlines import deadline_due
from kandas.models import Organisation
from kandas.notify import organisation_notify_on_commit
from kandas.selectors import organisation_of
from kandas.services import person_quota_included_set
from kandas.texts import text
from kandas.transitions import StepOpen, case_transition, ensure_can

from ..models import ALL_GROUNDS, QUOTA_EXHAUSTED_GROUND, REFUSAL_GROUNDS, ApplicantNotice, QuotaApplication
from .notices import applicant_notice_send, preliminary_refusal_message, result_message
from .plans import quota_consume


def commission_of(app: QuotaApplication) -> Organisation:
    """QUO-5: the kandas commission; QUO-6: the regional employment commission (settlers)."""
    kind = Organisation.Kind.ECOM if app.is_settlers else Organisation.Kind.KCOM
    return (organisation_of(kind=kind, region=app.region)
            or organisation_of(kind=Organisation.Kind.KCOM, region=app.region) or app.organisation)


def _to_commission_step(app) -> str:
    return "s_to_commission" if app.is_settlers else "k_to_commission"


def _recommend_step(app) -> str:
    return "s_recommend" if app.is_settlers else "k_recommend"


@transaction.atomic
def application_send_to_commission(*, application_id: int, actor, seen_version: int | None = None,
                                   on: datetime.date | None = None) -> QuotaApplication:
    """QUO-5 (kandas: within 6 working days) / QUO-6 (settlers: within 5) the MIO sends the file."""
    on = on or timezone.localdate()
    app = QuotaApplication.objects.get(pk=application_id)
    commission = commission_of(app)
    app = case_transition(case=app, transition="send_to_commission", actor=actor, seen_version=seen_version,
                          kwargs={"on": on}, close=[_to_commission_step(app)], on=on,
                          open=[StepOpen(_recommend_step(app), commission, start=on)])
    organisation_notify_on_commit(organisation=commission, key=f"quota-commission:{app.pk}",
                                  link=app.get_absolute_url(),
                                  message=text(gettext_noop("%(ref)s is waiting for the commission's recommendation."),
                                               ref=app.ref))
    return app


@transaction.atomic
def application_recommend(*, application_id: int, actor, include: bool, remarks: str = "",
                          hearing_at: datetime.datetime | None = None, hearing_place: str = "",
                          received_on: datetime.date | None = None, seen_version: int | None = None,
                          on: datetime.date | None = None) -> QuotaApplication:
    """QUO-5 / QUO-6: the commission recommends; motivated remarks → QUO-7 preliminary refusal + hearing.
    QUO-8: the decision is due within 3 working days after the recommendation (a hearing does not pause it)."""
    on = on or timezone.localdate()
    app = QuotaApplication.objects.get(pk=application_id)
    decide = StepOpen("decide", app.organisation, start=on)
    if include:
        return case_transition(case=app, transition="recommend_inclusion", actor=actor, seen_version=seen_version,
                               kwargs={"on": on}, comment=remarks, close=[_recommend_step(app)], open=[decide], on=on)
    if not remarks.strip():
        raise ValidationError({"remarks": _("Motivated remarks are required for a preliminary refusal.")})
    if hearing_at is None or not hearing_place.strip():
        raise ValidationError({"hearing_at": _("Give the time and place of the hearing.")})
    received_on = received_on or on  # sent the same day through the personal cabinet (p.12, p.21)
    app = case_transition(
        case=app, transition="recommend_refusal", actor=actor, seen_version=seen_version, comment=remarks,
        kwargs={"on": on, "remarks": remarks, "hearing_at": hearing_at, "hearing_place": hearing_place,
                "received_on": received_on},
        close=[_recommend_step(app)], on=on,
        # QUO-7 / Decisions 4: objections within 2 working days of the applicant's receipt; the MIO receives
        # them and holds the hearing.
        open=[StepOpen("objections", app.organisation, start=received_on), decide])
    applicant_notice_send(app=app, kind=ApplicantNotice.Kind.PRELIMINARY_REFUSAL,
                          message=preliminary_refusal_message(app), on=on)
    return app


@transaction.atomic
def application_preliminary_refusal(*, application_id: int, actor, remarks: str,
                                    hearing_at: datetime.datetime | None, hearing_place: str,
                                    received_on: datetime.date | None = None, seen_version: int | None = None,
                                    on: datetime.date | None = None) -> QuotaApplication:
    """QUO-7 (APPC art.73): after a positive recommendation a refusal needs its own preliminary decision and
    hearing. The MIO sends it with the time and place of the hearing; objections within 2 working days of
    receipt; the decision step (3 working days after the recommendation) keeps running (Decisions 5)."""
    on = on or timezone.localdate()
    app = QuotaApplication.objects.get(pk=application_id)
    if not (remarks or "").strip():
        raise ValidationError({"remarks": _("Motivated remarks are required for a preliminary refusal.")})
    if hearing_at is None or not (hearing_place or "").strip():
        raise ValidationError({"hearing_at": _("Give the time and place of the hearing.")})
    received_on = received_on or on
    app = case_transition(
        case=app, transition="preliminary_refusal", actor=actor, seen_version=seen_version, comment=remarks,
        kwargs={"remarks": remarks, "hearing_at": hearing_at, "hearing_place": hearing_place,
                "received_on": received_on},
        holds=["decide"], on=on, open=[StepOpen("objections", app.organisation, start=received_on)])
    applicant_notice_send(app=app, kind=ApplicantNotice.Kind.PRELIMINARY_REFUSAL,
                          message=preliminary_refusal_message(app), on=on)
    return app


@transaction.atomic
def application_record_hearing(*, application_id: int, actor, objections: str, minutes: str,
                               seen_version: int | None = None, on: datetime.date | None = None) -> QuotaApplication:
    """QUO-7: the hearing held (APPC art.73); the applicant's objections and the minutes are recorded."""
    on = on or timezone.localdate()
    if not minutes.strip():
        raise ValidationError({"minutes": _("Record what was said at the hearing.")})
    return case_transition(case=QuotaApplication.objects.get(pk=application_id), transition="record_hearing",
                           actor=actor, seen_version=seen_version, comment=minutes,
                           kwargs={"objections": objections, "minutes": minutes}, close=["objections"], on=on)


@transaction.atomic
def application_unit_refused(*, application_id: int, actor, on: datetime.date | None = None,
                             seen_version: int | None = None) -> QuotaApplication:
    """QUO-10 / QUO-9 (app.2 p.9 ground 5 kandas / 4 settlers): the applicant refused the territorial unit
    offered for settlement. Recorded with its day; inclusion is then not possible and the refusal (after the
    preliminary decision and the hearing, QUO-7) names ground 5 / 4."""
    from django.core.exceptions import PermissionDenied

    from kandas.roles import Role, user_has_role
    from kandas.scoping import scope_for
    from kandas.transitions import ActionNotAllowed, case_event_log

    on = on or timezone.localdate()
    app = QuotaApplication.objects.select_for_update().get(pk=application_id)
    if not scope_for(actor, QuotaApplication.objects.filter(pk=app.pk)).exists():
        raise PermissionDenied(_("This case belongs to another region."))
    if not user_has_role(actor, Role.MIO_SPECIALIST, Role.MIO_HEAD):
        raise PermissionDenied(_("Your role may not take this action."))
    if seen_version is not None and seen_version != app.version:
        raise ActionNotAllowed(_("The case was changed by someone else meanwhile: reload the page."))
    if app.locality_id is None:
        raise ValidationError({"on": _("No territorial unit was offered in this application.")})
    if app.locality_refused_on is not None:
        raise ActionNotAllowed(_("The refusal of the offered unit is already recorded."))
    if on < app.filed_on:
        raise ValidationError({"on": _("The day is before the application was filed.")})
    app.locality_refused_on = on
    app.version += 1
    app.save(update_fields=["locality_refused_on", "version"])
    ground = ALL_GROUNDS[QUOTA_EXHAUSTED_GROUND[app.kind]]
    case_event_log(case=app, event="unit_refused", actor=actor, message=text(gettext_noop(
        "The applicant refused the offered territorial unit %(unit)s on %(day)s (%(ground)s)."),
        unit=str(app.locality), day=on, ground=ground))
    return app


def _delivery(app: QuotaApplication, on: datetime.date) -> list[StepOpen]:
    """QUO-8 (p.13, p.22): to the State Corporation not later than one day before the term ends."""
    if not app.via_govcorp:
        return []
    term_due = deadline_due(case=app, step="term") or on
    return [StepOpen("govcorp_delivery", app.organisation, start=on, fixed_date=term_due - datetime.timedelta(days=1))]


@transaction.atomic
def application_decide_include(*, application_id: int, actor, seen_version: int | None = None,
                               on: datetime.date | None = None) -> QuotaApplication:
    """QUO-8 / QUO-10: inclusion (app.4 / app.9), signed by the MIO head; consumes the quota under a lock.

    Raises QuotaExhausted (an ActionNotAllowed) when the plan has no room: refuse on ground 5 / 4."""
    on = on or timezone.localdate()
    app = QuotaApplication.objects.get(pk=application_id)
    # Fail on role/state/holder before touching the plan; the plan row lock then serialises concurrent decisions.
    ensure_can(actor, app, "include", steps=("decide",))
    plan, units = quota_consume(application=app, on=on)
    app = case_transition(case=app, transition="include", actor=actor, seen_version=seen_version,
                          kwargs={"on": on, "number": f"{app.ref}/Ш", "plan": plan, "units": units},
                          sign="decision", sign_role="mio_head", close=["decide"], open=_delivery(app, on), on=on)
    person_quota_included_set(person_id=app.applicant_id, on=on)
    for member in app.members.filter(included=True):
        person_quota_included_set(person_id=member.person_id, on=on)
    return app


@transaction.atomic
def application_decide_refuse(*, application_id: int, actor, grounds: list[str], reasoning: str = "",
                              seen_version: int | None = None, on: datetime.date | None = None) -> QuotaApplication:
    """QUO-8 / QUO-9: a motivated refusal (app.5 / app.10) naming at least one ground of the closed list."""
    on = on or timezone.localdate()
    app = QuotaApplication.objects.get(pk=application_id)
    allowed = {code for code, _label in REFUSAL_GROUNDS[app.kind]}
    grounds = [g for g in grounds if g]
    if not grounds:
        raise ValidationError({"grounds": _("Name at least one refusal ground.")})
    if not set(grounds) <= allowed:
        raise ValidationError({"grounds": _("These grounds are not in the closed list of this sub-service.")})
    return case_transition(case=app, transition="refuse", actor=actor, seen_version=seen_version,
                           kwargs={"on": on, "number": f"{app.ref}/Б", "grounds": grounds, "reasoning": reasoning},
                           sign="decision", sign_role="mio_head", close=["decide"], open=_delivery(app, on), on=on,
                           message=text(gettext_noop("Refusal grounds: %(grounds)s"),
                                        grounds=[ALL_GROUNDS[g] for g in grounds]))


@transaction.atomic
def application_send_result(*, application_id: int, actor, seen_version: int | None = None,
                            on: datetime.date | None = None) -> QuotaApplication:
    """QUO-8: the result goes out by the channel of filing; the 14-day term closes (an overrun is flagged,
    Decisions 5)."""
    on = on or timezone.localdate()
    app = QuotaApplication.objects.get(pk=application_id)
    term_due = deadline_due(case=app, step="term")
    app = case_transition(case=app, transition="send_result", actor=actor, seen_version=seen_version,
                          kwargs={"on": on, "overrun": bool(term_due and term_due < on)},
                          close=["govcorp_delivery", "term"], on=on)
    applicant_notice_send(app=app, kind=ApplicantNotice.Kind.RESULT, message=result_message(app), on=on)
    return app
