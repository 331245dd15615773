"""Registry search: IIN prefix index (PostgreSQL) and the folded name key for Latin/Cyrillic search."""
from django.db import migrations


def iin_prefix_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The unique index on iin follows the database collation, which LIKE 'prefix%' cannot use.
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS kandas_person_iin_prefix ON kandas_person (iin varchar_pattern_ops)"
        )


def iin_prefix_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS kandas_person_iin_prefix")


def search_text_refold(apps, schema_editor):
    from kandas.translit import name_latin, person_search_text

    Person = apps.get_model("kandas", "Person")
    batch = []
    for person in Person.objects.only("pk", "surname", "given_name", "patronymic").iterator(chunk_size=2000):
        full = " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)
        person.name_latin, person.search_text = name_latin(full), person_search_text(full)
        batch.append(person)
        if len(batch) >= 2000:
            Person.objects.bulk_update(batch, ["name_latin", "search_text"])
            batch = []
    if batch:
        Person.objects.bulk_update(batch, ["name_latin", "search_text"])


class Migration(migrations.Migration):
    dependencies = [("kandas", "0002_trigram_search")]

    operations = [
        migrations.RunPython(iin_prefix_index, iin_prefix_index_drop),
        migrations.RunPython(search_text_refold, migrations.RunPython.noop),
    ]
