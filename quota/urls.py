from django.urls import path

from .views import applications, commission, planning, plans, printing

app_name = "quota"

urlpatterns = [
    path("", applications.application_list, name="application_list"),
    path("applications/new/<str:kind>/", applications.application_new, name="application_new"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path("applications/<int:pk>/act/<str:action>/", applications.application_act, name="application_act"),
    path("applications/<int:pk>/print/<str:form>/", printing.application_print, name="application_print"),
    path("applications/<int:pk>/complaints/", applications.complaint_new, name="complaint_new"),
    path("complaints/<int:pk>/<str:action>/", applications.complaint_act, name="complaint_act"),
    path("commission/", commission.commission_agenda, name="commission"),
    path("plans/", plans.plan_dashboard, name="plan_dashboard"),
    path("localities/", planning.locality_lists, name="locality_lists"),
    path("localities/<int:pk>/", planning.locality_list_detail, name="locality_list_detail"),
    path("localities/public/", planning.locality_lists_public, name="locality_lists_public"),
    path("proposals/", planning.proposals, name="proposals"),
    path("proposals/<int:pk>/<str:action>/", planning.proposal_act, name="proposal_act"),
]
