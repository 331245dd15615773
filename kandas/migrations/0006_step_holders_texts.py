from django.db import migrations, models


def step_keys_fill(apps, schema_editor):
    """Earlier rows knew their step only by rule + unit + length: find the key in the case's rule table."""
    from django.apps import apps as live_apps

    Deadline = apps.get_model("kandas", "Deadline")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for ct in ContentType.objects.filter(pk__in=Deadline.objects.values("case_type").distinct()):
        try:
            model = live_apps.get_model(ct.app_label, ct.model)
        except LookupError:
            continue
        book = getattr(model, "RULES", None)
        if book is None:
            continue
        for version in book.versions:
            for step in version.steps.values():
                Deadline.objects.filter(case_type=ct, step_key="", rule=step.rule, unit=step.unit,
                                        length=step.length, is_service_term=step.service_term).update(step_key=step.key)


class Migration(migrations.Migration):
    dependencies = [("kandas", "0005_signature_token"), ("contenttypes", "0002_remove_content_type_name")]

    operations = [
        migrations.AddField("deadline", "step_key", models.CharField(default="", max_length=60, verbose_name="step key")),
        migrations.AddField("deadline", "subject", models.CharField(blank=True, default="", max_length=60,
                                                                    verbose_name="subject")),
        migrations.AlterField("deadline", "organisation", models.ForeignKey(
            on_delete=models.deletion.PROTECT, related_name="deadlines", to="kandas.organisation",
            verbose_name="holding organisation")),
        migrations.AddIndex("deadline", models.Index(fields=["case_type", "case_id", "step_key", "subject"],
                                                     name="deadline_case_step_idx")),
        migrations.AddField("transitionlog", "message", models.JSONField(blank=True, default=dict,
                                                                         verbose_name="system text")),
        migrations.AddField("notification", "message", models.JSONField(blank=True, default=dict)),
        migrations.RunPython(step_keys_fill, migrations.RunPython.noop),
    ]
