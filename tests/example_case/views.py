"""Views of the example case: the shape every app's case views take (scoped get, case_action_run, print)."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_POST

from kandas.casepage import case_page_context
from kandas.pdf import pdf_language, pdf_response, signature_print_context
from kandas.scoping import scoped_get_or_404
from kandas.views.actions import case_action_run

from .models import ExampleCase


@login_required
def case_detail(request, pk):
    case = scoped_get_or_404(request.user, ExampleCase.objects.all(), pk=pk)
    return render(request, "example_case/case.html", case_page_context(request.user, case))


@login_required
@require_POST
def case_act(request, pk, action):
    case = scoped_get_or_404(request.user, ExampleCase.objects.all(), pk=pk)
    return case_action_run(request, case, action, render_page=lambda bound: render(
        request, "example_case/case.html", case_page_context(request.user, case, bound), status=400))


@login_required
def case_print(request, pk):
    """Printing is a GET returning application/pdf."""
    case = scoped_get_or_404(request.user, ExampleCase.objects.all(), pk=pk)
    language = pdf_language(request)
    context = {"case": case, **signature_print_context(case.signatures.select_related("signer", "organisation").last())}
    return pdf_response("example_case/pdf/decision.html", context, filename=f"{case.ref}-decision-{language}.pdf",
                        language=language)
