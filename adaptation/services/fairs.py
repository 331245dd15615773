"""ADA-10 (p.20–24): job fairs with the settlement regions, online (video conference) or offline; the exit CC
forms the list of candidate kandas and sends it to the settlement CC, which records participation."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_noop

from kandas.models import Organisation
from kandas.notify import organisation_notify_on_commit
from kandas.scoping import user_organisation
from kandas.texts import text
from kandas.transitions import case_event_log

from ..models import FairMode, JobFair, JobFairCandidate, SupportApplication


def _cc(actor) -> Organisation:
    org = user_organisation(actor)
    if org is None or org.kind != Organisation.Kind.CC:
        raise PermissionDenied(_("Job fairs are organised by career centres."))
    return org


@transaction.atomic
def fair_create(*, actor, mode: str, held_on, title: str, settlement_cc_id: int) -> JobFair:
    """ADA-10 (p.22): a fair online (video conference, on the schedule) or offline in the region of exit."""
    cc = _cc(actor)
    settlement_cc = Organisation.objects.filter(pk=settlement_cc_id, kind=Organisation.Kind.CC).first()
    if mode not in FairMode.values:
        raise ValidationError({"mode": _("Choose online or offline.")})
    if settlement_cc is None or settlement_cc.region_id == cc.region_id:
        raise ValidationError({"settlement_cc": _("Choose the career centre of a settlement region.")})
    return JobFair.objects.create(mode=mode, held_on=held_on, title=title, exit_cc=cc, settlement_cc=settlement_cc,
                                  created_by=actor)


@transaction.atomic
def fair_candidate_add(*, actor, fair_id: int, application_id: int) -> JobFairCandidate:
    """ADA-10 (p.24): the exit CC puts an application of its own on the candidate list."""
    fair = JobFair.objects.select_for_update().get(pk=fair_id)
    if _cc(actor).pk != fair.exit_cc_id:
        raise PermissionDenied(_("The candidate list is formed by %(org)s.") % {"org": fair.exit_cc})
    app = SupportApplication.objects.filter(pk=application_id, exit_cc=fair.exit_cc,
                                            settlement_region=fair.settlement_cc.region).first()
    if app is None:
        raise ValidationError({"application": _("Choose an application of this career centre for the fair's "
                                                "settlement region.")})
    candidate, _created = JobFairCandidate.objects.get_or_create(fair=fair, application=app)
    return candidate


@transaction.atomic
def fair_list_send(*, actor, fair_id: int) -> JobFair:
    """ADA-10 (p.24): the list goes to the settlement CC specialist for help with employment."""
    fair = JobFair.objects.select_for_update().get(pk=fair_id)
    if _cc(actor).pk != fair.exit_cc_id:
        raise PermissionDenied(_("The candidate list is sent by %(org)s.") % {"org": fair.exit_cc})
    if not fair.candidates.exists():
        raise ValidationError(_("Add at least one candidate."))
    fair.list_sent_on = timezone.localdate()
    fair.save(update_fields=["list_sent_on"])
    for c in fair.candidates.select_related("application"):
        case_event_log(case=c.application, event="fair", actor=actor, message=text(
            gettext_noop("On the candidate list of the job fair “%(title)s” (%(day)s)."), title=fair.title,
            day=fair.held_on))
    organisation_notify_on_commit(organisation=fair.settlement_cc, key=f"fair:{fair.pk}", link=fair.get_absolute_url(),
                                  message=text(gettext_noop("Candidate list of the job fair “%(title)s”: %(n)s kandas."),
                                               title=fair.title, n=fair.candidates.count()))
    return fair


@transaction.atomic
def fair_participation_record(*, actor, candidate_id: int, participated: bool, outcome: str = "") -> JobFairCandidate:
    """ADA-10: who took part and with what outcome (either career centre of the fair records it)."""
    candidate = JobFairCandidate.objects.select_for_update().select_related("fair").get(pk=candidate_id)
    if _cc(actor).pk not in (candidate.fair.exit_cc_id, candidate.fair.settlement_cc_id):
        raise PermissionDenied(_("Participation is recorded by the career centres of the fair."))
    candidate.participated, candidate.outcome = participated, outcome
    candidate.save(update_fields=["participated", "outcome"])
    return candidate
