"""The actions a quota case page offers (kandas.actions): one registry per case type.

Steps and who holds them (kandas.holders; opened in quota.services):
  term                      the MIO (provider) — the 14-working-day service term, QUO-8
  govcorp_check             the State Corporation (paper) — QUO-3, on the spot: due the day of filing (p.6, p.14)
  k_acceptance              the MIO (portal) — QUO-3, 1 working day (p.8)
  s_acceptance              the MIO (portal) — QUO-3, 2 working days (p.15)
  s_cc_forward              the career centre of the region of exit (portal settlers) — QUO-6, 1 working day
  k_to_commission           the MIO — QUO-5, 6 working days from the day the application arrives (p.10)
  s_to_commission           the MIO — QUO-6, 5 working days from the day the application arrives (p.19)
  k_recommend               the kandas commission (KCOM) — QUO-5, 5 working days
  s_recommend               the regional employment commission (ECOM) — QUO-6, 3 working days
  objections                the MIO (receives the objections, holds the hearing) — QUO-7, 2 working days
  decide                    the MIO (its head signs) — QUO-8, 3 working days
  govcorp_delivery          the MIO (hands the result to the State Corporation) — QUO-8, a calendar date
  complaint_head / _authority / complaint_extension_notice   the provider's MIO — QUO-11
"""
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kandas.actions import CaseAction, register_actions
from kandas.roles import Role

from . import services
from .forms import (CompletenessForm, ComplaintDecideForm, ComplaintExtendForm, ComplaintForm, HearingForm,
                    PreliminaryRefusalForm, RecommendForm, RefuseForm, UnitRefusedForm)
from .models import ALL_GROUNDS, QUOTA_EXHAUSTED_GROUND, AppState, Complaint, ComplaintState, QuotaApplication, QuotaPlan
from .selectors import plan_for
from .services.complaints import COMPLAINT_STEPS

ACCEPTANCE_STEPS = ("govcorp_check", "k_acceptance", "s_acceptance", "s_cc_forward")
COMMISSION_STEPS = ("k_recommend", "s_recommend")


def quota_room(app: QuotaApplication) -> tuple[QuotaPlan | None, int, bool]:
    """QUO-10: this year's plan the case would consume (its unit's, else its region's; selectors.plan_for),
    the units the family needs, and whether inclusion is impossible: the free places (QuotaPlan.free) do not
    take the family, or the applicant refused the offered unit (ground 5 / 4)."""
    plan = plan_for(app, timezone.localdate().year)
    units = services.quota_units_of(application=app, unit=plan.unit) if plan else 0
    return plan, units, plan is None or plan.free < units or app.locality_refused_on is not None


def _refuse_form_kwargs(app):
    kwargs = {"kind": app.kind}
    if quota_room(app)[2]:  # QUO-10: no room → ground 5 (kandas) / 4 (settlers) is offered ticked
        kwargs["initial"] = {"grounds": [QUOTA_EXHAUSTED_GROUND[app.kind]]}
    return kwargs


def _preliminary_form_kwargs(app):
    """QUO-7 / QUO-10: no room for the family, or the offered unit refused → the remarks name ground 5 / 4."""
    if quota_room(app)[2]:
        remarks = str(ALL_GROUNDS[QUOTA_EXHAUSTED_GROUND[app.kind]])
        if app.locality_refused_on:
            remarks += " — " + str(_("the applicant refused the offered unit %(unit)s on %(day)s") % {
                "unit": app.locality, "day": app.locality_refused_on.strftime("%d.%m.%Y")})
        return {"initial": {"remarks": remarks}}
    return {}


def _common(case, data, actor):
    return {"application_id": case.pk, "actor": actor, "seen_version": data["seen_version"]}


