"""Admin for the case machinery: the working-day calendar, deadlines, transition log, signatures, and
`CaseAdmin`, the base every app's case admin extends (read-only history, rule version, deadlines)."""
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.utils.translation import gettext_lazy as _, ngettext
from simple_history.admin import SimpleHistoryAdmin

from ..models import CalendarDay, Deadline, Notification, Signature, TransitionLog


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    """CAL-2: administrators add holidays, transferred days off and working weekend days. Saving or
    deleting a day recomputes the running deadlines it affects (kandas.signals)."""

    list_display = ("date", "weekday", "kind", "name_ru", "name_kk", "name_en", "decree", "from_library")
    list_filter = ("kind", "from_library")
    date_hierarchy = "date"
    search_fields = ("name_ru", "name_kk", "name_en", "decree")

    @admin.display(description=_("weekday"))
    def weekday(self, obj):
        return obj.date.strftime("%a")

    def _report(self, request, obj):
        n = getattr(obj, "recomputed_deadlines", 0)
        if n:
            self.message_user(request, ngettext(
                "%(n)d running deadline got a new due date.", "%(n)d running deadlines got a new due date.", n)
                % {"n": n}, messages.WARNING)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._report(request, obj)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._report(request, obj)


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ("case_ref", "rule", "step", "organisation", "start", "due", "unit", "state", "is_service_term")
    list_filter = ("state", "rule", "unit", "is_service_term")
    search_fields = ("case_ref",)
    list_select_related = ("organisation",)
    readonly_fields = [f.name for f in Deadline._meta.fields]

    def has_add_permission(self, request):
        return False


class NoEditMixin:
    """Records written by the services only: admins read them, nobody adds or edits them here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TransitionLog)
class TransitionLogAdmin(NoEditMixin, admin.ModelAdmin):
    list_display = ("at", "case_type", "case_id", "transition", "source", "target", "actor", "organisation")
    list_filter = ("case_type", "transition")
    list_select_related = ("actor", "organisation", "case_type")
    readonly_fields = [f.name for f in TransitionLog._meta.fields]


@admin.register(Signature)
class SignatureAdmin(NoEditMixin, admin.ModelAdmin):
    list_display = ("signed_at", "case_type", "case_id", "purpose", "signer", "role", "digest")
    list_select_related = ("signer", "case_type")
    readonly_fields = [f.name for f in Signature._meta.fields]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "text", "read_at", "emailed_at")
    list_select_related = ("user",)
    search_fields = ("user__username", "text")


class _ReadOnlyInline(NoEditMixin, GenericTabularInline):
    ct_field, ct_fk_field = "case_type", "case_id"
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class DeadlineInline(_ReadOnlyInline):
    model = Deadline
    fields = ("rule", "step", "organisation", "start", "due", "state", "explanation")


class TransitionLogInline(_ReadOnlyInline):
    model = TransitionLog
    fields = ("at", "transition", "source", "target", "actor", "comment")


class SignatureInline(_ReadOnlyInline):
    model = Signature
    fields = ("signed_at", "purpose", "signer", "role", "digest")


class CaseAdmin(SimpleHistoryAdmin):
    """Base admin for a case model (subclass it in `<app>/admin.py`). GEN-1: the list and the page show
    the rule version the case runs under (the one in force on its filing date); state and numbering
    are read-only (cases change through their services, never by editing the state here)."""

    list_display = ("ref", "state", "region", "organisation", "filed_on", "rule_version_display")
    list_filter = ("state", "rule_version", "region")
    search_fields = ("ref",)
    list_select_related = ("region", "organisation")
    readonly_fields = ("ref", "state", "rule_version_display", "version", "created_by", "created_at", "updated_at")
    inlines = [DeadlineInline, TransitionLogInline, SignatureInline]

    @admin.display(description=_("rule version"), ordering="rule_version")
    def rule_version_display(self, obj):
        if not obj.rule_version or obj.RULES is None:
            return obj.rule_version or "—"
        version = obj.rules
        title = f" — {version.title}" if version.title else ""
        return f"{version.code} ({_('in force from')} {version.effective_from:%d.%m.%Y}){title}"


class ReadOnlyCaseAdmin(NoEditMixin, CaseAdmin):
    """The admin of a case type in an app: inspection only (history, deadlines, log, signatures, rule
    version); cases change through their services, never by editing them here."""

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(NoEditMixin, admin.TabularInline):
    """A case's own rows (members, notices, events) shown read-only on its admin page."""

    extra = 0
    can_delete = False
