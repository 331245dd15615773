"""Commission, hearing, decision and delivery of the result (QUO-5…QUO-10)."""
from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kandas.models import Notification, Organisation, Staff
from kandas.selectors import organisation_of
from kandas.services import person_quota_included_set
from kandas.transitions import case_transition

from ..models import ALL_GROUNDS, REFUSAL_GROUNDS, ApplicantNotice, QuotaApplication
from .notices import applicant_notice_send, preliminary_refusal_text, result_text
from .plans import quota_consume
from .steps import step_close, step_due, step_open


def _commission_of(app: QuotaApplication) -> Organisation:
    kind = Organisation.Kind.ECOM if app.is_settlers else Organisation.Kind.KCOM
    return (organisation_of(kind=kind, region=app.region)
            or organisation_of(kind=Organisation.Kind.KCOM, region=app.region) or app.organisation)


def _notify_org(org: Organisation, *, key: str, text: str, link: str) -> None:
    users = Staff.objects.filter(organisation=org).values_list("user_id", flat=True)
    Notification.objects.bulk_create([Notification(user_id=u, key=key, text=text[:500], link=link) for u in users],
                                     ignore_conflicts=True)


@transaction.atomic
def application_send_to_commission(*, application_id: int, actor, seen_version: int | None = None,
                                   on: datetime.date | None = None) -> QuotaApplication:
    """QUO-5 (kandas: within 6 working days) / QUO-6 (settlers: within 5) the MIO sends the file."""
    on = on or timezone.localdate()
    app = QuotaApplication.objects.get(pk=application_id)
    app = case_transition(case=app, transition="send_to_commission", actor=actor, seen_version=seen_version,
                          kwargs={"on": on})
    step_close(case=app, key="s_to_commission" if app.is_settlers else "k_to_commission", on=on)
    commission = _commission_of(app)
    step_open(case=app, key="s_recommend" if app.is_settlers else "k_recommend", organisation=commission, start=on)
    transaction.on_commit(lambda: _notify_org(commission, key=f"quota-commission:{app.pk}", link=app.get_absolute_url(),
                                              text=_("%(ref)s is waiting for the commission's recommendation.") % {
                                                  "ref": app.ref}))
    return app


@transaction.atomic
def application_recommend(*, application_id: int, actor, include: bool, remarks: str = "",
                          hearing_at: datetime.datetime | None = None, hearing_place: str = "",
                          received_on: datetime.date | None = None, seen_version: int | None = None,
                          on: datetime.date | None = None) -> QuotaApplication:
    """QUO-5 / QUO-6: the commission recommends; motivated remarks → QUO-7 preliminary refusal + hearing."""
    on = on or timezone.localdate()
    app = QuotaApplication.objects.get(pk=application_id)
    key = "s_recommend" if app.is_settlers else "k_recommend"
    if include:
        app = case_transition(case=app, transition="recommend_inclusion", actor=actor, seen_version=seen_version,
                              kwargs={"on": on}, comment=remarks)
    else:
        if not remarks.strip():
            raise ValidationError({"remarks": _("Motivated remarks are required for a preliminary refusal.")})
        if hearing_at is None or not hearing_place.strip():
            raise ValidationError({"hearing_at": _("Give the time and place of the hearing.")})
        received_on = received_on or on  # sent the same day through the personal cabinet (p.12, p.21)
        QuotaApplication.objects.filter(pk=app.pk).update(
            commission_remarks=remarks, hearing_at=hearing_at, hearing_place=hearing_place,
            preliminary_received_on=received_on)
        app = case_transition(case=app, transition="recommend_refusal", actor=actor, seen_version=seen_version,
                              kwargs={"on": on}, comment=remarks)
        applicant_notice_send(app=app, kind=ApplicantNotice.Kind.PRELIMINARY_REFUSAL,
                              text=preliminary_refusal_text(app), on=on)
        # QUO-7 / Decisions 4: objections within 2 working days of the applicant's receipt.
        step_open(case=app, key="objections", organisation=app.organisation, start=received_on)
    step_close(case=app, key=key, on=on)
    # QUO-8: the decision within 3 working days after the recommendation (a hearing does not pause it).
    step_open(case=app, key="decide", organisation=app.organisation, start=on)
    return app


