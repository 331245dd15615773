"""Latin spelling of Cyrillic (Kazakh and Russian) names, and the folded form that name search compares.

People spell Kazakh names in Latin many ways (Жұмабаев: Zhumabaev, Jumabayev, Žumabaev; Сейтқали:
Seitkali, Seytqali). `name_latin` is a readable passport-style spelling; `name_fold` reduces any
spelling, Cyrillic or Latin, to one key so that a substring of one matches a substring of the other.
unidecode alone turns Kazakh letters into apostrophes ("Seitk'ali"), so the table is written here.
"""
import re
import unicodedata

_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o",
    "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh",
    "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}

# Latin letters with diacritics that stand for two plain letters (the rest lose their accents).
_LATIN_DIGRAPHS = {"ž": "zh", "š": "sh", "č": "ch", "ı": "i"}

# Applied in order to lower-case Latin text: different spellings of one sound become one key.
_FOLDS = [
    ("shch", "sh"), ("sch", "sh"), ("kh", "h"), ("dj", "zh"), ("j", "zh"), ("zzh", "zh"), ("q", "k"), ("w", "u"),
    ("x", "h"), ("yu", "iu"), ("ya", "ia"), ("yo", "io"), ("ye", "e"), ("y", "i"), ("ii", "i"),
]
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
    """The search key of a name in any spelling: lower-case plain Latin with spellings merged."""
    latin = "".join(_LATIN_DIGRAPHS.get(c, c) for c in name_latin((text or "").lower()))
    latin = "".join(c for c in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(c)).lower()
    latin = _NOT_LETTER.sub("", latin.replace("-", " "))
    for old, new in _FOLDS:
        latin = latin.replace(old, new)
    return " ".join(latin.split())


def person_search_text(full_name: str) -> str:
    """What Person.search_text stores: the Cyrillic name in lower case and its folded key."""
    return f"{(full_name or '').lower()} {name_fold(full_name)}"
