"""The folded name key (kandas.translit): spellings of one name meet, different names stay apart."""
import pytest

from kandas.translit import name_fold, name_fold_words, name_latin, person_search_text

# (one spelling, another spelling of the same name): Kazakh Cyrillic, Russian Cyrillic, passport (ICAO 9303
# and Kazakh passport practice), 2021 Kazakh Latin, Russian-style and foreign Latin spellings.
SAME_NAME = [
    # Қ: K, Q, Russian К; ы: Y, I, ı; doubled consonants
    ("Қасымов", "Kassymov"), ("Қасымов", "Kasymov"), ("Қасымов", "Касымов"), ("Kassymov", "Qasymov"),
    ("Kasimov", "Қасымов"),
    # Ө: O (passport), Ö (2021), У (Russian papers)
    ("Төлеуов", "Tuleuov"), ("Төлеуов", "Töleuov"), ("Төлеуов", "Toleuov"), ("Тулеуов", "Töleuov"),
    ("Төлеген", "Тулеген"), ("Өмірзақ", "Omirzak"), ("Ömirzaq", "Умирзак"),
    # Ж: ZH, J (2021), DJ, DZH, Ž; Ұ: U, Ū, Russian У; -аев/-ayev
    ("Жұмабаев", "Zhumabaev"), ("Zhumabaev", "Jumabayev"), ("Жұмабаев", "Жумабаев"), ("Жұмабаев", "Djumabaev"),
    ("Жұмабаев", "Dzhumabaev"), ("Жұмабаев", "Žumabaev"), ("Jūmabaev", "Джумабаев"),
    # і/и: Серік/Серик; ұ/у: Нұрлан/Нурлан
    ("Серік", "Серик"), ("Серік", "Serik"), ("Serık", "Serik"), ("Нұрлан", "Нурлан"), ("Нұрлан", "Nūrlan"),
    ("Нұрсұлтан", "Nursultan"),
    # ауы → ау (Бауыржан/Бауржан), either alphabet
    ("Бауыржан", "Bauyrzhan"), ("Бауыржан", "Baurzhan"), ("Bauyrjan", "Бауржан"), ("Bauırjan", "Bauyrzhan"),
    # Х: KH, H, X; Һ: H; doubled letters
    ("Мұхамед", "Muhammed"), ("Мұхамед", "Mukhamed"), ("Мухаммед", "Mukhammed"), ("Muhammed", "Mohammed"),
    ("Ахметов", "Akhmetov"), ("Ахметов", "Ahmetov"), ("Ахметов", "Axmetov"), ("Хасенов", "Khassenov"),
    # Ғ: G, Ğ, GH; Ң: N, Ñ, Ŋ, NG (Тенгиз)
    ("Ғалымжан", "Galymzhan"), ("Ğalymjan", "Ghalymzhan"), ("Теңіз", "Tengiz"), ("Теңіз", "Teñiz"),
    ("Тенгиз", "Teŋiz"), ("Жеңіс", "Zhenis"), ("Jeñis", "Женис"),
    # Ш: SH, Ş; Ч: CH, Ç
    ("Шоқан", "Şoqan"), ("Шоқан", "Shokan"), ("Шыңғыс", "Shyngys"), ("Şyñğys", "Шынгыс"),
    ("Чапаев", "Chapayev"), ("Чапаев", "Çapaev"),
    # Ә: A, Ä, Ə; Ү: U, Ü
    ("Әсел", "Assel"), ("Әсел", "Äsel"), ("Әлібек", "Əlibek"), ("Сәуле", "Saule"), ("Айгүл", "Aigül"),
    ("Айгүл", "Айгуль"), ("Үмбетов", "Umbetov"), ("Гүлнұр", "Gülnūr"),
    # Е at the start: Ye/E; й: y/i; -iy/-ii/-y endings
    ("Ерлан", "Yerlan"), ("Ержан", "Erjan"), ("Есенов", "Yessenov"), ("Қайрат", "Kayrat"), ("Qairat", "Кайрат"),
    ("Дмитрий", "Dmitriy"), ("Dmitrii", "Dmitry"), ("Юрий", "Yuriy"), ("Iurii", "Yury"), ("Василий", "Vasily"),
    # Я/Ю: IA/YA, IU/YU
    ("Әлия", "Aliya"), ("Aliia", "Alia"), ("Мария", "Mariya"), ("Юлия", "Yulia"),
    # patronymics: -ұлы/-uly/-ulı/-ovich, -қызы/-kyzy/-qyzy/-ovna, written together or apart
    ("Серікұлы", "Serikuly"), ("Серікұлы", "Serikulı"), ("Серікұлы", "Серикович"), ("Serikovich", "Serik uly"),
    ("Ерланұлы", "Erlanovich"), ("Асанқызы", "Asanqyzy"), ("Асанқызы", "Asanovna"), ("Asan kyzy", "Асановна"),
    # hyphens, capitals, apostrophes
    ("Сейтқали", "Seitkali"), ("Сейтқали", "Seytqali"), ("Бек-Болат", "bek bolat"), ("ЖҰМАБАЕВ", "zhumabaev"),
    ("Ер'лан", "Erlan"),
    # full names, either spelling
    ("Қасымов Бауыржан", "Kassymov Baurzhan"), ("Төлеуов Нұрлан Серікұлы", "Tuleuov Nurlan Serikovich"),
]

