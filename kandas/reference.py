"""Reference data every installation starts with: the 17 oblasts and 3 cities of republican
significance (KATO), with the settlement / exit designations an administrator can change."""
from .models import Region

# kato, name_ru, name_kk, kind, designated for settlement, region of exit for settlers
REGIONS = [
    ("100000000", "Абайская область", "Абай облысы", "oblast", True, False),
    ("110000000", "Акмолинская область", "Ақмола облысы", "oblast", True, False),
    ("150000000", "Актюбинская область", "Ақтөбе облысы", "oblast", False, False),
    ("190000000", "Алматинская область", "Алматы облысы", "oblast", False, True),
    ("230000000", "Атырауская область", "Атырау облысы", "oblast", False, False),
    ("270000000", "Западно-Казахстанская область", "Батыс Қазақстан облысы", "oblast", False, False),
    ("310000000", "Жамбылская область", "Жамбыл облысы", "oblast", False, True),
    ("330000000", "Область Жетісу", "Жетісу облысы", "oblast", False, True),
    ("350000000", "Карагандинская область", "Қарағанды облысы", "oblast", True, False),
    ("390000000", "Костанайская область", "Қостанай облысы", "oblast", True, False),
    ("430000000", "Кызылординская область", "Қызылорда облысы", "oblast", False, True),
    ("470000000", "Мангистауская область", "Маңғыстау облысы", "oblast", False, True),
    ("550000000", "Павлодарская область", "Павлодар облысы", "oblast", True, False),
    ("590000000", "Северо-Казахстанская область", "Солтүстік Қазақстан облысы", "oblast", True, False),
    ("610000000", "Туркестанская область", "Түркістан облысы", "oblast", False, True),
    ("620000000", "Область Ұлытау", "Ұлытау облысы", "oblast", True, False),
    ("630000000", "Восточно-Казахстанская область", "Шығыс Қазақстан облысы", "oblast", True, False),
    ("710000000", "город Астана", "Астана қаласы", "city", False, False),
    ("750000000", "город Алматы", "Алматы қаласы", "city", False, False),
    ("790000000", "город Шымкент", "Шымкент қаласы", "city", False, True),
]


def regions_ensure() -> int:
    created = 0
    for kato, ru, kk, kind, settle, exit_ in REGIONS:
        _, was_created = Region.objects.get_or_create(
            kato=kato, defaults={"name_ru": ru, "name_kk": kk, "kind": kind, "is_settlement_region": settle,
                                 "is_exit_region": exit_})
        created += was_created
    return created
