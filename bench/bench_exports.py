"""Exports in flat memory (issue 15, GEN-3): the same export of N rows as of N/10 rows must not need ~10×
the memory. Each case runs in a fresh process (kandas.exports over a generator of tuples, no database):
the tracemalloc peak and the growth of the process's peak RSS, with the ratio against the small run.

    .venv/bin/python bench/bench_exports.py [--rows 300000]
"""
import argparse
import datetime
import json
import resource
import subprocess
import sys
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

COLUMNS = [("Номер", lambda r: r[0]), ("Заявитель", lambda r: r[1]), ("ИИН", lambda r: r[2]),
           ("Состояние", lambda r: r[3]), ("Дата подачи", lambda r: r[4]), ("Регион", lambda r: r[5])]


def _rows(n: int):
    day = datetime.date(2026, 1, 1)
    for i in range(n):
        yield (f"STA-2026-{i:06d}", f"Қасымов Бауыржан {i}", f"{i:012d}", "На рассмотрении комиссии",
               day + datetime.timedelta(days=i % 365), "Алматинская область")


def _one(fmt: str, n: int) -> dict:
    from _django import django_setup

    django_setup()
    import openpyxl  # noqa: F401  (imported before the measurement starts)
    from kandas.exports import csv_lines, xlsx_write

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    size = 0
    if fmt == "csv":
        for line in csv_lines(_rows(n), COLUMNS):
            size += len(line.encode())
    else:
        spool, _count = xlsx_write(_rows(n), COLUMNS)
        spool.seek(0, 2)
        size = spool.tell()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    return {"peak_kib": peak // 1024, "rss_growth_kib": rss_growth, "bytes": size}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_one(args.one[0], int(args.one[1]))))
        return
    small = args.rows // 10
    for fmt in ("csv", "xlsx"):
        res = {}
        for n in (small, args.rows):
            out = subprocess.run([sys.executable, __file__, "--one", fmt, str(n)], capture_output=True, text=True,
                                 check=True).stdout
            res[n] = json.loads(out.strip().splitlines()[-1])
            print(f"{fmt:4} {n:>8} rows: tracemalloc peak {res[n]['peak_kib']:>7} KiB, "
                  f"RSS growth {res[n]['rss_growth_kib']:>7} KiB, file {res[n]['bytes'] // 1024} KiB")
        ratio = res[args.rows]["peak_kib"] / max(res[small]["peak_kib"], 1)
        print(f"{fmt:4} peak ratio {args.rows}/{small} rows: {ratio:.2f}× (flat: far below 10×)")


if __name__ == "__main__":
    main()
