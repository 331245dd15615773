"""The project's URLs plus the example case's pages (tests only)."""
from django.urls import include, path

urlpatterns = [
    path("", include("tests.example_case.urls")),
    path("", include("config.urls")),
]
