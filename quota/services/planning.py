"""QUO-12 (003 p.4–8): the yearly list of localities for voluntary relocation and proposals to the ministry."""
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_noop

from kandas.models import Locality, ObligationState, Organisation, Region
from kandas.obligation_services import obligation_ensure, obligation_fulfil, obligation_link_result
from kandas.roles import Role, user_has_role
from kandas.scoping import user_organisation
from kandas.selectors import organisation_of
from kandas.notify import organisation_notify_on_commit
from kandas.texts import text
from kandas.transitions import case_event_log, case_transition

from ..models import LocalityList, LocalityListEntry, QuotaProposal
from ..obligations import LOCALITY_LIST, OBLIGATION_KINDS
from ..rules import locality_list_due
from ..selectors import locality_list_obligations

LOCALITY_LIST_KIND = next(k for k in OBLIGATION_KINDS if k.code == LOCALITY_LIST)


def _ensure_mio(actor, region_id: int) -> None:
    if not user_has_role(actor, Role.MIO_SPECIALIST, Role.MIO_HEAD):
        raise PermissionDenied(_("Only the local executive body plans settlement."))
    org = user_organisation(actor)
    if not actor.is_superuser and (org is None or org.region_id != region_id):
        raise PermissionDenied(_("This region is not yours."))


@transaction.atomic
def locality_list_start(*, region_id: int, year: int, actor=None) -> LocalityList:
    """Open (idempotently) the list for `year`. Its deadline (14 December of the year before, in "My
    work") is the one of the MIO's yearly obligation (quota.obligations; created here if the daily
    generator has not yet), which now points at the list: one deadline, not two."""
    existing = LocalityList.objects.filter(region_id=region_id, year=year).first()
    if existing:
        return existing
    region = Region.objects.get(pk=region_id)
    mio = organisation_of(kind=Organisation.Kind.MIO, region=region)
    if mio is None:
        raise ValidationError(_("No local executive body is set up for this region."))
    due = locality_list_due(year)
    filed_on = min(timezone.localdate(), due)
    lst = LocalityList.objects.create(region=region, organisation=mio, year=year, filed_on=filed_on,
                                      created_by=actor)
    case_event_log(case=lst, event="start", actor=actor)
    obligation_ensure(kind=LOCALITY_LIST_KIND, organisation=mio,
                      period=LOCALITY_LIST_KIND.period(str(year)))
    for o in locality_list_obligations(lst).filter(state=ObligationState.OPEN):
        obligation_link_result(obligation_id=o.pk, result_ref=lst.ref, result_url=lst.get_absolute_url())
    return lst


@transaction.atomic
def locality_list_entry_add(*, list_id: int, actor, locality_id: int, direction: str, places: int = 0,
                            jobs: str = "") -> LocalityListEntry:
    lst = LocalityList.objects.select_for_update().get(pk=list_id)
    _ensure_mio(actor, lst.region_id)
    if lst.state != "draft":
        raise ValidationError(_("A published list cannot be changed."))
    locality = Locality.objects.get(pk=locality_id)
    if locality.region_id != lst.region_id:
        raise ValidationError({"locality": _("The locality is not in this region.")})
    entry, _created = LocalityListEntry.objects.update_or_create(
        locality_list=lst, locality=locality, defaults={"direction": direction, "places": places, "jobs": jobs})
    return entry


@transaction.atomic
def locality_list_publish(*, list_id: int, actor, on: datetime.date | None = None) -> LocalityList:
    """QUO-12 (p.8): published on the Electronic Labour Exchange ("Relocation") and sent to the LMC and CCs."""
    on = on or timezone.localdate()
    lst = case_transition(case=LocalityList.objects.get(pk=list_id), transition="publish", actor=actor,
                          kwargs={"on": on}, sign="locality_list")
    for o in locality_list_obligations(lst).filter(state=ObligationState.OPEN):
        obligation_fulfil(obligation_id=o.pk, actor=actor, on=on, result_ref=lst.ref,
                          result_url=lst.get_absolute_url())
    receivers = Organisation.objects.filter(region_id=lst.region_id, kind__in=(Organisation.Kind.LMC,
                                                                              Organisation.Kind.CC))
    message = text(gettext_noop("The list of localities for voluntary relocation for %(year)d (%(region)s) is published."),
                   year=lst.year, region=lst.region)
    for org in receivers:
        organisation_notify_on_commit(organisation=org, key=f"locality-list:{lst.pk}", message=message,
                                      link=lst.get_absolute_url())
    return lst


@transaction.atomic
def proposal_create(*, actor, region_id: int, subject: str, period: str, justification: str,
                    change: int | None = None, locality_id: int | None = None) -> QuotaProposal:
    """QUO-12 (003 p.4): a proposal of the MIO to the ministry."""
    _ensure_mio(actor, region_id)
    if not justification.strip():
        raise ValidationError({"justification": _("Justify the proposal.")})
    return QuotaProposal.objects.create(region_id=region_id, subject=subject, period=period, change=change,
                                        locality_id=locality_id, justification=justification)


@transaction.atomic
def proposal_send(*, proposal_id: int, actor, on: datetime.date | None = None) -> QuotaProposal:
    proposal = QuotaProposal.objects.select_for_update().get(pk=proposal_id)
    _ensure_mio(actor, proposal.region_id)
    if proposal.state != QuotaProposal.State.DRAFT:
        raise ValidationError(_("The proposal has already been sent."))
    proposal.state, proposal.sent_on = QuotaProposal.State.SENT, on or timezone.localdate()
    proposal.save(update_fields=["state", "sent_on"])
    ministry = Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).first()
    if ministry:
        organisation_notify_on_commit(
            organisation=ministry, key=f"quota-proposal:{proposal.pk}", link="/quota/proposals/",
            message=text(gettext_noop("New proposal from %(region)s: %(subject)s"), region=proposal.region,
                         subject=QuotaProposal.Subject(proposal.subject)))
    return proposal


@transaction.atomic
def proposal_answer(*, proposal_id: int, actor, accepted: bool, answer: str,
                    on: datetime.date | None = None) -> QuotaProposal:
    if not user_has_role(actor, Role.MINISTRY_ANALYST):
        raise PermissionDenied(_("Only the ministry answers proposals."))
    proposal = QuotaProposal.objects.select_for_update().get(pk=proposal_id)
    if proposal.state != QuotaProposal.State.SENT:
        raise ValidationError(_("Only a sent proposal can be answered."))
    proposal.state = QuotaProposal.State.ACCEPTED if accepted else QuotaProposal.State.REJECTED
    proposal.answer, proposal.answered_on = answer, on or timezone.localdate()
    proposal.save(update_fields=["state", "answer", "answered_on"])
    return proposal
