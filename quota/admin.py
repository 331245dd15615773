"""Admin: quota plans and locality lists are edited here; cases are read-only with their history."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kandas.admin.casework import ReadOnlyCaseAdmin, ReadOnlyInline

from .models import (ApplicantNotice, ApplicationDocumentNote, ApplicationMember, Complaint, LocalityList,
                     LocalityListEntry, QuotaApplication, QuotaPlan, QuotaProposal, SettlerApplicationPeriod)


@admin.register(QuotaPlan)
class QuotaPlanAdmin(SimpleHistoryAdmin):
    list_display = ("region", "locality", "year", "kind", "unit", "admitted", "used", "reserved", "free")
    list_filter = ("year", "kind", "unit")
    search_fields = ("region__name_ru", "region__kato", "locality__name_ru", "locality__kato")
    raw_id_fields = ("locality",)
    readonly_fields = ("used",)  # changes only through inclusion decisions, under a row lock


class LocalityListEntryInline(admin.TabularInline):
    model = LocalityListEntry
    extra = 1
    autocomplete_fields = ()


@admin.register(LocalityList)
class LocalityListAdmin(SimpleHistoryAdmin):
    list_display = ("ref", "region", "year", "state", "published_on")
    list_filter = ("year", "state")
    readonly_fields = ("ref", "state", "published_on", "rule_version", "version")
    inlines = [LocalityListEntryInline]


@admin.register(QuotaProposal)
class QuotaProposalAdmin(SimpleHistoryAdmin):
    list_display = ("region", "subject", "period", "change", "state", "sent_on", "answered_on")
    list_filter = ("state", "subject")


class MemberInline(ReadOnlyInline):
    model = ApplicationMember


class DocumentInline(ReadOnlyInline):
    model = ApplicationDocumentNote


class NoticeInline(ReadOnlyInline):
    model = ApplicantNotice
    fields = ("sent_on", "kind", "channel", "text")
    readonly_fields = fields


@admin.register(QuotaApplication)
class QuotaApplicationAdmin(ReadOnlyCaseAdmin):
    list_display = ("ref", "kind", "applicant", "region", "channel", "filed_on", "state", "term_overrun",
                    "rule_version_display")
    list_filter = ("kind", "state", "channel", "region", "rule_version")
    search_fields = ("ref", "applicant__iin", "applicant__surname")
    list_select_related = ("applicant", "region")
    inlines = [MemberInline, DocumentInline, NoticeInline, *ReadOnlyCaseAdmin.inlines]


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyCaseAdmin):
    list_display = ("ref", "application", "addressee", "filed_on", "state", "outcome")
    list_filter = ("addressee", "state")


@admin.register(SettlerApplicationPeriod)
class SettlerApplicationPeriodAdmin(SimpleHistoryAdmin):
    """QUO-6: the settlers' application period of order 234 p.12 sub.4 (not in the seeds; none = all year)."""
    list_display = ("effective_from", "__str__", "source")
