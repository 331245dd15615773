from django.contrib import admin

from kandas.admin.casework import CaseAdmin

from .models import ExampleCase


@admin.register(ExampleCase)
class ExampleCaseAdmin(CaseAdmin):
    """How an app registers its case: subclass CaseAdmin (rule version, deadlines, log, signatures)."""
