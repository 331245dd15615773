"""The final decision and the relocation (ADA-12, ADA-13, p.29–31) and the return of state support after a
self-directed migration (ADA-22, p.46)."""
from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_noop

from kandas.deadlines import deadline_cancel, deadline_close, deadline_open
from kandas.holders import step_holder_ensure
from kandas.models import KINSHIP_BY_SERVICE, Organisation
from kandas.notify import organisation_notify_on_commit
from kandas.rules import CALENDAR_DAYS, Step
from kandas.texts import text
from kandas.transitions import ActionNotAllowed, CaseConflict, StepOpen, case_event_log, case_transition, ensure_can

from ..models import RegistrationKind, SupportApplication, SupportState
from . import support_orgs as orgs


def one_year_after(day: datetime.date) -> datetime.date:
    """The same date a year later (29 February → 28 February): 365 or 366 calendar days."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def support_final_decide(*, actor, application_id: int, relocation_on, transport: str, employer: str, position: str,
                         labour_contract: str, housing_requested: bool, seen_version=None,
                         on: datetime.date | None = None) -> SupportApplication:
    """ADA-12 (p.29): the final positive decision — relocation date and transport, the chosen job and its labour
    contract, the housing request; the quota application is then filed within 1 working day."""
    on = on or timezone.localdate()
    if not (employer.strip() and labour_contract.strip()):
        raise ValidationError({"labour_contract": _("Confirm the employer and the labour contract (p.29 sub.3).")})
    app = SupportApplication.objects.get(pk=application_id)
    return case_transition(
        case=app, transition="final_decide", actor=actor, seen_version=seen_version, close=["job_search"], on=on,
        kwargs={"on": on, "relocation_on": relocation_on, "transport": transport, "employer": employer,
                "position": position, "labour_contract": labour_contract, "housing_requested": housing_requested},
        open=[StepOpen("quota_file", orgs.settlement_cc(app))],
        message=text(gettext_noop("Final decision to relocate on %(day)s; job with %(employer)s, contract %(contract)s."),
                     day=relocation_on, employer=employer, contract=labour_contract))


@transaction.atomic
def support_quota_file(*, actor, application_id: int, status_9_1: bool = False,
                       seen_version=None) -> SupportApplication:
    """ADA-12 (p.29 sub.1) / Decisions 6: the career centre files the written quota application on the kandas'
    behalf through the portal channel — a real quota case that the quota chain then decides."""
    from quota.models import Channel, QuotaKind
    from quota.services import MemberInput, application_file

    app = SupportApplication.objects.select_for_update().get(pk=application_id)
    if seen_version is not None and seen_version != app.version:
        raise CaseConflict()
    ensure_can(actor, app, "quota_file", steps=("quota_file",))
    allowed = KINSHIP_BY_SERVICE["quota"]
    members = [MemberInput(m.person_id, m.kinship) for m in app.members.all() if m.kinship in allowed]
    quota_app = application_file(actor=actor, kind=QuotaKind.KANDAS, channel=Channel.PORTAL,
                                 applicant_id=app.applicant_id, region_id=app.settlement_region_id, consent=True,
                                 members=members, address=app.temporary_housing or "",
                                 eligibility_answers={"status_9_1": status_9_1})
    opens = []
    if app.relocation_on:
        opens.append(StepOpen("arrival", orgs.settlement_cc(app), fixed_date=app.relocation_on))
    return case_transition(
        case=app, transition="quota_file", actor=actor, kwargs={"quota_application": quota_app},
        close=["quota_file"], open=opens,
        message=text(gettext_noop("Quota application %(ref)s filed with %(org)s on the kandas' behalf."),
                     ref=quota_app.ref, org=str(quota_app.organisation)))


@transaction.atomic
def support_relocate(*, actor, application_id: int, arrived_on, met_at: str, temporary_housing: str,
                     registration_kind: str, registered_on, registration_centre_id: int | None = None,
                     seen_version=None) -> SupportApplication:
    """ADA-13 (p.30–31): met on arrival, placed in temporary housing, registered permanently — or, without
    housing, temporarily in an ACC / TAC for at most 1 year, tracked with its own deadline."""
    app = SupportApplication.objects.get(pk=application_id)
    centre = None
    until = None
    if registration_kind == RegistrationKind.TEMPORARY:
        centre = Organisation.objects.filter(pk=registration_centre_id, region=app.settlement_region,
                                             kind__in=(Organisation.Kind.ACC, Organisation.Kind.TAC)).first()
        if centre is None:
            raise ValidationError({"registration_centre": _("Choose an adaptation or temporary accommodation "
                                                            "centre of the settlement region.")})
        until = one_year_after(registered_on)
    app = case_transition(
        case=app, transition="relocate", actor=actor, seen_version=seen_version, holds=["arrival"],
        kwargs={"arrived_on": arrived_on, "met_at": met_at, "temporary_housing": temporary_housing,
                "registration_kind": registration_kind, "registration_centre": centre,
                "registered_on": registered_on, "temp_registration_until": until},
        message=text(gettext_noop("Arrived on %(day)s, met at %(place)s; %(registration)s."), day=arrived_on,
                     place=met_at, registration=RegistrationKind(registration_kind)))
    deadline_close(case=app, step="arrival", on=arrived_on)
    if until is not None:
        base = app.rules.step("temp_registration")
        step = Step(base.key, base.rule, (until - registered_on).days, CALENDAR_DAYS, label=base.label)
        deadline_open(case=app, step=step, organisation=orgs.settlement_cc(app), start=registered_on)
    return app


@transaction.atomic
def support_permanent_registration(*, actor, application_id: int, on, seen_version=None) -> SupportApplication:
    """ADA-13: the permanent registration that ends the temporary one in the centre."""
    app = SupportApplication.objects.select_for_update().get(pk=application_id)
    if seen_version is not None and seen_version != app.version:
        raise CaseConflict()
    step_holder_ensure(actor, app, ("temp_registration",))
    if app.state != SupportState.RELOCATED or app.permanent_registered_on:
        raise ActionNotAllowed(_("There is no temporary registration to end."))
    SupportApplication.objects.filter(pk=app.pk).update(permanent_registered_on=on, version=F("version") + 1)
    deadline_close(case=app, step="temp_registration", on=on)
    case_event_log(case=app, event="permanent_registration", actor=actor,
                   message=text(gettext_noop("Permanently registered on %(day)s."), day=on))
    return SupportApplication.objects.get(pk=app.pk)


@transaction.atomic
def support_self_migration(*, actor, application_id: int, on, evidence: str, seen_version=None) -> SupportApplication:
    """ADA-22 (p.46): a self-directed internal migration is recorded with its date and evidence and sent to the
    MIO, which recovers the state support under the voluntary relocation rules (order 234)."""
    if not evidence.strip():
        raise ValidationError({"evidence": _("Describe the evidence of the migration.")})
    app = SupportApplication.objects.get(pk=application_id)
    mio = orgs.settlement_mio(app)
    app = case_transition(case=app, transition="self_migrate", actor=actor, seen_version=seen_version,
                          kwargs={"on": on, "evidence": evidence}, comment=evidence,
                          message=text(gettext_noop("Self-directed migration on %(day)s; sent to %(org)s for the "
                                                    "return of state support."), day=on, org=str(mio)))
    deadline_cancel(case=app)
    organisation_notify_on_commit(organisation=mio, key=f"ada22:{app.pk}", link=app.get_absolute_url(),
                                  message=text(gettext_noop("%(ref)s: self-directed migration on %(day)s — return of "
                                                            "state support."), ref=app.ref, day=on))
    return app
