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
