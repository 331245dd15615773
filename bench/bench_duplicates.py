"""Precision and recall of the duplicate search (kandas/duplicates.py) on a generated set with known duplicates.

    .venv/bin/python bench/bench_duplicates.py [--people 100000] [--duplicates 0.1] [--seed 7]

People get Kazakh names from real name lists and birth dates spread over 1950–2005 (so that many unrelated
people share a birth date, as in a real registry). A share of them is registered a second time in another
spelling: Russian-style Cyrillic, the passport's Latin, the 2021 Latin alphabet, pinyin (Chinese papers) or
Mongolian Cyrillic, in either name order. A pair is found when key and birth date agree (the rule of
kandas/duplicate_services.py); precision = found true pairs / all found pairs, recall = found true pairs /
all true pairs. Pure Python: no database is needed.
"""
import argparse
import datetime
import itertools
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kandas.duplicates import duplicate_key  # noqa: E402
from kandas.translit import name_latin  # noqa: E402

SURNAMES = ["Қасымов", "Жұмабаев", "Төлеуов", "Серіков", "Әбдірахманов", "Нұрланов", "Бекетов", "Оразбеков",
            "Сейтқали", "Мұхаметжанов", "Ахметов", "Байжанов", "Дәулетов", "Ермеков", "Исабаев", "Құрманғалиев",
            "Сарсенбаев", "Тоқтаров", "Үсенов", "Шәріпов", "Ғабдуллин", "Жақсылықов", "Қожахметов", "Омаров",
            "Бекмұхамбетов", "Есенов", "Асанов", "Әлімов", "Мамыров", "Рахымжанов", "Сүлейменов", "Темірбеков"]
GIVEN = ["Нұрлан", "Ерлан", "Бақыт", "Айгүл", "Бауыржан", "Ғалия", "Нұржан", "Айгерім", "Ержан", "Болат",
         "Мадина", "Дина", "Арман", "Марат", "Серік", "Қайрат", "Гүлнар", "Әсел", "Жанар", "Ерболат", "Асқар",
         "Дәурен", "Мейрам", "Самат", "Талғат", "Жұлдыз", "Әйгерім", "Ұлан", "Нұрсұлтан", "Ақерке", "Еркін"]

RUSSIAN = str.maketrans({"қ": "к", "ә": "а", "ө": "у", "ұ": "у", "ү": "у", "і": "и", "ғ": "г", "ң": "н", "һ": "х",
                         "Қ": "К", "Ә": "А", "Ө": "У", "Ұ": "У", "Ү": "У", "І": "И", "Ғ": "Г", "Ң": "Н"})
MONGOLIAN = str.maketrans({"қ": "х", "ә": "э", "ө": "ө", "ұ": "у", "ү": "ү", "і": "и", "ғ": "г", "ң": "н",
                           "Қ": "Х", "Ә": "Э", "Ұ": "У", "І": "И", "Ғ": "Г", "Ң": "Н"})
LATIN_2021 = str.maketrans({"қ": "q", "ә": "ä", "ө": "ö", "ұ": "ū", "ү": "ü", "і": "ı", "ғ": "ğ", "ң": "ñ",
                            "ж": "j", "ш": "ş", "ы": "y", "й": "i", "х": "h", "ч": "ç", "у": "u"})


def _latin_2021(word: str) -> str:
    out = name_latin(word.lower().translate(LATIN_2021))
    return out.capitalize()


def _pinyin(word: str) -> str:
    """A Chinese-document spelling: қ→h, ж→j, vowels between consonant clusters, a final -e/-u."""
    latin = name_latin(word.lower().translate({ord("қ"): "х", ord("ғ"): "г"})).lower()
    latin = latin.replace("kh", "h").replace("zh", "j").replace("sh", "x").replace("y", "i")
    for ending in ("ov", "ev", "in"):
        if latin.endswith(ending) and len(latin) > 5:
            latin = latin[: -len(ending)]
    vowels = set("aeiou")
    out = []
    for i, ch in enumerate(latin):
        out.append(ch)
        nxt = latin[i + 1] if i + 1 < len(latin) else ""
        if ch == "r" and nxt and nxt not in vowels:
            out.append("e")
    if out[-1] not in vowels:
        out.append(random.choice("eu"))
    return "".join(out).capitalize()


def _mongolian(word: str) -> str:
    word = word.translate(MONGOLIAN)
    for ending in ("ов", "ев", "ин"):
        if word.endswith(ending) and len(word) > 5:
            return word[: -len(ending)]
    return word


SPELLINGS = {
    "Russian Cyrillic": lambda w: w.translate(RUSSIAN),
    "passport Latin": lambda w: name_latin(w).upper(),
    "2021 Latin": _latin_2021,
    "pinyin": _pinyin,
    "Mongolian Cyrillic": _mongolian,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--duplicates", type=float, default=0.1, help="share registered twice")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    random.seed(args.seed)
    start_day, days = datetime.date(1950, 1, 1), 365 * 55
    records, truth, by_spelling = [], set(), defaultdict(lambda: [0, 0])
    for pid in range(args.people):
        surname, given = random.choice(SURNAMES), random.choice(GIVEN)
        born = start_day + datetime.timedelta(days=random.randrange(days))
        records.append((len(records), surname, given, born, None))
        if random.random() < args.duplicates:
            spelling = random.choice(list(SPELLINGS))
            s, g = SPELLINGS[spelling](surname), SPELLINGS[spelling](given)
            if random.random() < 0.3:
                s, g = g, s  # the name order of the other paper
            truth.add((len(records) - 1, len(records)))
            records.append((len(records), s, g, born, spelling))
    began = time.perf_counter()
    groups = defaultdict(list)
    for rid, surname, given, born, _spelling in records:
        groups[(duplicate_key(surname=surname, given_name=given), born)].append(rid)
    found = {pair for ids in groups.values() for pair in itertools.combinations(sorted(ids), 2)}
    elapsed = time.perf_counter() - began
    spelling_of = {rid: spelling for rid, _s, _g, _b, spelling in records if spelling}
    for pair in truth:
        by_spelling[spelling_of[pair[1]]][0] += 1
        by_spelling[spelling_of[pair[1]]][1] += pair in found
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    print(f"records {len(records):,} (people {args.people:,}, registered twice {len(truth):,}); keys in {elapsed:.2f} s")
    print(f"pairs found {len(found):,}, true {hits:,}, false {len(found) - hits:,}")
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    for spelling, (total, got) in sorted(by_spelling.items()):
        print(f"  recall, second registration in {spelling:<18} {got / total:.3f} ({got}/{total})")


if __name__ == "__main__":
    main()
