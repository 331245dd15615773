from django.urls import path

from .views import pdfs, residence

app_name = "adaptation"

urlpatterns = [
    path("residence/", residence.residence_list, name="residence_list"),
    path("residence/new/", residence.residence_register, name="residence_register"),
    path("residence/<int:pk>/", residence.residence_detail, name="residence_detail"),
    path("residence/<int:pk>/act/<str:action>/", residence.residence_act, name="residence_act"),
    path("residence/<int:pk>/referral.pdf", pdfs.referral_pdf, name="residence_referral_pdf"),
    path("residence/<int:pk>/application.pdf", pdfs.application_pdf, name="residence_application_pdf"),
    path("residence/<int:pk>/decision/<int:proposal>.pdf", pdfs.decision_pdf, name="residence_decision_pdf"),
    path("centres/", residence.occupancy_index, name="centres"),
    path("centres/<int:pk>/", residence.occupancy, name="occupancy"),
    path("centres/<int:centre>/journal/", residence.journal, name="journal"),
    path("centres/<int:centre>/journal.pdf", pdfs.journal_pdf, name="journal_pdf"),
    path("centres/<int:centre>/reserve/", residence.reserve, name="reserve"),
]

# Adaptation services (ADA): the application's journey, consultations, job fairs.
from .views import support, support_journey  # noqa: E402

urlpatterns += [
    path("support/", support.support_list_view, name="support_list"),
    path("support/new/", support.support_register, name="support_register"),
    path("support/<int:pk>/", support.support_detail, name="support_detail"),
    path("support/<int:pk>/act/<str:action>/", support.support_act, name="support_act"),
    path("support/<int:pk>/app2.pdf", support.support_app2_pdf, name="support_app2_pdf"),
    path("support/<int:pk>/unemployment.pdf", support.support_unemployment_pdf, name="support_unemployment_pdf"),
    path("support/<int:pk>/relocation.pdf", support.support_relocation_pdf, name="support_relocation_pdf"),
    path("support/consultations/", support_journey.consultation_list_view, name="consultation_list"),
    path("support/consultations/new/", support_journey.consultation_start_view, name="consultation_start"),
    path("support/consultations/<int:pk>/", support_journey.consultation_detail, name="consultation_detail"),
    path("support/consultations/<int:pk>/topic/", support_journey.consultation_topic, name="consultation_topic"),
    path("support/fairs/", support_journey.fair_list_view, name="fair_list"),
    path("support/fairs/<int:pk>/", support_journey.fair_detail, name="fair_detail"),
    path("support/fairs/<int:pk>/<str:action>/", support_journey.fair_act, name="fair_act"),
]

# The individual plan and evidence from the field (ADA-14…16).
from .views import plans as plan_views  # noqa: E402

urlpatterns += [
    path("support/<int:pk>/plan/", plan_views.plan_detail, name="plan_detail"),
    path("support/<int:pk>/plan/<str:action>/", plan_views.plan_act, name="plan_act"),
    path("support/<int:pk>/plan.pdf", plan_views.plan_pdf, name="plan_pdf"),
    path("plan-items/<int:item_pk>/", plan_views.item_field, name="plan_item"),
    path("plan-items/<int:item_pk>/uploads/", plan_views.upload_start_view, name="plan_upload_start"),
    path("uploads/<uuid:upload_id>/", plan_views.upload_chunk_view, name="plan_upload_chunk"),
]

# The monthly report app.3 (ADA-18).
from .views import reports as report_views  # noqa: E402

urlpatterns += [
    path("reports/", report_views.monthly_reports, name="monthly_reports"),
    path("reports/<int:cc_pk>/<str:period>.pdf", report_views.monthly_report_pdf, name="monthly_report_pdf"),
    path("reports/<int:cc_pk>/<str:period>.xlsx", report_views.monthly_report_xlsx, name="monthly_report_xlsx"),
    path("reports/<int:cc_pk>/<str:period>/submit/", report_views.monthly_report_submit, name="monthly_report_submit"),
    path("reports/received/<int:pk>/", report_views.monthly_report_receive, name="monthly_report_receive"),
]
urlpatterns += [path("support/<int:pk>/roadmap.pdf", plan_views.roadmap_pdf, name="roadmap_pdf")]
urlpatterns += [path("plans/dashboard/", report_views.plan_dashboard_view, name="plan_dashboard")]
urlpatterns += [path("evidence/<int:pk>/", plan_views.evidence_file, name="evidence_file")]

# Support and monitoring (ADA-19), quality evaluation and its conclusion (ADA-20, ADA-21).
from .views import monitoring as monitoring_views, quality as quality_views  # noqa: E402

urlpatterns += [
    path("monitoring/", monitoring_views.cc_rounds, name="monitoring_rounds"),
    path("monitoring/rounds/<int:pk>/", monitoring_views.round_screen, name="monitoring_round"),
    path("support/<int:pk>/monitoring/", monitoring_views.family_rounds, name="monitoring_family"),
    path("quality/", quality_views.quality_index, name="quality_index"),
    path("quality/<int:org_pk>/<str:quarter>/", quality_views.evaluation_screen, name="quality_evaluate"),
    path("quality/conclusions/<str:quarter>/", quality_views.conclusion_screen, name="quality_conclusion"),
    path("quality/conclusions/<int:pk>/forward/", quality_views.conclusion_forward_view, name="quality_forward"),
    path("quality/conclusions/<int:pk>.pdf", quality_views.conclusion_pdf, name="quality_conclusion_pdf"),
    path("quality/measures/<int:pk>/", quality_views.measures_screen, name="quality_measures"),
]

# The plan-item inbox of the settlement CC / LMC.
from .views import inbox as inbox_views  # noqa: E402

urlpatterns += [path("plan-items/", inbox_views.plan_inbox, name="plan_inbox")]
