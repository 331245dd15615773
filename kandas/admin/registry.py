"""Admin for the registry: regions, localities, organisations, staff and roles, persons, families,
documents, consents, the personal-data access log (read-only) and the local state-system records (GEN-2)."""
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import (Consent, Document, Family, FamilyMember, Locality, Organisation, Person, PersonalDataAccess,
                      Region, Staff, StateRecord)


class LocalityInline(admin.TabularInline):
    model = Locality
    extra = 0
    fields = ("kato", "name_ru", "name_kk", "name_en", "kind", "is_rural")
    show_change_link = True


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ("name_ru", "name_kk", "name_en", "kato", "kind", "is_settlement_region", "is_exit_region")
    list_filter = ("kind", "is_settlement_region", "is_exit_region")
    search_fields = ("name_ru", "name_kk", "name_en", "kato")
    inlines = [LocalityInline]


@admin.register(Locality)
class LocalityAdmin(SimpleHistoryAdmin):
    list_display = ("name_ru", "name_kk", "name_en", "region", "kato", "kind", "is_rural")
    list_filter = ("region", "kind", "is_rural")
    search_fields = ("name_ru", "name_kk", "name_en", "kato")
    list_select_related = ("region",)


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name_ru", "name_kk", "name_en", "kind", "region", "parent")
    list_filter = ("kind", "region")
    search_fields = ("name_ru", "name_kk", "name_en")
    list_select_related = ("region", "parent")
    autocomplete_fields = ("parent",)


@admin.register(Staff)
class StaffAdmin(SimpleHistoryAdmin):
    list_display = ("user", "organisation", "position", "is_head", "roles")
    list_filter = ("organisation__kind", "organisation__region", "is_head", "user__groups")
    search_fields = ("user__username", "user__last_name", "user__first_name", "organisation__name_ru")
    autocomplete_fields = ("user", "organisation")
    list_select_related = ("user", "organisation")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("user__groups")

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return ", ".join(g.name for g in obj.user.groups.all())


class StaffInline(admin.StackedInline):
    model = Staff
    extra = 0
    max_num = 1
    autocomplete_fields = ("organisation",)


# Users: the ordinary user admin plus the staff profile (organisation); roles are the user's groups.
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [StaffInline]
    list_display = ("username", "last_name", "first_name", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "is_superuser", "groups", "staff__organisation__kind")


class FamilyMemberInline(admin.TabularInline):
    model = FamilyMember
    extra = 0
    autocomplete_fields = ("person",)


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fk_name = "person"
    fields = ("kind", "file", "original_name", "size", "uploaded_at")
    readonly_fields = ("original_name", "size", "uploaded_at")


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    fields = ("method", "purpose", "taken_by", "organisation", "given_at", "revoked_at")
    readonly_fields = ("given_at",)
    autocomplete_fields = ("taken_by",)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "iin", "birth_date", "sex", "region", "kandas_status_until")
    list_filter = ("region", "sex", "citizenship", "country_of_exit")
    search_fields = ("=iin", "surname", "given_name", "name_latin")
    list_select_related = ("region",)
    readonly_fields = ("name_latin", "created_at")
    inlines = [ConsentInline, DocumentInline]
    show_full_result_count = False  # a million rows: skip the second COUNT(*)


@admin.register(Family)
class FamilyAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "region", "created_at")
    list_filter = ("region",)
    search_fields = ("=applicant__iin", "applicant__surname")
    autocomplete_fields = ("applicant",)
    list_select_related = ("applicant", "region")
    inlines = [FamilyMemberInline]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ("person", "kind", "original_name", "size", "uploaded_by", "uploaded_at")
    list_filter = ("kind", "person__region")
    search_fields = ("=person__iin", "person__surname", "original_name", "number")
    autocomplete_fields = ("person", "family")
    list_select_related = ("person", "uploaded_by")
    readonly_fields = ("uploaded_by", "uploaded_at")
    date_hierarchy = "uploaded_at"
    exclude = ("case_type", "case_id")


@admin.register(Consent)
class ConsentAdmin(SimpleHistoryAdmin):
    list_display = ("person", "method", "purpose", "taken_by", "organisation", "given_at", "revoked_at")
    list_filter = ("method", "organisation__region")
    search_fields = ("=person__iin", "person__surname", "taken_by__username")
    autocomplete_fields = ("person", "taken_by", "organisation")
    list_select_related = ("person", "taken_by", "organisation")
    date_hierarchy = "given_at"


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    """GEN-3: the access log is evidence; nobody edits or deletes it here."""

    list_display = ("at", "user", "person", "action", "detail")
    list_filter = ("action",)
    search_fields = ("=person__iin", "person__surname", "user__username")
    list_select_related = ("user", "person")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StateRecord)
class StateRecordAdmin(admin.ModelAdmin):
    """GEN-2: the local registry that stands in for the state systems in development and tests."""

    list_display = ("iin", "kind")
    list_filter = ("kind",)
    search_fields = ("=iin",)
