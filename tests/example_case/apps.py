from django.apps import AppConfig


class ExampleCaseConfig(AppConfig):
    name = "tests.example_case"
    label = "example_case"

    def ready(self):
        from . import actions  # noqa: F401  (registers the case actions)
