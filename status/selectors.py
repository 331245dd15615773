"""Reads of the status slice. Every queryset passes through kandas.scoping.scope_for."""
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from kandas.models import Deadline, Document
from kandas.selectors import case_search_filter
from kandas.scoping import scope_for, scoped_get_or_404

from .models import ApplicationState, StatusApplication, StatusExtension


def _overdue_subquery(model):
    today = timezone.localdate()
    return Deadline.objects.filter(
        case_type=ContentType.objects.get_for_model(model), case_id=OuterRef("pk"), closed_at__isnull=True,
    ).filter(Q(state=Deadline.State.BREACHED) | Q(state=Deadline.State.OPEN, due__lt=today))


def application_list(*, user, state: str = "", channel: str = "", region=None, overdue: bool = False,
                     query: str = "") -> QuerySet[StatusApplication]:
    """Applications the user may see, with the filters of the list screen (constant number of queries)."""
    qs = scope_for(user, StatusApplication.objects.select_related("applicant", "region", "settlement_region"))
    qs = qs.annotate(is_overdue=Exists(_overdue_subquery(StatusApplication)))
    if state:
        qs = qs.filter(state=state)
    if channel:
        qs = qs.filter(channel=channel)
    if region:
        qs = qs.filter(region=region)
    if overdue:
        qs = qs.filter(is_overdue=True)
    if (condition := case_search_filter(user=user, query=query)) is not None:
        qs = qs.filter(condition)
    return qs.order_by("-filed_on", "-pk")


def application_get(*, user, pk: int) -> StatusApplication:
    return scoped_get_or_404(user, StatusApplication.objects.select_related(
        "applicant", "region", "organisation", "settlement_region", "consent", "filed_by_organisation"), pk=pk)


def extension_get(*, user, pk: int) -> StatusExtension:
    return scoped_get_or_404(user, StatusExtension.objects.select_related(
        "applicant", "region", "organisation", "application"), pk=pk)


def extension_list(*, user) -> QuerySet[StatusExtension]:
    return scope_for(user, StatusExtension.objects.select_related("applicant", "application")).order_by("-pk")


def commission_agenda(*, user) -> QuerySet[StatusApplication]:
    """STA-3: what waits for the commission, earliest commission deadline first."""
    due = Deadline.objects.filter(case_type=ContentType.objects.get_for_model(StatusApplication), case_id=OuterRef("pk"),
                                  step_key="commission", closed_at__isnull=True).values("due")[:1]
    return (scope_for(user, StatusApplication.objects.filter(state=ApplicationState.AT_COMMISSION))
            .select_related("applicant").annotate(commission_due=due).order_by("commission_due", "pk"))


def case_documents(case) -> QuerySet[Document]:
    return Document.objects.filter(case_type=ContentType.objects.get_for_model(case), case_id=case.pk) \
        .select_related("person").order_by("person_id", "kind", "pk")
