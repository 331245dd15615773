"""Reference data every installation starts with: the 17 oblasts and 3 cities of republican
significance (KATO), with the settlement / exit designations an administrator can change."""
from .models import Region

# kato, name_ru, name_kk, name_en (the official English name), kind, designated for settlement, region of exit for settlers
REGIONS = [
    ("100000000", "Абайская область", "Абай облысы", "Abai Region", "oblast", True, False),
    ("110000000", "Акмолинская область", "Ақмола облысы", "Akmola Region", "oblast", True, False),
    ("150000000", "Актюбинская область", "Ақтөбе облысы", "Aktobe Region", "oblast", False, False),
    ("190000000", "Алматинская область", "Алматы облысы", "Almaty Region", "oblast", False, True),
    ("230000000", "Атырауская область", "Атырау облысы", "Atyrau Region", "oblast", False, False),
    ("270000000", "Западно-Казахстанская область", "Батыс Қазақстан облысы", "West Kazakhstan Region", "oblast", False, False),
    ("310000000", "Жамбылская область", "Жамбыл облысы", "Jambyl Region", "oblast", False, True),
    ("330000000", "Область Жетісу", "Жетісу облысы", "Jetisu Region", "oblast", False, True),
    ("350000000", "Карагандинская область", "Қарағанды облысы", "Karaganda Region", "oblast", True, False),
    ("390000000", "Костанайская область", "Қостанай облысы", "Kostanay Region", "oblast", True, False),
    ("430000000", "Кызылординская область", "Қызылорда облысы", "Kyzylorda Region", "oblast", False, True),
    ("470000000", "Мангистауская область", "Маңғыстау облысы", "Mangystau Region", "oblast", False, True),
    ("550000000", "Павлодарская область", "Павлодар облысы", "Pavlodar Region", "oblast", True, False),
    ("590000000", "Северо-Казахстанская область", "Солтүстік Қазақстан облысы", "North Kazakhstan Region", "oblast", True, False),
    ("610000000", "Туркестанская область", "Түркістан облысы", "Turkistan Region", "oblast", False, True),
    ("620000000", "Область Ұлытау", "Ұлытау облысы", "Ulytau Region", "oblast", True, False),
    ("630000000", "Восточно-Казахстанская область", "Шығыс Қазақстан облысы", "East Kazakhstan Region", "oblast", True, False),
    ("710000000", "город Астана", "Астана қаласы", "Astana", "city", False, False),
    ("750000000", "город Алматы", "Алматы қаласы", "Almaty", "city", False, False),
    ("790000000", "город Шымкент", "Шымкент қаласы", "Shymkent", "city", False, True),
]


def regions_ensure() -> int:
    """Adds the regions an installation lacks and fills the names in a language a region has none in (an
    administrator's own names are kept). Returns how many regions were created."""
    created = 0
    for kato, ru, kk, en, kind, settle, exit_ in REGIONS:
        region, was_created = Region.objects.get_or_create(
            kato=kato, defaults={"name_ru": ru, "name_kk": kk, "name_en": en, "kind": kind,
                                 "is_settlement_region": settle, "is_exit_region": exit_})
        created += was_created
        if not was_created and not (region.name_en and region.name_kk):
            region.name_en, region.name_kk = region.name_en or en, region.name_kk or kk
            region.save(update_fields=["name_en", "name_kk"])
    return created


# English names of the organisations the demo and the tests create, by kind ("<name> (<region>)" as in Russian),
# and of the demo localities by KATO: the data migration 0010 and kandas.demo fill `name_en` from them.
ORGANISATION_NAMES_EN = {
    "MIO": "Department of Employment Coordination and Social Programmes",
    "LMC": "Labour Mobility Centre",
    "CC": "Career Centre",
    "ACC": "Kandas Adaptation and Integration Centre",
    "TAC": "Temporary Accommodation Centre",
    "KCOM": "Commission for the Admission of Kandas",
    "ECOM": "Regional Employment Commission",
    "GOVCORP": "Branch of the State Corporation “Government for Citizens”",
    "MINISTRY": "Ministry of Labour and Social Protection of the Population of the Republic of Kazakhstan",
    "CRTR": "Labour Resources Development Centre JSC",
    "MISSION": "Consulate General of the Republic of Kazakhstan in Urumqi",
}
LOCALITY_NAMES_EN = {
    "551010000": "Pavlodar", "551610000": "Ekibastuz", "552210000": "Aksu", "553630100": "Uspenka village",
    "554200000": "Sharbakty District", "591010000": "Petropavl", "594400000": "Kyzylzhar District",
    "594430100": "Beskol village", "191610000": "Konaev", "196200000": "Talgar District", "196220100": "Talgar",
}


def organisation_name_en(kind: str, region) -> str:
    """The English name of an organisation of `kind` in `region` (None: a national body), "" if unknown."""
    base = ORGANISATION_NAMES_EN.get(kind, "")
    region_en = getattr(region, "name_en", "") if region is not None else ""
    return f"{base} ({region_en})" if base and region_en else base

