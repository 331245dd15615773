from django.urls import path

from .api import residence, support

app_name = "adaptation_api"

urlpatterns = [
    path("residence/applications/", residence.ApplicationListCreate.as_view(), name="residence_applications"),
    path("residence/applications/<int:pk>/", residence.ApplicationDetail.as_view(), name="residence_application"),
    path("residence/centres/", residence.OccupancyList.as_view(), name="residence_centres"),
    path("residence/centres/<int:pk>/", residence.OccupancyDetail.as_view(), name="residence_centre"),
    path("support/applications/", support.SupportApplicationListCreate.as_view(), name="support_applications"),
    path("support/applications/<int:pk>/", support.SupportApplicationDetail.as_view(), name="support_application"),
]
