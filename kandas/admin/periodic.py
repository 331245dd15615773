"""Admin of term tables (GEN-1, edited by administrators) and periodic obligations (written by the
generator; read-only here)."""
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import Obligation, TermRow
from ..obligations import obligation_kinds_all
from .casework import DeadlineInline, NoEditMixin, TransitionLogInline


@admin.register(TermRow)
class TermRowAdmin(SimpleHistoryAdmin):
    """GEN-1: a term changes by a new row with a later 'in force from'; a row already in force keeps its
    length, unit and date (terms looked up for earlier dates must not change)."""

    list_display = ("table", "key", "label_ru", "length", "unit", "effective_from", "source")
    list_filter = ("table", "unit", "effective_from")
    search_fields = ("table", "key", "label_ru", "label_kk", "label_en", "source", "note")
    date_hierarchy = "effective_from"
    FROZEN = ("table", "key", "length", "unit", "effective_from")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.effective_from <= timezone.localdate():
            return self.FROZEN
        return ()


class ObligationKindFilter(admin.SimpleListFilter):
    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(code, kind.label) for code, kind in obligation_kinds_all().items()]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Obligation)
class ObligationAdmin(NoEditMixin, SimpleHistoryAdmin):
    list_display = ("ref", "kind_label", "rule", "organisation", "period", "due", "state", "done_on", "done_by")
    list_filter = (ObligationKindFilter, "state", "rule", "region")
    search_fields = ("ref", "period", "organisation__name_ru", "organisation__name_kk", "result_ref")
    list_select_related = ("organisation", "done_by")
    date_hierarchy = "due"
    readonly_fields = [f.name for f in Obligation._meta.fields]
    inlines = [DeadlineInline, TransitionLogInline]

    @admin.display(description=_("kind"), ordering="kind")
    def kind_label(self, obj):
        return obj.kind_label

    def has_delete_permission(self, request, obj=None):
        return False
