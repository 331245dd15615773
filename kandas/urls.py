from django.urls import path

from .views import registry, work

app_name = "kandas"

urlpatterns = [
    path("", work.my_work, name="my_work"),
    path("notifications/", work.notifications, name="notifications"),
    path("signatures/<int:pk>/verify/", work.signature_verify_page, name="signature_verify"),
    path("persons/", registry.person_search, name="person_search"),
    path("persons/<int:pk>/", registry.person_detail, name="person_detail"),
    path("families/<int:pk>/", registry.family_detail, name="family_detail"),
]
