"""Registry search: recompute the folded name key so Latin and Cyrillic spellings find each other.

(IIN prefix search needs no index of its own: Django already adds a varchar_pattern_ops index to the
unique `iin` column on PostgreSQL; name substrings use the trigram index of 0002.)
"""
from django.db import migrations


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

    operations = [migrations.RunPython(search_text_refold, migrations.RunPython.noop)]
