from django.urls import path

from . import api, api_signatures, api_tracking

app_name = "kandas_api"

urlpatterns = [
    path("iin/<str:iin>/", api.IinCheckView.as_view(), name="iin_check"),
    path("track/<str:token>/", api_tracking.TrackView.as_view(), name="track"),
    path("signatures/<uuid:token>/verify", api_signatures.SignatureVerifyView.as_view(), name="signature_verify"),
]
