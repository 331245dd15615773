"""Issue 15: a printed receipt or notice carries the case's tracking link as text and as a QR code that
encodes exactly that link (the embedded PNG is compared with segno's rendering of the expected link)."""
import base64
import io

import segno
from PIL import Image
from pypdf import PdfReader

from kandas.templatetags.tracking import tracking_qr_png
from kandas.tracking import tracking_current, tracking_url


def assert_tracking_block(pdf: bytes, case) -> str:
    url = tracking_url(tracking_current(case))
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "").replace(" ", "")
    assert url in text, f"{url} not printed"
    expected = Image.open(io.BytesIO(base64.b64decode(tracking_qr_png(url).split(",", 1)[1]))).convert("1")
    images = [img.image.convert("1") for page in reader.pages for img in page.images]
    assert any(i.size == expected.size and list(i.getdata()) == list(expected.getdata()) for i in images), \
        "no QR image of the tracking link"
    assert segno.make(url, error="m").designator  # the link fits a QR code
    return url
