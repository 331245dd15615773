"""Admin for the case machinery: the working-day calendar, deadlines, transition log, signatures."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ..models import CalendarDay, Deadline


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    list_display = ("date", "kind", "name_ru", "name_kk", "decree", "from_library")
    list_filter = ("kind", "from_library")
    date_hierarchy = "date"
    search_fields = ("name_ru", "name_kk", "decree")


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ("case_ref", "rule", "step", "organisation", "due", "state")
    list_filter = ("state", "rule", "unit")
    search_fields = ("case_ref",)
    readonly_fields = [f.name for f in Deadline._meta.fields]
