"""Admin for the registry: regions, localities, organisations, staff, persons, families, documents."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ..models import Family, FamilyMember, Locality, Organisation, Person, Region, Staff


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ("name_ru", "name_kk", "kato", "kind", "is_settlement_region", "is_exit_region")
    list_filter = ("kind", "is_settlement_region", "is_exit_region")
    search_fields = ("name_ru", "name_kk", "kato")


@admin.register(Locality)
class LocalityAdmin(SimpleHistoryAdmin):
    list_display = ("name_ru", "region", "kato", "kind", "is_rural")
    list_filter = ("region", "kind", "is_rural")
    search_fields = ("name_ru", "name_kk", "kato")


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name_ru", "kind", "region", "parent")
    list_filter = ("kind", "region")
    search_fields = ("name_ru", "name_kk")


@admin.register(Staff)
class StaffAdmin(SimpleHistoryAdmin):
    list_display = ("user", "organisation", "position", "is_head")
    list_filter = ("organisation__kind", "organisation__region", "is_head")
    search_fields = ("user__username", "user__last_name", "organisation__name_ru")
    autocomplete_fields = ("user", "organisation")


class FamilyMemberInline(admin.TabularInline):
    model = FamilyMember
    extra = 0
    autocomplete_fields = ("person",)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "iin", "birth_date", "sex", "region")
    list_filter = ("region", "sex", "citizenship")
    search_fields = ("iin", "surname", "given_name", "name_latin")
    list_select_related = ("region",)


@admin.register(Family)
class FamilyAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "region", "created_at")
    list_filter = ("region",)
    search_fields = ("applicant__iin", "applicant__surname")
    autocomplete_fields = ("applicant",)
    inlines = [FamilyMemberInline]
