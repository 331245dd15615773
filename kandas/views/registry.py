"""Registry screens: person search, person page, person form, consent (GEN-2, GEN-3)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..exports import export_requested, export_response, person_columns
from ..filters import filters_summary
from .. import services
from ..duplicate_services import duplicates_for_new, duplicates_of
from ..forms import ConsentForm, DocumentForm, PersonFilterForm, PersonForm, person_initial_from_state
from ..gateway import LocalRegistryGateway, state_gateway
from ..models import Consent, DigitalConsentRequest, Document, Family, FamilyMember, Person, PersonalDataAccess
from ..roles import user_may_see_personal_data
from ..scoping import scope_for, scoped_get_or_404, user_is_national
from ..selectors import person_consent_active, person_search as person_search_select, person_state_checks

PAGE_SIZE = 25
SEARCH_MATCH_LIMIT = 1000


def personal_data_required(user):
    """Writing personal data needs the same right as reading it (national analysts only read aggregates)."""
    if not user_may_see_personal_data(user):
        raise PermissionDenied(_("Your role does not give access to personal data."))


class CountedPaginator(Paginator):
    """A paginator told the row count already (the search counted it once, capped)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # Paginator.count is a cached_property


@login_required
def person_search(request):
    """Search by IIN or name (Cyrillic or Latin); filters; 25 per page; a constant number of queries.

    A fragment that matches more than SEARCH_MATCH_LIMIT persons (a common name over a million rows) is not
    sorted and paged through: the page shows a sample of the matches and asks for a longer query, which
    keeps such a search as fast as an exact one.
    """
    form = PersonFilterForm(request.GET or None)
    query, page, too_short, too_many = "", None, False, None
    if form.is_valid():
        data = form.cleaned_data
        query = data["q"].strip()
        if query:
            qs = person_search_select(user=request.user, query=query, region=data["region"], sex=data["sex"],
                                      age_group=data["age"], kandas_status=data["status"])
            if export_requested(request):  # every match, not only the page's sample (streamed)
                rows = qs.select_related("region").order_by("surname", "given_name", "pk").iterator(chunk_size=2000)
                return export_response(request, rows=rows, columns=person_columns(), filename="persons",
                                       list_name="person-search")
            count = qs.order_by()[:SEARCH_MATCH_LIMIT + 1].count()
            if count > SEARCH_MATCH_LIMIT:
                too_many = sorted(qs.order_by()[:PAGE_SIZE], key=lambda p: (p.surname, p.given_name, p.pk))
            else:
                page = CountedPaginator(qs.order_by("surname", "given_name", "pk"), PAGE_SIZE,
                                        count=count).get_page(request.GET.get("page"))
            too_short = not query.isdigit() and len(query) < 3
    return render(request, "kandas/person_search.html", {
        "form": form, "q": query, "page": page, "searched": filters_summary(form), "too_short": too_short, "too_many": too_many,
        "limit": SEARCH_MATCH_LIMIT, "may_see_personal_data": user_may_see_personal_data(request.user),
        "show_region_filter": user_is_national(request.user),
    })


def _person_for(user, pk: int) -> Person:
    return scoped_get_or_404(user, Person.objects.select_related("region"), pk=pk)


@login_required
def person_detail(request, pk: int):
    """The person page. Personal data only for those who may see it, and every such view is logged (GEN-3)."""
    person = _person_for(request.user, pk)
    may_see = user_may_see_personal_data(request.user)
    context = {"person": person, "may_see_personal_data": may_see}
    memberships = (FamilyMember.objects.filter(person=person, family__in=scope_for(request.user, Family.objects.all()))
                   .select_related("family__applicant", "family__region"))
    context["families_headed"] = list(scope_for(request.user, person.families_headed.select_related("region")))
    context["memberships"] = [m for m in memberships]
    if may_see:
        services.personal_data_access_log(user=request.user, person=person, detail=request.path)
        person = Person.objects.prefetch_related(
            Prefetch("consents", queryset=Consent.objects.select_related("taken_by", "organisation")),
            Prefetch("documents", queryset=Document.objects.select_related("uploaded_by")),
        ).select_related("region").get(pk=person.pk)
        context.update(
            person=person, consent=person_consent_active(person=person), consents=person.consents.all(),
            documents=person.documents.all(), state_checks=person_state_checks(person=person),
            access_log=PersonalDataAccess.objects.filter(person=person).select_related("user")[:10],
            document_form=DocumentForm(), consent_form=ConsentForm(auto_id="id_consent_%s"),
            duplicates=duplicates_of(user=request.user, person=person),
            **_digital_consent_context(person),
        )
    return render(request, "kandas/person_detail.html", context)


def _digital_consent_context(person: Person) -> dict:
    """GEN-2 (002 app.2 p.8): the digital-documents consent block of the person page."""
    requests = list(DigitalConsentRequest.objects.filter(person=person).select_related("requested_by")
                    .prefetch_related("messages")[:5])
    confirmed = next((r for r in requests if r.state == DigitalConsentRequest.State.CONFIRMED), None)
    pending = next((r for r in requests if r.state == DigitalConsentRequest.State.SENT and not r.is_expired), None)
    # The local adapter sends nothing: the page shows what would have reached the phone (development only).
    development = isinstance(state_gateway(), LocalRegistryGateway)
    return {"digital_consents": requests, "digital_consent_confirmed": confirmed, "digital_consent_pending": pending,
            "digital_consent_channels": DigitalConsentRequest.Channel.choices,
            "digital_consent_message": pending.messages.all()[0] if development and pending and pending.messages.all()
            else None}


