from django.apps import AppConfig


class ExampleCaseConfig(AppConfig):
    name = "tests.example_case"
    label = "example_case"
