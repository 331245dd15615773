from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from config.health import HealthView
from kandas.auth import StaffAuthenticationForm

api_v1 = [
    path("", include("kandas.api_urls")),
    path("status/", include("status.api_urls")),
    path("quota/", include("quota.api_urls")),
    path("adaptation/", include("adaptation.api_urls")),
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", HealthView.as_view(), name="health"),
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(authentication_form=StaffAuthenticationForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Django's and many tools' default login address: the same page, `next` kept.
    path("accounts/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("status/", include("status.urls")),
    path("quota/", include("quota.urls")),
    path("adaptation/", include("adaptation.urls")),
    path("", include("kandas.urls")),
]
# MEDIA_URL is deliberately not served, not even under DEBUG: uploads are personal data (GEN-3) and open
# only through kandas' download view, which checks scope and consent and logs each access.


# The API answers a path no route matches (or a body Django refuses) as JSON, like its schema says.
handler400 = "kandas.api_errors.bad_request"
handler404 = "kandas.api_errors.page_not_found"
