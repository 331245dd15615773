"""{% case_tracking case as t %}: the link and QR code a receipt prints (templates/pdf/tracking_block.html)."""
import segno
from django import template

from ..tracking import tracking_current, tracking_url

register = template.Library()
QR_SCALE = 4  # pixels per module of the PNG embedded in the PDF


def tracking_qr_png(url: str) -> str:
    """A PNG (a raster the reader's camera app and a PDF image extractor both see), as a data URI."""
    return segno.make(url, error="m").png_data_uri(scale=QR_SCALE)


@register.simple_tag
def case_tracking(case):
    tracking = tracking_current(case) if case is not None else None
    if tracking is None:
        return None
    url = tracking_url(tracking)
    return {"url": url, "qr": tracking_qr_png(url)}
