"""Walk an adaptation application along its chain through the services, each step by its holder."""
from django.utils import timezone

from adaptation.models import SupportApplication, SupportCopy, SupportState
from adaptation.services import chain, relocation

ORDER = [SupportState.REGISTERED, SupportState.AT_EXIT_LMC, SupportState.AT_EXIT_MIO, SupportState.AT_SETTLEMENT_MIO,
         SupportState.SETTLEMENT_CHECK, SupportState.AT_SETTLEMENT_LMC, SupportState.LMC_ROUTING,
         SupportState.AT_SETTLEMENT_CC, SupportState.CC_WORKING, SupportState.FINAL_DECISION,
         SupportState.QUOTA_FILED, SupportState.RELOCATED]


def receive_copies(world, app):
    ids = list(SupportCopy.objects.filter(member__application=app, source="paper").values_list("pk", flat=True))
    return chain.support_copies_receive(actor=world.exit.cc_specialist, application_id=app.pk, copy_ids=ids)


def step(world, app: SupportApplication, *, interested=True, on=None) -> SupportApplication:
    """Take the one forward step the case is waiting for, as the user of the holding organisation."""
    s = app.state
    today = timezone.localdate()
    if s in (SupportState.REGISTERED, SupportState.REWORK):
        if app.copies_missing():
            receive_copies(world, app)
        return chain.support_submit(actor=world.exit.cc_specialist, application_id=app.pk)
    if s == SupportState.AT_EXIT_LMC:
        return chain.support_lmc_sign(actor=world.exit.lmc_head, application_id=app.pk)
    if s == SupportState.AT_EXIT_MIO:
        return chain.support_exit_mio_sign(actor=world.exit.head, application_id=app.pk)
    if s == SupportState.AT_SETTLEMENT_MIO:
        return chain.support_assign(actor=world.settle.head, application_id=app.pk,
                                    specialist_id=world.settle.specialist.pk)
    if s == SupportState.SETTLEMENT_CHECK:
        return chain.support_settlement_sign(actor=world.settle.specialist, application_id=app.pk)
    if s == SupportState.AT_SETTLEMENT_LMC:
        return chain.support_lmc_contact(actor=world.settle.lmc_specialist, application_id=app.pk,
                                         receipt_confirmed_on=today, consultation_note="Условия переселения",
                                         vacancies_offered="Сварщик, ТОО «Павлодар Энерго»", interested=interested)
    if s == SupportState.LMC_ROUTING:
        return chain.support_route_agree(actor=world.settle.lmc_specialist, application_id=app.pk,
                                         vacancy="Сварщик", route="Алматы — Павлодар", relocation_on=today,
                                         transport="rail", arriving_count=4)
    if s == SupportState.AT_SETTLEMENT_CC:
        return chain.support_cc_accept(actor=world.settle.cc_specialist, application_id=app.pk,
                                       plan_draft="Регистрация, школа, поликлиника", on=on)
    if s == SupportState.CC_WORKING:
        return relocation.support_final_decide(
            actor=world.settle.cc_specialist, application_id=app.pk, relocation_on=today, transport="rail",
            employer="ТОО «Павлодар Энерго»", position="сварщик", labour_contract="№ 17 от 01.12.2026",
            housing_requested=True)
    if s == SupportState.FINAL_DECISION:
        return relocation.support_quota_file(actor=world.settle.cc_specialist, application_id=app.pk, status_9_1=True)
    raise AssertionError(f"no forward step from {s}")


def walk(world, app, until: str, **kw) -> SupportApplication:
    while app.state != until:
        app = step(world, app, **kw)
    return app
