"""The project's URLs plus the example case's pages (tests only)."""
from django.urls import include, path

urlpatterns = [
    path("", include("tests.example_case.urls")),
    path("", include("config.urls")),
]

handler400 = "kandas.api_errors.bad_request"
handler404 = "kandas.api_errors.page_not_found"
