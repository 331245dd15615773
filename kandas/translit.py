"""Latin spelling of Cyrillic (Kazakh and Russian) names, and the folded key that name search compares.

One Kazakh name reaches the registry in many spellings: the Kazakh Cyrillic of the ID card (Қасымов),
the Russian Cyrillic of older papers (Касымов), the Latin of the passport (KASSYMOV, KASYMOV), the
2021 Kazakh Latin alphabet (Qasymov), the spellings of the country of exit (Jumabayev, Džumabajev).
`name_latin` gives one readable passport-style spelling; `name_fold` reduces any spelling, Cyrillic or
Latin, to one key, so that a word of the query is a substring of the stored key whatever spelling
either was written in. unidecode alone turns Kazakh letters into apostrophes ("Seitk'ali"), so the
tables are written here.

Sources of the tables
---------------------
* ICAO Doc 9303 Part 3 (machine readable travel documents), transliteration of Cyrillic, used by
  Kazakh and Russian passports: А A, Б B, В V, Г G, Д D, Е/Ё/Э E, Ж ZH, З Z, И/Й/І I, К K, Л L, М M,
  Н N, О O, П P, Р R, С S, Т T, У U, Ф F, Х KH, Ц TS, Ч CH, Ш SH, Щ SHCH, Ы Y, Ъ IE, Ь —, Ю IU, Я IA.
  The Kazakh letters follow Kazakh passport practice: Ә A, Ғ G, Қ K, Ң N, Ө O, Ұ U, Ү U, Һ H, І I.
* The Kazakh Latin alphabet of January 2021 (and the earlier 2018/2019 drafts still seen in
  documents): Ä (ә), Ğ (ғ), I ı (і), İ i (и, й), J (ж), Ñ/Ŋ (ң), Ö (ө), Q (қ), Ş (ш), Ç (ч),
  Ū (ұ), Ü (ү), U or W or Ý (у), Y (ы), H (х, һ); 2018 acute letters Á Ǵ Ń Ó Ú.
* Russian-style and foreign spellings of Kazakh names met in migration files: Жумабаев for Жұмабаев,
  Касымов for Қасымов, Тулеуов for Төлеуов, Серик for Серік, Нурлан for Нұрлан, Бауржан for Бауыржан,
  Тенгиз for Теңіз; Latin dj/dzh/j/ž for ж, kh/h/x for х, gh for ғ, ye/yu/ya for е/ю/я, doubled
  consonants (Kassymov, Mukhammed), -iy/-ii/-y endings (Dmitriy, Dmitrii, Dmitry), the patronymic
  ending -ұлы/-uly/-ulı/-ovich/-evich and -қызы/-kyzy/-qyzy/-ovna/-evna.

The folding, in order (every step is applied to the query and to the stored name alike)
----------------------------------------------------------------------------------------
1. Cyrillic → Latin by `_CYRILLIC` (the passport table above), lower case.
2. Latin letters with diacritics → plain letters by `_LATIN_LETTERS` (ş → sh, ž → zh, ı → i, ŋ → n,
   ý → u, …); any other accent is dropped (ä → a, ö → o, ü → u, ū → u, ğ → g, ñ → n).
3. Hyphens separate words; anything not a Latin letter (apostrophes, dots; ь and ъ, which step 1 drops —
   ICAO writes Ъ as IE, Kazakh names do not have it) is dropped.
4. Spellings of one sound merged by `_SPELLINGS`: shch/sch → sh; dzh/dj/j → zh; kh/x → h; gh → g;
   q → k; w → u; ng → n (Тенгиз = Теңіз); ye → e (Yerlan), yu → iu, ya → ia, yo → io; then y → i.
5. Patronymics (`_PATRONYMICS`): a word ending in -ovich/-evich → -uli, -ovna/-evna → -kizi (so
   Серикович = Серікұлы = Serikuly); a separate word uli/kizi joins the name before it (Serik uly).
6. Vowel classes (`_VOWELS`): o → u. Kazakh ө is written O in passports and У in Russian papers
   (Төлеуов: TOLEUOV, Тулеуов), so o, ө, у, ұ, ү are one vowel; the price is that real o/u pairs meet
   too — Болат/Булат, Омар/Умар, Оспан/Успан, which are themselves spellings of one name. The i-class
   (и, й, і, ы, y, ı) and the a-class (а, ә) are merged by steps 1–4.
7. Ауы before a consonant loses its ы (Бауыржан/Бауржан: bauirzhan → baurzhan).
8. A letter repeated is written once (Kassymov, Mukhammed, Zhanna, -ii endings, Tuleuuv).

Kept apart on purpose (so that the key does not merge different names): к/қ from х/һ (Қасен vs Хасен;
so Бақыт and its Russian spelling Бахыт do not meet), a from e (Асан vs Есен), d from t (Ахмед vs
Ахмет), s from z, l from zh (Ерлан vs Ержан). Not read: the 2017 apostrophe alphabet (S', C', Y'),
abandoned in 2018; Latin x is read as х (Uzbek and Karakalpak spelling), so Alexandr does not meet
Александр (Aleksandr does).

Examples: Kassymov, Kasymov, Qasymov, Қасымов, Касымов → kasimuv; Tuleuov, Töleuov, Toleuov, Төлеуов,
Тулеуов → tuleuv; Zhumabaev, Jumabayev, Djumabaev, Žumabaev, Жұмабаев, Жумабаев → zhumabaev.
"""
import re
import unicodedata