register_actions(QuotaApplication, url_name="quota:application_act", actions=[
    CaseAction("check", transition="accept", label=_("Completeness check"), form=CompletenessForm,
               form_kwargs=lambda app: {"kind": app.kind}, steps=ACCEPTANCE_STEPS,
               run=lambda actor, case, data: services.application_check_completeness(
                   **_common(case, data, actor), missing=CompletenessForm.missing_of(data))),
    CaseAction("send_to_commission", transition="send_to_commission", steps=("k_to_commission", "s_to_commission"),
               run=lambda actor, case, data: services.application_send_to_commission(**_common(case, data, actor))),
    CaseAction("recommend", transition="recommend_inclusion", label=_("Recommendation of the commission"),
               form=RecommendForm, steps=COMMISSION_STEPS,
               run=lambda actor, case, data: services.application_recommend(
                   **_common(case, data, actor), include=data["include"], remarks=data["remarks"],
                   hearing_at=data["hearing_at"], hearing_place=data["hearing_place"],
                   received_on=data["received_on"])),
    # QUO-7: after a positive recommendation a refusal starts with the MIO's own preliminary decision.
    CaseAction("preliminary_refusal", transition="preliminary_refusal", form=PreliminaryRefusalForm,
               form_kwargs=_preliminary_form_kwargs, steps=("decide",),
               run=lambda actor, case, data: services.application_preliminary_refusal(
                   **_common(case, data, actor), remarks=data["remarks"], hearing_at=data["hearing_at"],
                   hearing_place=data["hearing_place"], received_on=data["received_on"])),
    # QUO-10: the applicant refuses the territorial unit offered for settlement (ground 5 / 4).
    CaseAction("unit_refused", label=_("The applicant refused the offered unit"), form=UnitRefusedForm,
               roles=(Role.MIO_SPECIALIST, Role.MIO_HEAD), done=_("The refusal of the offered unit is recorded."),
               states=(AppState.REGISTERED, AppState.AT_COMMISSION, AppState.RECOMMENDED,
                       AppState.PRELIMINARY_REFUSAL, AppState.HEARD),
               when=lambda c: c.locality_id is not None and c.locality_refused_on is None,
               run=lambda actor, case, data: services.application_unit_refused(
                   application_id=case.pk, actor=actor, seen_version=data["seen_version"], on=data["on"])),
    CaseAction("hearing", transition="record_hearing", form=HearingForm, steps=("objections",),
               run=lambda actor, case, data: services.application_record_hearing(
                   **_common(case, data, actor), objections=data["objections"], minutes=data["minutes"])),
    CaseAction("include", transition="include", signs="decision", steps=("decide",),
               run=lambda actor, case, data: services.application_decide_include(**_common(case, data, actor))),
    CaseAction("refuse", transition="refuse", signs="decision", steps=("decide",), form=RefuseForm,
               form_kwargs=_refuse_form_kwargs,
               run=lambda actor, case, data: services.application_decide_refuse(
                   **_common(case, data, actor), grounds=data["grounds"], reasoning=data["reasoning"])),
    CaseAction("send_result", transition="send_result", steps=("govcorp_delivery",),
               run=lambda actor, case, data: services.application_send_result(**_common(case, data, actor))),
    CaseAction("complaint", label=_("Register a complaint"), form=ComplaintForm, done=_("Complaint registered."),
               roles=(Role.MIO_SPECIALIST, Role.MIO_HEAD, Role.GOVCORP_OPERATOR),
               run=lambda actor, case, data: services.complaint_register(
                   application_id=case.pk, actor=actor, addressee=data["addressee"], text=data["text"],
                   electronic=data["electronic"])),
])

register_actions(Complaint, url_name="quota:complaint_act", actions=[
    CaseAction("extend", transition="extend", form=ComplaintExtendForm, steps=COMPLAINT_STEPS,
               run=lambda actor, case, data: services.complaint_extend(
                   complaint_id=case.pk, actor=actor, seen_version=data["seen_version"], reason=data["reason"],
                   until=data["until"])),
    CaseAction("notified", label=_("Applicant notified of the extension"), roles=(Role.MIO_SPECIALIST, Role.MIO_HEAD),
               states=(ComplaintState.EXTENDED,), when=lambda c: c.extension_notified_on is None,
               steps=("complaint_extension_notice",),
               run=lambda actor, case, data: services.complaint_extension_notified(complaint_id=case.pk, actor=actor)),
    CaseAction("decide", transition="decide", form=ComplaintDecideForm, steps=COMPLAINT_STEPS,
               run=lambda actor, case, data: services.complaint_decide(
                   complaint_id=case.pk, actor=actor, seen_version=data["seen_version"], outcome=data["outcome"],
                   text=data["text"])),
])
