"""QR codes as SVG, drawn by qrcode's path image factory (no PIL needed)."""

from __future__ import annotations

import base64

import qrcode
from qrcode.image.svg import SvgPathImage


def qr_svg(data: str) -> str:
    """Return the SVG markup of a QR code that encodes ``data``."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    image = code.make_image(image_factory=SvgPathImage)
    return str(image.to_string(encoding="unicode"))


def qr_data_url(data: str) -> str:
    """Return a ``data:`` URL of the QR code's SVG, for an ``<img src>``."""
    encoded = base64.b64encode(qr_svg(data).encode("utf-8")).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"
