"""The plan-item inbox of a settlement career centre (or its LMC): the items of the plans of families settled in
the user's region, filtered and sorted by due date; one query for the page, one for the count."""
from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kandas.models import Organisation, Person
from kandas.roles import user_may_see_personal_data
from kandas.scoping import user_is_national, user_organisation
from kandas.selectors import _name_query_long_enough, person_name_filter

from ..models import AdaptationPlan, PlanItem

MATCH_LIMIT = 1000  # persons or applications a search may name; a wider query is narrowed by the caller
from ..plan_catalogue import SERVICES

SOON_DAYS = 14
INBOX_KINDS = (Organisation.Kind.CC, Organisation.Kind.LMC)


class InboxFilter(forms.Form):
    STATES = [("", _("all")), ("soon", _("due within 14 days")), ("overdue", _("overdue")), ("open", _("open")),
              ("done", _("done"))]
    state = forms.ChoiceField(label=_("state"), choices=STATES, required=False)
    service = forms.TypedChoiceField(label=_("service"), coerce=int, required=False, empty_value=None,
                                     choices=[])
    month = forms.DateField(label=_("due in the month"), required=False, input_formats=["%Y-%m"],
                            widget=forms.DateInput(attrs={"type": "month"}))
    q = forms.CharField(label=_("family, IIN or name"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = (translation.get_language() or "ru").split("-")[0]
        self.fields["service"].choices = [("", _("all"))] + [
            (s.number, f"{s.number}. " + {"ru": s.app1_ru, "kk": s.kk}.get(code, s.en)) for s in SERVICES]


def inbox_region_id(user) -> int | None:
    """The settlement region whose plan items the user works: a CC's or LMC's own region; None = not an inbox user."""
    org = user_organisation(user)
    if org is not None and org.kind in INBOX_KINDS and org.region_id:
        return org.region_id
    return None


def inbox_items(*, user, state: str = "", service: int | None = None, month: datetime.date | None = None,
                query: str = "", today: datetime.date | None = None) -> QuerySet[PlanItem]:
    today = today or timezone.localdate()
    qs = PlanItem.objects.select_related("person", "plan__application__applicant")
    region_id = inbox_region_id(user)
    if region_id is not None:
        qs = qs.filter(plan__application__settlement_region_id=region_id)
    elif not user_is_national(user):
        return qs.none()
    if state == "done":
        qs = qs.filter(completed_on__isnull=False)
    elif state == "overdue":
        qs = qs.filter(completed_on__isnull=True, due__lt=today)
    elif state == "soon":
        qs = qs.filter(completed_on__isnull=True, due__gte=today, due__lte=today + datetime.timedelta(days=SOON_DAYS))
    elif state == "open":
        qs = qs.filter(completed_on__isnull=True)
    if service:
        qs = qs.filter(service=service)
    if month:
        start = month.replace(day=1)
        end = (start + datetime.timedelta(days=32)).replace(day=1)
        qs = qs.filter(due__gte=start, due__lt=end)
    query = " ".join((query or "").split())
    if query:
        # The matching persons and applications are found first, in their own (small, indexed) tables; the
        # items are then filtered by those ids. One OR across three joined tables made PostgreSQL scan a
        # region's 600,000 items for an IIN prefix (bench/bench_adaptation.py).
        applications = Q(application__ref__icontains=query)
        ids = []
        persons = None
        if query.isdigit():
            if user_may_see_personal_data(user):
                persons = Person.objects.filter(iin=query) if len(query) == 12 else \
                    Person.objects.filter(iin__startswith=query)
        elif _name_query_long_enough(query):
            persons = Person.objects.filter(person_name_filter(query, field="search_text"))
        if persons is not None:
            ids = list(persons.values_list("pk", flat=True)[:MATCH_LIMIT])
            applications |= Q(application__applicant_id__in=ids)
        # then their plans: the items are filtered by two indexed id lists (plan, person), no join in the OR
        plans = list(AdaptationPlan.objects.filter(applications).values_list("pk", flat=True)[:MATCH_LIMIT])
        qs = qs.filter(Q(plan_id__in=plans) | Q(person_id__in=ids))
    return qs.order_by("due", "pk")
