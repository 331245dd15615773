"""Read-only inspection of status cases with their history; the closed lists shown as reference data.

Sub-types and refusal grounds are TextChoices (status/models/choices.py), not tables: the regulation
closes those lists, so a change is an amendment (a new rule version and a code review), not an
administrator's edit. The admin shows them as filters and on every case, with their translated wording.
"""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from kandas.admin.casework import NoEditMixin, ReadOnlyCaseAdmin

from .models import ApplicantNotice, CertificateHandout, StatusApplication, StatusApplicationMember, StatusExtension


class ReadOnlyMixin(NoEditMixin):
    """Cases change only through their services (transitions, signatures, deadlines): never here."""

    def has_delete_permission(self, request, obj=None):
        return False


class MemberInline(ReadOnlyMixin, admin.TabularInline):
    model = StatusApplicationMember
    fields = ("person", "kinship")
    readonly_fields = fields
    extra = 0


class NoticeInline(ReadOnlyMixin, admin.TabularInline):
    model = ApplicantNotice
    fields = ("sent_on", "kind", "channel", "text")
    readonly_fields = fields
    extra = 0


class CaseAdmin(ReadOnlyCaseAdmin):
    search_fields = ("ref", "applicant__iin", "applicant__surname")
    date_hierarchy = "filed_on"
    list_select_related = ("applicant", "region")

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields] + ["rule_version_display", "grounds"]

    @admin.display(description=_("refusal grounds"))
    def grounds(self, obj):
        return "; ".join(obj.refusal_grounds_display()) or "—"


@admin.register(StatusApplication)
class StatusApplicationAdmin(CaseAdmin):
    list_display = ("ref", "applicant", "sub_type", "channel", "region", "filed_on", "state", "rule_version_display")
    list_filter = ("state", "sub_type", "channel", "region", "rule_version")
    inlines = [MemberInline, NoticeInline, *ReadOnlyCaseAdmin.inlines]


@admin.register(StatusExtension)
class StatusExtensionAdmin(CaseAdmin):
    list_display = ("ref", "applicant", "channel", "region", "filed_on", "state", "extended_until",
                    "rule_version_display")
    list_filter = ("state", "channel", "region", "rule_version")
    inlines = [NoticeInline, *ReadOnlyCaseAdmin.inlines]


@admin.register(CertificateHandout)
class CertificateHandoutAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("application", "handed_at", "handed_by", "organisation", "recipient_document")
    readonly_fields = ("application", "handed_at", "handed_by", "organisation", "recipient_document")