# Different names: the key must keep them apart.
DIFFERENT_NAMES = [
    ("Асан", "Осман"), ("Ерлан", "Ержан"), ("Серік", "Сергей"), ("Айдар", "Айдос"), ("Марат", "Мурат"),
    ("Нұрлан", "Нұржан"), ("Қанат", "Қайрат"), ("Әлия", "Алина"), ("Дәулет", "Дулат"), ("Самат", "Саят"),
    ("Айгүл", "Айгерім"), ("Бекзат", "Бекжан"), ("Жанар", "Жанат"), ("Гүлнар", "Гүлмира"), ("Қасымов", "Қасенов"),
    ("Төлеуов", "Төлегенов"), ("Жұмабаев", "Жұмағұлов"), ("Ахмет", "Ахмед"), ("Серікұлы", "Серікқызы"),
    ("Асанов", "Асанова"), ("Мадина", "Марина"), ("Алмас", "Алмаз"), ("Дана", "Диана"), ("Азамат", "Азат"),
    ("Бауыржан", "Бақытжан"), ("Ислам", "Ислан"), ("Хасенов", "Қасенов"), ("Асан", "Есен"), ("Арман", "Арна"),
    ("Серікұлы", "Серіков"), ("Ерлан", "Еркін"), ("Қуат", "Қуаныш"), ("Тимур", "Темір"), ("Ерболат", "Ербол"),
]


@pytest.mark.parametrize(("one", "other"), SAME_NAME)
def test_spellings_of_one_name_fold_to_one_key(one, other):
    assert name_fold(one) == name_fold(other), (name_fold(one), name_fold(other))


@pytest.mark.parametrize(("one", "other"), DIFFERENT_NAMES)
def test_different_names_keep_different_keys(one, other):
    assert name_fold(one) != name_fold(other)
    assert name_fold(name_latin(one)) != name_fold(name_latin(other))


def test_the_table_is_big_enough():
    assert len(SAME_NAME) >= 40 and len(DIFFERENT_NAMES) >= 20


def test_different_names_do_not_meet_across_the_whole_list():
    """No two different names of the lists share a key, whichever pair they come from."""
    keys = {}
    for name in {name for pair in DIFFERENT_NAMES for name in pair}:
        keys.setdefault(name_fold(name), set()).add(name)
    assert {key: names for key, names in keys.items() if len(names) > 1} == {}


def test_readable_latin_is_passport_style():
    assert name_latin("Жұмабаев Ерлан") == "Zhumabaev Erlan"
    assert name_latin("Қасымов Бауыржан") == "Kasymov Bauyrzhan"
    assert name_latin("Төлеуов Шоқан") == "Toleuov Shokan"


def test_stored_key_is_the_folded_full_name():
    assert person_search_text("Қасымов Бауыржан Серікұлы") == "kasimuv baurzhan serikuli"
    assert person_search_text("") == ""


def test_query_words_in_any_order_without_repeats_or_words_inside_others():
    assert name_fold_words("Bauyrzhan Kasymov") == ["baurzhan", "kasimuv"]
    assert name_fold_words("Kasymov kasymov  Qasym") == ["kasimuv"]
    assert name_fold_words("  ") == []


def test_fragments_of_a_spelling_are_fragments_of_the_key():
    """Search compares substrings: the start of a name in one spelling is inside the key of another."""
    key = name_fold("Қасымов Бауыржан Төлеуұлы")
    for fragment in ("Kass", "Kasym", "Qasy", "Қасы", "Bauyr", "Baur", "Бауы", "Töle", "Tuleu", "Toleuuly"):
        assert all(word in key for word in name_fold_words(fragment)), (fragment, key)


@pytest.mark.django_db
def test_data_migration_recomputes_stale_keys_in_batches(monkeypatch):
    """kandas/migrations/0009_search_text_fold_v2: rows keyed by the first folding get the new key."""
    import importlib

    from django.apps import apps

    from kandas.models import Person
    from tests.factories import PersonFactory

    migration = importlib.import_module("kandas.migrations.0009_search_text_fold_v2")
    monkeypatch.setattr(migration, "BATCH", 2)
    people = [PersonFactory(surname=s, given_name="Бауыржан") for s in ("Қасымов", "Төлеуов", "Жұмабаев")]
    Person.objects.update(search_text="қасымов бауыржан kasymov bauyrzhan")
    migration.search_text_fold_v2(apps, None)
    assert [Person.objects.get(pk=p.pk).search_text for p in people] == [
        "kasimuv baurzhan", "tuleuv baurzhan", "zhumabaev baurzhan"]
