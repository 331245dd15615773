from django.urls import path

from . import api

app_name = "kandas_api"

urlpatterns = [
    path("iin/<str:iin>/", api.IinCheckView.as_view(), name="iin_check"),
]
