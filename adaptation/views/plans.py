"""Pages of the individual plan (ADA-14/15), the phone page of a plan item with evidence (ADA-16) and the
chunk endpoint of evidence uploads."""
from __future__ import annotations

import datetime
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kandas.pdf import pdf_language, pdf_response, signature_print_context
from kandas.printing import print_gate
from kandas.roles import Role, user_has_role

from ..models import EvidenceUpload, PlanItem, PlanState
from ..plan_catalogue import BY_NUMBER
from ..selectors.support import support_get
from ..services import evidence as ev, plans

CHUNK_MAX = 8 * 1024 * 1024


def service_label(number: int, language: str | None = None) -> str:
    s = BY_NUMBER[number]
    code = (language or translation.get_language() or "ru").split("-")[0]
    return {"ru": s.app1_ru, "kk": s.kk}.get(code, s.en)


def _errors(exc) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def plan_rows(plan, language=None):
    """The plan grouped by family member, applicant first."""
    today = timezone.localdate()
    groups: dict[int, dict] = {}
    order = [plan.application.applicant_id] + list(plan.application.members.order_by("pk").values_list("person_id", flat=True))
    for item in plan.items.select_related("person", "completed_by").prefetch_related("evidence"):
        group = groups.setdefault(item.person_id, {"person": item.person, "items": []})
        item.label = service_label(item.service, language)
        item.overdue = not item.completed_on and item.due < today
        group["items"].append(item)
    return [groups[pk] for pk in order if pk in groups]


@login_required
def plan_detail(request, pk: int):
    app = support_get(user=request.user, pk=pk)
    plan = getattr(app, "plan", None)
    context = {"app": app, "plan": plan, "groups": plan_rows(plan) if plan else [],
               "is_cc": user_has_role(request.user, Role.CC_SPECIALIST, Role.CC_DIRECTOR),
               "is_lmc_head": user_has_role(request.user, Role.LMC_HEAD), "PlanState": PlanState}
    return render(request, "adaptation/plans/detail.html", context)


ACTIONS = {
    "create": lambda actor, app, plan: plans.plan_create(actor=actor, application_id=app.pk),
    "agree": lambda actor, app, plan: plans.plan_agree(actor=actor, plan_id=plan.pk),
    "approve": lambda actor, app, plan: plans.plan_approve(actor=actor, plan_id=plan.pk),
    "load": lambda actor, app, plan: plans.plan_load(actor=actor, plan_id=plan.pk),
}
DONE = {"create": gettext_lazy("The plan is formed."), "agree": gettext_lazy("The kandas's agreement is recorded."),
        "approve": gettext_lazy("The plan is approved and signed."), "load": gettext_lazy("The plan is loaded.")}


@login_required
@require_POST
def plan_act(request, pk: int, action: str):
    app = support_get(user=request.user, pk=pk)
    run = ACTIONS.get(action)
    plan = getattr(app, "plan", None)
    if run is None or (action != "create" and plan is None):
        raise Http404
    try:
        run(request.user, app, plan)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, str(DONE[action]))
    return redirect("adaptation:plan_detail", pk=app.pk)


def plan_print(app, language: str) -> tuple[str, dict]:
    """ADA-14: the template and context of the plan as printed (also the applicant's result on the public
    tracking page once approved, ADA-15: kandas.tracking_public)."""
    plan = app.plan
    signature = app.signatures.filter(purpose="adaptation_plan").select_related("signer", "organisation").last()
    return "adaptation/plans/pdf/plan.html", {"app": app, "plan": plan, "groups": plan_rows(plan, language),
                                              **signature_print_context(signature)}


@login_required
def plan_pdf(request, pk: int):
    """ADA-14: the plan as printed, ru or kk (built from the fields p.32–34 name: the form is not in the seed)."""
    app = support_get(user=request.user, pk=pk)
    if getattr(app, "plan", None) is None:
        raise Http404
    language = pdf_language(request)
    print_gate(user=request.user, person=app.applicant, detail=f"{app.ref} plan")
    template, context = plan_print(app, language)
    return pdf_response(template, context, filename=f"{app.ref}-plan-{language}.pdf", language=language)


def _item(request, item_pk: int) -> PlanItem:
    item = get_object_or_404(PlanItem.objects.select_related("plan__application", "person"), pk=item_pk)
    support_get(user=request.user, pk=item.plan.application_id)  # scope: 404 outside it
    return item