@transaction.atomic
def application_record_hearing(*, application_id: int, actor, objections: str, minutes: str,
                               seen_version: int | None = None, on: datetime.date | None = None) -> QuotaApplication:
    """QUO-7: the hearing held (APPC art.73); the applicant's objections and the minutes are recorded."""
    on = on or timezone.localdate()
    if not minutes.strip():
        raise ValidationError({"minutes": _("Record what was said at the hearing.")})
    app = case_transition(case=QuotaApplication.objects.get(pk=application_id), transition="record_hearing",
                          actor=actor, seen_version=seen_version,
                          kwargs={"objections": objections, "minutes": minutes}, comment=minutes)
    step_close(case=app, key="objections", on=on)
    return app


def _after_decision(app: QuotaApplication, on: datetime.date) -> None:
    step_close(case=app, key="decide", on=on)
    if app.via_govcorp:
        # QUO-8 (p.13, p.22): to the State Corporation not later than one day before the term ends.
        term_due = step_due(case=app, key="term") or on
        step_open(case=app, key="govcorp_delivery", organisation=app.organisation, start=on,
                  fixed_date=term_due - datetime.timedelta(days=1))


@transaction.atomic
def application_decide_include(*, application_id: int, actor, seen_version: int | None = None,
                               on: datetime.date | None = None) -> QuotaApplication:
    """QUO-8 / QUO-10: inclusion (app.4 / app.9), signed by the MIO head; consumes the quota under a lock.

    Raises QuotaExhausted (an ActionNotAllowed) when the plan has no room: refuse on ground 5 / 4."""
    on = on or timezone.localdate()
    app = QuotaApplication.objects.get(pk=application_id)
    # Fail on role/state before touching the plan; the plan row lock then serialises concurrent decisions.
    from kandas.transitions import ensure_can
    ensure_can(actor, app, "include")
    plan, units = quota_consume(application=app, on=on)
    app = case_transition(case=app, transition="include", actor=actor, seen_version=seen_version,
                          kwargs={"on": on, "number": f"{app.ref}/Ш", "plan": plan, "units": units},
                          sign="decision", sign_role="mio_head")
    person_quota_included_set(person_id=app.applicant_id, on=on)
    for member in app.members.filter(included=True):
        person_quota_included_set(person_id=member.person_id, on=on)
    _after_decision(app, on)
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
    QuotaApplication.objects.filter(pk=app.pk).update(refusal_grounds=grounds, refusal_reasoning=reasoning)
    app = case_transition(case=app, transition="refuse", actor=actor, seen_version=seen_version,
                          kwargs={"on": on, "number": f"{app.ref}/Б"}, sign="decision", sign_role="mio_head",
                          comment="; ".join(str(ALL_GROUNDS[g]) for g in grounds))
    _after_decision(app, on)
    return app


@transaction.atomic
def application_send_result(*, application_id: int, actor, seen_version: int | None = None,
                            on: datetime.date | None = None) -> QuotaApplication:
    """QUO-8: the result goes out by the channel of filing; the 14-day term closes (an overrun is flagged)."""
    on = on or timezone.localdate()
    app = case_transition(case=QuotaApplication.objects.get(pk=application_id), transition="send_result",
                          actor=actor, seen_version=seen_version, kwargs={"on": on})
    applicant_notice_send(app=app, kind=ApplicantNotice.Kind.RESULT, text=result_text(app), on=on)
    step_close(case=app, key="govcorp_delivery", on=on)
    if step_close(case=app, key="term", on=on):
        QuotaApplication.objects.filter(pk=app.pk).update(term_overrun=True)  # Decisions 5: flagged, not hidden
        app = QuotaApplication.objects.get(pk=app.pk)
    return app
