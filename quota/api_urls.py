from django.urls import path

from . import api

app_name = "quota_api"

urlpatterns = [
    path("applications/", api.ApplicationListCreate.as_view(), name="applications"),
    path("applications/<int:pk>/", api.ApplicationDetail.as_view(), name="application"),
    path("applications/<int:pk>/result/", api.ApplicationResult.as_view(), name="application_result"),
    path("plans/", api.PlanList.as_view(), name="plans"),
    path("localities/", api.PublicLocalityLists.as_view(), name="localities"),
]
