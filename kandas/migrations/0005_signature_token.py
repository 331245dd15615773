import uuid

from django.db import migrations, models


def tokens_fill(apps, schema_editor):
    Signature = apps.get_model("kandas", "Signature")
    for signature in Signature.objects.filter(token__isnull=True).only("pk"):
        signature.token = uuid.uuid4()
        signature.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [("kandas", "0004_deadline_texts")]

    operations = [
        migrations.AddField(model_name="signature", name="token",
                            field=models.UUIDField(null=True, editable=False)),
        migrations.RunPython(tokens_fill, migrations.RunPython.noop),
        migrations.AlterField(model_name="signature", name="token",
                              field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
    ]
