from django.urls import path

from .views import compliance, documents, duplicates, families, obligations, registry, tracking, work

app_name = "kandas"

urlpatterns = [
    path("", work.my_work, name="my_work"),
    path("notifications/", work.notifications, name="notifications"),
    path("steps/<int:pk>/assign/", work.step_assign_view, name="step_assign"),
    path("compliance/", compliance.compliance, name="compliance"),
    path("compliance/cases/", compliance.compliance_cases, name="compliance_cases"),
    path("obligations/", obligations.obligations, name="obligations"),
    path("obligations/<int:pk>/", obligations.obligation_detail, name="obligation_detail"),
    path("t/<str:token>/", tracking.track_page, name="track"),
    path("t/<str:token>/result.pdf", tracking.track_result, name="track_result"),
    path("tracking/<int:ct>/<int:pk>/<str:action>/", tracking.track_manage, name="track_manage"),
    path("signatures/<uuid:token>/verify/", work.signature_verify_page, name="signature_verify"),
    path("persons/", registry.person_search, name="person_search"),
    path("persons/new/", registry.person_create, name="person_create"),
    path("persons/duplicates/", duplicates.duplicate_list, name="duplicate_list"),
    path("persons/<int:first_id>/duplicate-of/<int:second_id>/", duplicates.duplicate_compare, name="duplicate_compare"),
    path("persons/<int:first_id>/duplicate-of/<int:second_id>/resolve/", duplicates.duplicate_resolve,
         name="duplicate_resolve"),
    path("persons/<int:pk>/", registry.person_detail, name="person_detail"),
    path("persons/<int:pk>/edit/", registry.person_edit, name="person_edit"),
    path("persons/<int:pk>/consent/", registry.consent_add, name="consent_add"),
    path("persons/<int:pk>/consent/<int:consent_pk>/revoke/", registry.consent_revoke, name="consent_revoke"),
    path("persons/<int:pk>/digital-consent/", registry.digital_consent_request, name="digital_consent_request"),
    path("persons/<int:pk>/digital-consent/<int:request_pk>/confirm/", registry.digital_consent_confirm,
         name="digital_consent_confirm"),
    path("persons/<int:pk>/documents/new/", documents.document_upload, name="document_upload"),
    path("persons/<int:person_pk>/family/new/", families.family_create, name="family_create"),
    path("documents/<int:pk>/download/", documents.document_download, name="document_download"),
    path("families/", families.family_search, name="family_search"),
    path("families/<int:pk>/", families.family_detail, name="family_detail"),
    path("families/<int:pk>/members/new/", families.family_member_add, name="family_member_add"),
    path("families/<int:pk>/members/<int:member_pk>/remove/", families.family_member_remove,
         name="family_member_remove"),
]
