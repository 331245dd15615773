from django.urls import path

from . import views

urlpatterns = [
    path("example/<int:pk>/", views.case_detail, name="example_case_detail"),
    path("example/<int:pk>/act/<str:action>/", views.case_act, name="example_case_act"),
    path("example/<int:pk>/print/", views.case_print, name="example_case_print"),
]
