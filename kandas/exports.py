"""One streamed export of any list (GEN-3): what the list shows under its filter, as CSV or XLSX.

CSV is streamed row by row (StreamingHttpResponse + the csv module, UTF-8 with BOM so Excel reads
Cyrillic); XLSX is written by openpyxl's write-only workbook into a SpooledTemporaryFile (openpyxl cannot
write to a socket) and sent as a FileResponse. Memory stays flat in the number of rows either way
(bench/bench_exports.py). Columns marked personal (IIN, birth date) are left out for a user who may not
see personal data; every export is logged (ExportLog: who, which list, the filter, format, rows).
"""
from __future__ import annotations

import csv
import datetime
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from django.utils import translation
from django.http import FileResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils.translation import gettext as _

from .roles import user_may_see_personal_data

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
DATE_FORMAT = "%d.%m.%Y"
DATETIME_FORMAT = "%d.%m.%Y %H:%M"


class Column(NamedTuple):
    label: Any  # a (lazy) translated header
    value: Callable[[Any], Any]  # the cell of one row
    personal: bool = False  # IIN, birth date: only for those who may see personal data


def export_requested(request) -> bool:
    return "export" in request.GET


def _columns(user, columns: Iterable) -> list[Column]:
    cols = [c if isinstance(c, Column) else Column(*c) for c in columns]
    if user_may_see_personal_data(user):
        return cols
    return [c for c in cols if not c.personal]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime(DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    return str(value)


class _Echo:
    """The csv writer's file: hands each written line back instead of keeping it."""

    def write(self, value: str) -> str:
        return value


def _filter_query(request) -> str:
    params = request.GET.copy()
    for key in ("export", "page"):
        params.pop(key, None)
    return params.urlencode()[:1000]


def export_response(request, *, rows: Iterable, columns: Iterable, filename: str, list_name: str = "",
                    fmt: str | None = None):
    """The export of `rows` (an iterator: queryset.iterator(chunk_size=2000) or a generator) as `fmt` (default:
    the request's ?export=), logged under `list_name` (default: `filename`)."""
    from .models import ExportLog

    fmt = (request.GET.get("export", "") if fmt is None else fmt).lower()
    if fmt not in FORMATS:
        return HttpResponseBadRequest(_("Export format must be CSV or XLSX."), content_type="text/plain; charset=utf-8")
    cols = _columns(request.user, columns)
    log = None
    if request.user.is_authenticated:
        log = ExportLog.objects.create(user=request.user, list_name=list_name or filename, fmt=fmt,
                                       query_string=_filter_query(request),
                                       personal_data=any(c.personal for c in cols))
    name = f"{filename}-{datetime.date.today():%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_lines(rows, cols, log, translation.get_language()),
                                         content_type=FORMATS["csv"])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    spool, count = xlsx_write(rows, cols)
    _log_rows(log, count)
    return FileResponse(spool, as_attachment=True, filename=name, content_type=FORMATS["xlsx"])


def _log_rows(log, count: int) -> None:
    if log is not None:
        type(log).objects.filter(pk=log.pk).update(rows=count)


def _csv_lines(rows: Iterable, cols: list[Column], log, language: str | None = None) -> Iterator[str]:
    # The server reads a streamed body after the request's language is switched off: keep the reader's.
    with translation.override(language or translation.get_language()):
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow([str(c.label) for c in cols])
        count = 0
        for row in rows:
            count += 1
            yield writer.writerow([_text(c.value(row)) for c in cols])
    _log_rows(log, count)


def rows_in_chunks(rows: Iterable, prepare: Callable[[list], Any], size: int = 2000) -> Iterator:
    """`rows` again, `prepare(chunk)` called on each chunk of `size` first: what a page looks up for its rows
    (applicant names, case states) is looked up once per chunk of an export, never once per row."""
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            prepare(chunk)
            yield from chunk
            chunk = []
    if chunk:
        prepare(chunk)
        yield from chunk


def csv_lines(rows: Iterable, columns: Iterable) -> Iterator[str]:
    """The CSV lines without a request (the benchmark); every column kept."""
    return _csv_lines(rows, [c if isinstance(c, Column) else Column(*c) for c in columns], None)


def xlsx_write(rows: Iterable, cols: Iterable) -> tuple[tempfile.SpooledTemporaryFile, int]:
    """The workbook in a spooled file (memory up to 1 MiB, then disk), rewound; and the row count."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    cols = [c if isinstance(c, Column) else Column(*c) for c in cols]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append([str(c.label) for c in cols])
    count = 0
    for row in rows:
        count += 1
        cells = []
        for c in cols:
            value = c.value(row)
            if isinstance(value, datetime.date):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = "DD.MM.YYYY HH:MM" if isinstance(value, datetime.datetime) else "DD.MM.YYYY"
                cells.append(cell)
            else:
                cells.append("" if value is None else value if isinstance(value, (int, float)) else str(value))
        ws.append(cells)
    spool = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)
    wb.save(spool)
    spool.seek(0)
    return spool, count


def case_columns() -> list[Column]:
    """The columns every case list exports: number, applicant, state, filed on, region; IIN if allowed."""
    return [
        Column(_("Number"), lambda c: c.ref),
        Column(_("Applicant"), lambda c: c.applicant.full_name),
        Column(_("IIN"), lambda c: c.applicant.iin or "", personal=True),
        Column(_("State"), lambda c: c.get_state_display()),
        Column(_("Filed on"), lambda c: c.filed_on),
        Column(_("Region"), lambda c: str(c.region)),
    ]


def case_list_export(request, qs, *, list_name: str):
    """The export of a case list's filtered queryset (select_related applicant and region kept)."""
    qs = qs.select_related("applicant", "region")  # one query per 2,000 rows, whatever the list selected
    return export_response(request, rows=qs.iterator(chunk_size=2000), columns=case_columns(),
                           filename=list_name)


def person_columns() -> list[Column]:
    """The person search's columns: name, IIN and date of birth (personal), sex, region."""
    return [
        Column(_("Name"), lambda p: p.full_name),
        Column(_("IIN"), lambda p: p.iin or "", personal=True),
        Column(_("Date of birth"), lambda p: p.birth_date, personal=True),
        Column(_("Sex"), lambda p: p.get_sex_display()),
        Column(_("Region"), lambda p: str(p.region) if p.region_id else ""),
    ]
