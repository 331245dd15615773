from django.urls import path

from .api import views

app_name = "status_api"

urlpatterns = [
    path("applications/", views.ApplicationListCreate.as_view(), name="application_list"),
    path("applications/<int:pk>/", views.ApplicationDetail.as_view(), name="application_detail"),
    path("applications/<int:pk>/decision.pdf", views.ApplicationDecisionPdf.as_view(),
         name="application_decision_pdf"),
]
