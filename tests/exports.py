"""Reading an export back in tests: the rows of a streamed CSV or of an XLSX response."""
import csv
import io

from openpyxl import load_workbook


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[list[str]]:
    """The CSV's rows, header first; asserts a 200 and the BOM that lets Excel read Cyrillic."""
    assert response.status_code == 200, response.status_code
    body = _body(response).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def xlsx_rows(response) -> list[tuple]:
    """The first sheet's rows, header first."""
    assert response.status_code == 200, response.status_code
    sheet = load_workbook(io.BytesIO(_body(response)), read_only=True).active
    return list(sheet.iter_rows(values_only=True))