# 1. Cyrillic → Latin: ICAO Doc 9303 for the Russian letters, Kazakh passport practice for the Kazakh ones.
_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o",
    "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ӯ": "u", "ф": "f",
    "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i",
    "ь": "", "э": "e", "ю": "iu", "я": "ia",
}

# 2. Latin letters whose plain form is not "drop the accent": 2021/2019/2018 Kazakh Latin, Turkish,
#    Czech/Slovak-style (Džumabajev) and Azerbaijani-style (Əli) spellings.
_LATIN_LETTERS = {
    "ž": "zh", "š": "sh", "č": "ch", "ş": "sh", "ș": "sh", "ç": "ch", "ı": "i", "ŋ": "n", "ý": "u",
    "ə": "a", "ǝ": "a", "ʼ": "", "ʻ": "",
}

# 4. Different Latin spellings of one sound, applied in this order.
_SPELLINGS = [
    ("shch", "sh"), ("sch", "sh"), ("dzh", "zh"), ("dj", "zh"), ("j", "zh"), ("zzh", "zh"), ("kh", "h"),
    ("x", "h"), ("gh", "g"), ("q", "k"), ("w", "u"), ("ng", "n"), ("ye", "e"), ("yu", "iu"), ("ya", "ia"),
    ("yo", "io"), ("y", "i"),
]

# 5. Patronymic endings: Russian-style → Kazakh (-ұлы "son of", -қызы "daughter of"), after step 4.
_PATRONYMICS = [(re.compile(r"(?<=[a-z])[oe]vich\b"), "uli"), (re.compile(r"(?<=[a-z])[oe]vna\b"), "kizi"),
                (re.compile(r"\b(\w+) (uli|kizi)\b"), r"\1\2")]

# 6.–8. Vowel classes, the dropped ы of ауы, repeated letters.
_VOWELS = [("o", "u")]
_AUY = re.compile(r"aui(?![aeiu])")
_REPEATED = re.compile(r"([a-z])\1+")
_NOT_LETTER = re.compile(r"[^a-z ]+")


def name_latin(text: str) -> str:
    """A readable Latin spelling: 'Жұмабаев Ерлан' → 'Zhumabaev Erlan'."""
    out = []
    for ch in text or "":
        low = ch.lower()
        if low in _CYRILLIC:
            latin = _CYRILLIC[low]
            out.append(latin.capitalize() if ch != low else latin)
        else:
            out.append(ch)
    return "".join(out)


def name_fold(text: str) -> str:
    """The search key of a name in any spelling: lower-case plain Latin words, spellings merged."""
    latin = "".join(_LATIN_LETTERS.get(c, c) for c in name_latin((text or "").lower()))
    latin = "".join(c for c in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(c)).lower()
    latin = " ".join(_NOT_LETTER.sub("", latin.replace("-", " ")).split())
    for old, new in _SPELLINGS:
        latin = latin.replace(old, new)
    for pattern, new in _PATRONYMICS:
        latin = pattern.sub(new, latin)
    for old, new in _VOWELS:
        latin = latin.replace(old, new)
    latin = _AUY.sub("au", latin)
    return _REPEATED.sub(r"\1", latin)


def name_fold_words(text: str) -> list[str]:
    """The folded words of a query, each to be found in the key (in any order), without repeats."""
    words = []
    for word in name_fold(text).split():
        if word not in words:
            words.append(word)
    # A word inside another word of the query adds no condition (Kasymov Kasym → Kasymov).
    return [w for w in words if not any(w != other and w in other for other in words)]


def person_search_text(full_name: str) -> str:
    """What Person.search_text stores: the folded key of the full name (search compares folded words only)."""
    return name_fold(full_name)
