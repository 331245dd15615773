"""CAL-2: administrators enter the Government's calendar decree with its moved days, preview which running
deadlines would move, then apply it (kandas.decrees). An applied decree is read-only."""
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _, ngettext

from ..decrees import decree_apply, decree_plan
from ..models import CalendarDecree, DecreeDay


class DecreeDayInline(admin.TabularInline):
    model = DecreeDay
    extra = 3

    def _editable(self, obj):
        return obj is None or not obj.is_applied

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(CalendarDecree)
class CalendarDecreeAdmin(admin.ModelAdmin):
    list_display = ("number", "signed_on", "title", "reverts", "applied_at", "moved_deadlines", "preview_link")
    search_fields = ("number", "title")
    readonly_fields = ("applied_at", "applied_by", "moved_deadlines")
    inlines = [DecreeDayInline]

    @admin.display(description=_("preview and apply"))
    def preview_link(self, obj):
        if obj.is_applied:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("admin:kandas_calendardecree_preview", args=[obj.pk]),
                           _("Preview"))

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_applied:
            return ("number", "signed_on", "title", "reverts", *self.readonly_fields)
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return (obj is None or not obj.is_applied) and super().has_delete_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        # an applied decree is shown, never saved again (a correction is a new decree or a revert act)
        return (obj is None or not obj.is_applied) and super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "reverts":
            kwargs["queryset"] = CalendarDecree.objects.filter(applied_at__isnull=False, reverted_by__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_urls(self):
        return [
            path("<int:pk>/preview/", self.admin_site.admin_view(self.preview_view), name="kandas_calendardecree_preview"),
            path("<int:pk>/apply/", self.admin_site.admin_view(self.apply_view), name="kandas_calendardecree_apply"),
            *super().get_urls(),
        ]

    def response_add(self, request, obj, post_url_continue=None):
        if "_continue" in request.POST or "_addanother" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        return redirect("admin:kandas_calendardecree_preview", obj.pk)

    def preview_view(self, request, pk):
        decree = get_object_or_404(CalendarDecree, pk=pk)
        if not self.has_view_permission(request, decree):
            raise PermissionDenied
        plan = decree_plan(decree)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "decree": decree, "plan": plan,
                   "title": _("Preview of %(decree)s") % {"decree": decree},
                   "may_apply": self.has_change_permission(request) and not decree.is_applied}
        return TemplateResponse(request, "admin/kandas/calendardecree/preview.html", context)

    def apply_view(self, request, pk):
        decree = get_object_or_404(CalendarDecree, pk=pk)
        if request.method != "POST":
            return redirect("admin:kandas_calendardecree_preview", pk)
        if not self.has_change_permission(request):
            raise PermissionDenied
        if decree.is_applied:
            self.message_user(request, _("This decree was already applied; nothing changed."), messages.INFO)
        else:
            n = decree_apply(decree, user=request.user)
            self.message_user(request, ngettext(
                "Decree applied: %(n)d running deadline got a new due date.",
                "Decree applied: %(n)d running deadlines got a new due date.", n) % {"n": n}, messages.SUCCESS)
        return redirect("admin:kandas_calendardecree_change", pk)
