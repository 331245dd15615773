"""Admin: centres, rooms and beds are edited here; residence cases are read-only with their history."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kandas.admin.casework import ReadOnlyCaseAdmin, ReadOnlyInline

from .models import Bed, Centre, ResidenceApplication, ResidenceEvent, ResidencePerson, Room, TerminationProposal


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


class BedInline(admin.TabularInline):
    model = Bed
    extra = 0
    fields = ("number", "state", "application", "occupant")
    readonly_fields = ("application", "occupant")


@admin.register(Centre)
class CentreAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "journal_started_on", "journal_last", "referral_last")
    list_select_related = ("organisation",)
    search_fields = ("organisation__name_ru", "organisation__name_kk")
    inlines = [RoomInline]


@admin.register(Room)
class RoomAdmin(SimpleHistoryAdmin):
    list_display = ("centre", "number", "floor")
    list_filter = ("centre",)
    list_select_related = ("centre__organisation",)
    inlines = [BedInline]


@admin.register(Bed)
class BedAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "centre", "state", "application", "occupant")
    list_filter = ("state", "centre")
    list_select_related = ("room", "centre__organisation", "application", "occupant")
    readonly_fields = ("application", "occupant")

    def has_change_permission(self, request, obj=None):
        # Held and occupied beds change only through the services (referral, check-in, eviction).
        return super().has_change_permission(request, obj) and (obj is None or obj.application_id is None)


class PersonInline(ReadOnlyInline):
    model = ResidencePerson
    fields = ("person", "kinship", "talon_number", "talon_date", "talon_document", "stay_state", "left_on")


class EventInline(ReadOnlyInline):
    model = ResidenceEvent
    fields = ("on", "kind", "person", "note", "recorded_by")


class ProposalInline(ReadOnlyInline):
    model = TerminationProposal
    fields = ("proposed_on", "member", "violation", "decision", "decision_reason", "decided_by", "decided_on",
              "vacate_by")


@admin.register(ResidenceApplication)
class ResidenceApplicationAdmin(ReadOnlyCaseAdmin):
    list_display = ("ref", "journal_no", "centre", "applicant", "persons_count", "state", "filed_on",
                    "rule_version_display")
    list_filter = ("state", "centre", "region", "rule_version")
    list_select_related = ("centre__organisation", "applicant")
    search_fields = ("ref", "applicant__iin", "applicant__surname")
    date_hierarchy = "filed_on"
    inlines = [PersonInline, EventInline, ProposalInline, *ReadOnlyCaseAdmin.inlines]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields] + ["rule_version_display"]


# --- Adaptation services (ADA): read-only cases with their members, copies and visits ---------------------
from .models import (  # noqa: E402
    ConsultationTopicRecord, JobFair, JobFairCandidate, PreliminaryConsultation, PreliminaryVisit, SupportApplication,
    SupportCopy, SupportMember,
)


class SupportMemberInline(ReadOnlyInline):
    model = SupportMember
    fields = ("person", "kinship", "lives_with_applicant", "is_married")


class SupportVisitInline(ReadOnlyInline):
    model = PreliminaryVisit
    fields = ("arrival_on", "centre", "places", "ended_on", "plan_formed_on")


@admin.register(SupportApplication)
class SupportApplicationAdmin(ReadOnlyCaseAdmin):
    list_display = ("ref", "applicant", "exit_region", "settlement_region", "state", "filed_on", "rule_version_display")
    list_filter = ("state", "exit_region", "settlement_region", "rule_version")
    list_select_related = ("applicant", "exit_region", "settlement_region")
    search_fields = ("ref", "applicant__iin", "applicant__surname")
    date_hierarchy = "filed_on"
    inlines = [SupportMemberInline, SupportVisitInline, *ReadOnlyCaseAdmin.inlines]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields] + ["rule_version_display"]


@admin.register(SupportCopy)
class SupportCopyAdmin(admin.ModelAdmin):
    list_display = ("member", "kind", "source", "received_on")
    list_filter = ("kind", "source")
    list_select_related = ("member__person",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


class TopicInline(ReadOnlyInline):
    model = ConsultationTopicRecord
    fields = ("topic", "covered_on", "covered_by", "note")


@admin.register(PreliminaryConsultation)
class PreliminaryConsultationAdmin(admin.ModelAdmin):
    list_display = ("person", "career_centre", "started_on", "application")
    list_select_related = ("person", "career_centre", "application")
    readonly_fields = ("person", "career_centre", "started_on", "consultant", "application")
    inlines = [TopicInline]


class CandidateInline(ReadOnlyInline):
    model = JobFairCandidate
    fields = ("application", "participated", "outcome")


@admin.register(JobFair)
class JobFairAdmin(admin.ModelAdmin):
    list_display = ("title", "mode", "held_on", "exit_cc", "settlement_cc", "list_sent_on")
    list_filter = ("mode",)
    list_select_related = ("exit_cc", "settlement_cc")
    inlines = [CandidateInline]


# Adaptation services II (ADA-14…21): read-only views of what the services record; the plan terms are edited
# in kandas' term tables (table ADA-14).
from .models import AdaptationPlan, Evidence, MonitoringRound, MonthlyReport, PlanItem, QualityEvaluation  # noqa: E402


class PlanItemInline(ReadOnlyInline):
    model = PlanItem
    fields = ("person", "service", "term_length", "term_unit", "due", "completed_on", "completed_by")


class RoundInline(ReadOnlyInline):
    model = MonitoringRound
    fields = ("number", "period_start", "due", "done_on", "residence_confirmed")


@admin.register(AdaptationPlan)
class AdaptationPlanAdmin(admin.ModelAdmin):
    list_display = ("application", "state", "included_on", "approved_on", "loaded_on", "support_until")
    list_filter = ("state",)
    readonly_fields = ("application", "included_on", "support_until", "state", "agreed_on", "approved_on",
                       "approved_by", "loaded_on", "created_by")
    inlines = [PlanItemInline, RoundInline]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("item", "kind", "filename", "latitude", "longitude", "accuracy_m", "taken_at", "uploaded_by")
    readonly_fields = [f.name for f in Evidence._meta.fields]


@admin.register(MonthlyReport)
class MonthlyReportAdmin(admin.ModelAdmin):
    list_display = ("career_centre", "period", "rows", "submitted_on", "received_on")
    readonly_fields = [f.name for f in MonthlyReport._meta.fields]


@admin.register(QualityEvaluation)
class QualityEvaluationAdmin(admin.ModelAdmin):
    list_display = ("organisation", "quarter", "relevance", "effectiveness", "social_effect", "total", "band")
    readonly_fields = [f.name for f in QualityEvaluation._meta.fields]
