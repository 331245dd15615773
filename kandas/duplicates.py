"""Likely duplicates in the registry: one person registered twice under two spellings of one name.

The name search key (`translit.name_fold`) keeps apart letters that distinguish different names (к/х, a/e,
d/t); a duplicate needs more: the same date of birth (or, without one, a family member in common) and a
name that reduces to the same *skeleton*. The skeleton also absorbs the spellings that reach the registry
from China and Mongolia, where many kandas come from:
* Chinese documents write Kazakh names in pinyin, adding vowels between consonants and at the end
  (Нурлан → Nuerlan, Қасым → Hasimu, Серік → Sailike) and writing қ as h, ж as j, ш as x;
* Mongolian Cyrillic has no қ, ғ, ң, ә, і: Қасым → Хасым, Ғани → Гани, Әлі → Эли; surnames are often the
  father's given name without -ов/-ев (Серік vs Серіков).
So the skeleton of a word is its first letter (vowel class kept: Асан ≠ Есен) and then its consonants only,
with к/қ/х/һ/г/ғ one class, д/т, б/п, з/с, ш/ж/ч/щ/x, р/л (pinyin writes the Kazakh р as l: Sailike) one
class each, repeats collapsed; a word loses -ov/-ev/-in(a)/-uly/-kyzy first. The key is the two
skeletons of surname and given name in alphabetical order (either name order); the patronymic is ignored
(Chinese and Mongolian papers have none). Precision and recall on a generated set: bench/bench_duplicates.py.
"""
import re

from .translit import name_fold

_SURNAME_ENDINGS = re.compile(r"(?:uva|eva|ina|uv|ev|in|uli|kizi|ulu)$")
_CLASSES = str.maketrans({"h": "k", "g": "k", "d": "t", "p": "b", "s": "z", "x": "z", "c": "z", "l": "r",
                          "f": "b", "v": "b", "w": "b"})
_VOWELS = set("aeiuo")
_SHIBILANT = re.compile(r"zh|sh|ch|ts")


def word_skeleton(word: str) -> str:
    """The skeleton of one folded word: its first letter's class, then its consonant classes. Surname
    endings go from either word, as papers differ in which name comes first."""
    if len(word) > 4:
        word = _SURNAME_ENDINGS.sub("", word)
    if not word:
        return ""
    word = _SHIBILANT.sub("z", word)
    first = word[0]
    if first in _VOWELS:
        head = "a" if first == "a" else ("e" if first == "e" else "i")  # а/ә; е/э; и/і/ы/о/у/ұ/ү
    else:
        head = first.translate(_CLASSES)
    out = [head]
    for letter in word[1:]:
        if letter in _VOWELS:
            continue
        cls = letter.translate(_CLASSES)
        if cls != out[-1]:
            out.append(cls)
    return "".join(out)


def duplicate_key(*, surname: str, given_name: str) -> str:
    """The key two registrations of one person share: skeletons of surname and given name, in any order."""
    surname_words = name_fold(surname).split()
    given_words = name_fold(given_name).split()
    if not surname_words or not given_words:
        return ""
    parts = sorted([word_skeleton(surname_words[0]), word_skeleton(given_words[0])])
    return " ".join(parts)[:120]
