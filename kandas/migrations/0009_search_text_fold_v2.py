"""Name search v2: recompute every person's folded name key (kandas.translit, second folding table).

The key now merges the passport, 2021 Kazakh Latin and Russian-style spellings (o/ө/у one vowel, doubled
letters once, -ovich = -ұлы, …) and holds the folded words only, no longer the lower-case Cyrillic name
in front of them (search compares folded words only; the trigram index of 0002 gets smaller).
Batched: rows are read by primary key in chunks and written back with one bulk UPDATE per chunk.
"""
from django.db import migrations

BATCH = 2000


def search_text_fold_v2(apps, schema_editor):
    from kandas.translit import person_search_text

    Person = apps.get_model("kandas", "Person")
    last_pk = 0
    while True:
        batch = list(Person.objects.filter(pk__gt=last_pk).order_by("pk")
                     .only("pk", "surname", "given_name", "patronymic", "search_text")[:BATCH])
        if not batch:
            break
        changed = []
        for person in batch:
            full = " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)
            key = person_search_text(full)
            if key != person.search_text:
                person.search_text = key
                changed.append(person)
        if changed:
            Person.objects.bulk_update(changed, ["search_text"])
        last_pk = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [("kandas", "0008_gen_digital_consent")]

    operations = [migrations.RunPython(search_text_fold_v2, migrations.RunPython.noop, elidable=True)]
