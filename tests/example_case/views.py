"""Views of the example case: the shape every app's case views take (scoped get, run_action, print)."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_POST

from kandas.casepage import case_page_context
from kandas.pdf import pdf_language, pdf_response, signature_print_context
from kandas.scoping import scoped_get_or_404
from kandas.transitions import case_transition
from kandas.views.actions import case_seen_version, run_action

from .models import ExampleCase


@login_required
def case_detail(request, pk):
    case = scoped_get_or_404(request.user, ExampleCase.objects.all(), pk=pk)
    context = case_page_context(request.user, case)
    context["case_action_url"] = f"/example/{case.pk}/act/"
    return render(request, "example_case/case.html", context)


@login_required
@require_POST
def case_act(request, pk):
    case = scoped_get_or_404(request.user, ExampleCase.objects.all(), pk=pk)
    action = request.POST.get("action", "")
    kwargs = {"remarks": request.POST.get("remarks", "")} if action == "review" else {}
    sign = "decision" if action in ("approve", "refuse") else None
    return run_action(request, lambda: case_transition(
        case=case, transition=action, actor=request.user, seen_version=case_seen_version(request),
        kwargs=kwargs, sign=sign), success="done", redirect_to=case.get_absolute_url())


@login_required
def case_print(request, pk):
    """Printing is a GET returning application/pdf."""
    case = scoped_get_or_404(request.user, ExampleCase.objects.all(), pk=pk)
    language = pdf_language(request)
    context = {"case": case, **signature_print_context(case.signatures.select_related("signer", "organisation").last())}
    return pdf_response("example_case/pdf/decision.html", context, filename=f"{case.ref}-decision-{language}.pdf",
                        language=language)