@login_required
def item_field(request, item_pk: int):
    """ADA-16: the phone page of one item: camera, position, chunked upload, completion."""
    item = _item(request, item_pk)
    if request.method == "POST":
        try:
            on = parse_date(request.POST.get("completed_on", "") or "")
            if on is None:
                raise ValidationError(_("Enter the date the service was provided."))
            ev.item_complete(actor=request.user, item_id=item.pk, completed_on=on,
                             documents=request.POST.get("documents", ""), note=request.POST.get("note", ""))
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(request, _("The item is completed."))
            return redirect("adaptation:plan_item", item_pk=item.pk)
    item.label = service_label(item.service)
    return render(request, "adaptation/plans/item.html", {
        "item": item, "app": item.plan.application, "evidence": list(item.evidence.all()),
        "today": timezone.localdate(), "chunk_size": 256 * 1024})


@login_required
@require_POST
def upload_start_view(request, item_pk: int):
    item = _item(request, item_pk)
    p = request.POST
    try:
        up = ev.upload_start(actor=request.user, item_id=item.pk, kind=p.get("kind", ""), filename=p.get("filename", ""),
                             size=p.get("size"), latitude=p.get("latitude"), longitude=p.get("longitude"),
                             accuracy=p.get("accuracy"), taken_at=p.get("taken_at"))
    except (ValidationError, PermissionDenied) as exc:
        return JsonResponse({"error": _errors(exc)}, status=400)
    return JsonResponse({"id": str(up.pk), "offset": up.received, "size": up.size})


@login_required
@require_http_methods(["GET", "POST"])
def upload_chunk_view(request, upload_id):
    up = get_object_or_404(EvidenceUpload, pk=upload_id, uploaded_by=request.user)
    if request.method == "GET":
        return JsonResponse({"id": str(up.pk), "offset": up.received, "size": up.size, "done": bool(up.evidence_id)})
    try:
        offset = int(request.headers.get("Upload-Offset", ""))
    except ValueError:
        return JsonResponse({"error": _("The chunk has no Upload-Offset."), "offset": up.received}, status=400)
    data = request.body
    if len(data) > CHUNK_MAX:
        return JsonResponse({"error": _("The chunk is larger than 8 MB."), "offset": up.received}, status=413)
    try:
        up = ev.upload_chunk(actor=request.user, upload_id=up.pk, offset=offset, data=data)
    except ev.OffsetMismatch as exc:
        return JsonResponse({"error": _errors(exc), "offset": exc.received}, status=409)
    except ValidationError as exc:
        return JsonResponse({"error": _errors(exc), "offset": up.received}, status=400)
    return JsonResponse({"id": str(up.pk), "offset": up.received, "size": up.size, "done": bool(up.evidence_id)})


@login_required
def roadmap_pdf(request, pk: int):
    """ADA-17: the rural roadmap, printable in 3 copies (the form is not in the seed: built from p.38)."""
    app = support_get(user=request.user, pk=pk)
    plan = getattr(app, "plan", None)
    roadmap = getattr(plan, "roadmap", None) if plan else None
    if roadmap is None:
        raise Http404
    language = pdf_language(request)
    print_gate(user=request.user, person=app.applicant, detail=f"{app.ref} roadmap")
    return pdf_response("adaptation/plans/pdf/roadmap.html", {"app": app, "plan": plan, "roadmap": roadmap},
                        filename=f"{app.ref}-roadmap-{language}.pdf", language=language)


@login_required
def evidence_file(request, pk: int):
    """An evidence file, to those who see its case only (MEDIA_URL is not served: GEN-3), logged."""
    from django.http import FileResponse

    from kandas.models import PersonalDataAccess
    from kandas.services import personal_data_access_log

    from ..models import Evidence

    evidence = get_object_or_404(Evidence.objects.select_related("item__plan", "item__person"), pk=pk)
    support_get(user=request.user, pk=evidence.item.plan.application_id)
    personal_data_access_log(user=request.user, person=evidence.item.person, action=PersonalDataAccess.Action.VIEW,
                             detail=f"evidence {evidence.pk}")
    return FileResponse(evidence.file.open("rb"), filename=evidence.filename)
