"""What the public tracking page and its JSON tell (issue 15): the case number, its state in plain words,
each statutory deadline with its explanation and due date, what the applicant still has to bring, the next
step and the organisation that holds it, and whether the result can be downloaded.

Nothing else: of the applicant only the initials ("К. Б."); no IIN, birth date, address, family, nor the
name of any official (organisations only)."""
from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.urls import reverse

from .deadlines import case_deadlines
from .holders import step_holders
from .models import Deadline, DocumentKind, Signature
from .pdf import pdf_render


def initials(person) -> str:
    parts = [getattr(person, f, "") or "" for f in ("surname", "given_name")]
    return " ".join(f"{p.strip()[0].upper()}." for p in parts if p.strip())


def _missing(case) -> list[str]:
    """The completeness check's missing documents, by kind only (the stored rows name family members)."""
    rows = getattr(case, "missing_documents", None) or []
    labels = dict(DocumentKind.choices)
    out = []
    for row in rows:
        if isinstance(row, dict):
            label = str(labels.get(row.get("kind"), row.get("kind") or ""))
        else:
            label = str(row)
        if label and label not in out:
            out.append(label)
    return out


def _date(day) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


# ---- the result PDF once decided, per case type: (template name known to the app, builder) -----------
def _signature(case, *purposes):
    return (Signature.objects.filter(case_type=ContentType.objects.get_for_model(case), case_id=case.pk,
                                     purpose__in=purposes).order_by("-signed_at", "-pk").first())


def _status_result(case, language):
    from status.models import StatusApplication
    from status.views.pdfs import case_pdf_bytes

    purposes = ("decision", "refusal") if isinstance(case, StatusApplication) else ("extension_decision", "refusal")
    signature = _signature(case, *purposes)
    if signature is None:
        return None
    document = "decision" if signature.purpose in ("decision", "extension_decision") else "refusal"
    return lambda: case_pdf_bytes(case, document, language)


def _quota_result(case, language):
    from quota.views.applications import printouts_for
    from quota.views.printing import TEMPLATES, application_pdf_context

    forms = [form for form, _label in printouts_for(case) if form in ("app4", "app5", "app9", "app10")]
    if not forms or _signature(case, "decision") is None:
        return None
    return lambda: pdf_render(TEMPLATES[forms[0]], application_pdf_context(case, forms[0]), language=language)


def _residence_result(case, language):
    """RES-3 / RES-9: the signed referral (form app.1), or the MIO's signed decision on early termination
    issued after it: the latest of them. A referral of a refused or lapsed application is no result."""
    from adaptation.models import ResidenceState
    from adaptation.views.pdfs import decision_print, referral_print

    signatures = (Signature.objects.filter(case_type=ContentType.objects.get_for_model(case), case_id=case.pk)
                  .filter(Q(purpose__startswith="termination:") | Q(purpose="referral"))
                  .select_related("signer", "organisation").order_by("-signed_at", "-pk"))
    for signature in signatures:
        if signature.purpose == "referral":
            if case.state in (ResidenceState.REFUSED, ResidenceState.LAPSED):
                return None
            return lambda signature=signature: pdf_render(*referral_print(case, signature), language=language)
        proposal_id = signature.purpose.partition(":")[2]
        proposal = (case.termination_proposals.select_related("member__person", "decided_by")
                    .filter(pk=int(proposal_id)).exclude(decision="").first() if proposal_id.isdigit() else None)
        if proposal is not None:
            return lambda signature=signature: pdf_render(*decision_print(case, proposal, signature),
                                                          language=language)
    return None


def _support_result(case, language):
    """ADA-15: the individual adaptation and integration plan, once approved and signed by the settlement LMC
    head (agreed with the kandas before): the applicant's own document of what the services are and when."""
    from adaptation.models import PlanState
    from adaptation.views.plans import plan_print

    plan = getattr(case, "plan", None)
    if plan is None or plan.state not in (PlanState.APPROVED, PlanState.LOADED) \
            or _signature(case, "adaptation_plan") is None:
        return None
    return lambda: pdf_render(*plan_print(case, language), language=language)


RESULTS = {"status.statusapplication": _status_result, "status.statusextension": _status_result,
           "quota.quotaapplication": _quota_result, "adaptation.residenceapplication": _residence_result,
           "adaptation.supportapplication": _support_result}


def result_pdf(case, language: str):
    """A callable giving the result PDF's bytes, or None while the case is undecided."""
    builder = RESULTS.get(case._meta.label_lower)
    return builder(case, "kk" if language.startswith("kk") else "ru") if builder else None


def public_summary(case, tracking) -> dict:
    deadlines = [d for d in case_deadlines(case).select_related("organisation").order_by("-is_service_term", "start",
                                                                                         "due", "pk")
                 if d.state != Deadline.State.CANCELLED]
    held = step_holders(case)
    next_step = None
    if held:
        d = held[0]
        next_step = {"step": d.step_label, "organisation": str(d.organisation), "due": _date(d.due)}
    decided = result_pdf(case, "ru") is not None
    return {
        "number": case.ref,
        "service": str(case._meta.verbose_name),
        "applicant_initials": initials(getattr(case, "applicant", None)),
        "filed_on": _date(case.filed_on),
        "state": case.state,
        "state_label": str(case.get_state_display()),
        "organisation": str(case.organisation),
        "deadlines": [{
            "step": d.step_label, "rule": d.rule, "organisation": str(d.organisation), "due": _date(d.due),
            "state": d.state, "state_label": str(d.get_state_display()), "is_service_term": d.is_service_term,
            "overdue": d.is_running and d.state != Deadline.State.PAUSED and d.due < _today(),
            "explanation": d.explanation_text,
        } for d in deadlines],
        "missing_documents": _missing(case),
        "next_step": next_step,
        "decided": decided,
        "result_pdf": reverse("kandas:track_result", args=[tracking.token]) if decided else None,
    }


def _today():
    from django.utils import timezone

    return timezone.localdate()


def case_of(tracking):
    """The tracked case itself (a plain lookup by the token's own key: the token is the permission)."""
    model = tracking.case_type.model_class()
    case = model.objects.filter(pk=tracking.case_id).select_related("organisation").first() if model else None
    if case is None:
        raise Http404
    return case


__all__ = ["case_of", "initials", "public_summary", "result_pdf"]
