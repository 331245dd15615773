from django.urls import path

from .views import cases, commission, intake, pdfs

app_name = "status"


urlpatterns = [
    path("", cases.application_list, name="application_list"),
    path("commission/", commission.commission_agenda, name="commission"),
    path("applications/new/", intake.application_new, name="application_new"),
    path("applications/<int:pk>/", cases.application_detail, name="application_detail"),
    path("extensions/<int:pk>/", cases.extension_detail, name="extension_detail"),
    path("applications/<int:pk>/act/<str:action>/", cases.application_act, name="application_act"),
    path("extensions/<int:pk>/act/<str:action>/", cases.extension_act, name="extension_act"),
    path("applications/<int:pk>/pdf/<str:document>/", pdfs.case_pdf, {"kind": "applications"},
         name="application_pdf"),
    path("extensions/<int:pk>/pdf/<str:document>/", pdfs.case_pdf, {"kind": "extensions"}, name="extension_pdf"),
]