def _likely_duplicates(user, form: PersonForm) -> list[Person]:
    """The registered persons the entered name and date of birth likely belong to; with any, the form offers
    the tick that registers the person all the same."""
    probe = form.registration_probe()
    likely = duplicates_for_new(user=user, **probe) if probe else []
    if likely:
        form.offer_not_a_duplicate()
    return likely


@login_required
def person_create(request):
    """Register a person: IIN checked as you type and on save; prefilled from the persons database (GEN-2).
    A name and date of birth that look like a person already registered are shown first; saved only with
    the tick "none of these is the same person" (issue 15)."""
    personal_data_required(request.user)
    iin = (request.GET.get("iin") or request.POST.get("iin") or "").strip()
    initial, record = person_initial_from_state(iin) if iin else ({}, None)
    if request.method == "POST":
        form = PersonForm(request.POST, request.FILES, user=request.user)
        person = None
        valid = form.is_valid()
        likely = _likely_duplicates(request.user, form)
        if valid and (not likely or form.cleaned_data["not_a_duplicate"]):
            try:
                person = services.person_create(
                    actor=request.user, data=form.person_data(), consent_method=form.cleaned_data["consent_method"],
                    identity_file=form.cleaned_data.get("identity_file"))
            except ValidationError as exc:
                # A parallel registration of the same IIN won (issue 14): the form's own duplicate answer.
                duplicate = form.duplicate_error(form.cleaned_data.get("iin") or "")
                if duplicate is not None:
                    form.add_error("iin", duplicate)
                else:
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
        if person is not None:
            messages.success(request, _("%(name)s is registered.") % {"name": person.full_name})
            family_id = request.GET.get("family")
            if family_id and family_id.isdigit():
                return redirect(reverse("kandas:family_member_add", args=[int(family_id)]) + f"?iin={person.iin or ''}")
            return redirect(person)
    else:
        form = PersonForm(initial=initial, user=request.user)
        likely = _likely_duplicates(request.user, form) if record else []
    return render(request, "kandas/person_form.html", {
        "form": form, "creating": True, "iin": iin, "state_record": record,
        "looked_up": bool(iin) and request.method == "GET", "likely_duplicates": likely,
        "scan_lost": bool(likely) and bool(request.FILES.get("identity_file")),
    })


@login_required
def person_edit(request, pk: int):
    personal_data_required(request.user)
    person = _person_for(request.user, pk)
    if request.method == "POST":
        form = PersonForm(request.POST, instance=person, user=request.user)
        if form.is_valid():
            services.person_update(actor=request.user, person_id=person.pk, data=form.person_data())
            messages.success(request, _("Changes saved."))
            return redirect(person)
    else:
        form = PersonForm(instance=person, user=request.user)
    services.personal_data_access_log(user=request.user, person=person, detail=request.path)
    return render(request, "kandas/person_form.html", {"form": form, "creating": False, "person": person})


@login_required
@require_POST
def consent_add(request, pk: int):
    """GEN-3: record consent to personal data processing: who took it, when and how."""
    personal_data_required(request.user)
    person = _person_for(request.user, pk)
    form = ConsentForm(request.POST)
    if form.is_valid():
        services.consent_record(actor=request.user, person_id=person.pk, method=form.cleaned_data["method"],
                                purpose=form.cleaned_data["purpose"])
        messages.success(request, _("Consent recorded."))
    else:
        messages.error(request, _("Consent was not recorded: say how it was given."))
    return redirect(person)


@login_required
@require_POST
def consent_revoke(request, pk: int, consent_pk: int):
    personal_data_required(request.user)
    person = _person_for(request.user, pk)
    consent = person.consents.filter(pk=consent_pk).first()
    if consent:
        services.consent_revoke(actor=request.user, consent_id=consent.pk)
        messages.success(request, _("Consent marked as withdrawn."))
    return redirect(person)


@login_required
@require_POST
def digital_consent_request(request, pk: int):
    """GEN-2 (002 app.2 p.8): send the owner a one-time password, or a message to answer by a short text."""
    personal_data_required(request.user)
    person = _person_for(request.user, pk)
    try:
        services.digital_consent_request(actor=request.user, person_id=person.pk,
                                         phone=request.POST.get("phone") or person.phone,
                                         channel=request.POST.get("channel", DigitalConsentRequest.Channel.SMS_CODE))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The consent request is sent to the owner's phone."))
    return redirect(person)


@login_required
@require_POST
def digital_consent_confirm(request, pk: int, request_pk: int):
    """GEN-2: record the code the owner tells, or the text they replied; a refusal says why."""
    personal_data_required(request.user)
    person = _person_for(request.user, pk)
    consent_request = DigitalConsentRequest.objects.filter(pk=request_pk, person=person).first()
    if consent_request is None:
        raise Http404
    try:
        services.digital_consent_confirm(actor=request.user, request_id=consent_request.pk,
                                         answer=request.POST.get("answer", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Consent to the use of digital documents is confirmed."))
    return redirect(person)
