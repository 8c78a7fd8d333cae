"""The QR code on a certificate: which signed text it carries, and its modules as a vector path.

The QR code carries the whole signed record (the token) when that makes a code of at most
`MAX_VERSION` (version 20: 97 x 97 modules, about 0.4 mm each at the printed size, still read
by a phone camera), and otherwise the compact token: a signed summary (see `envelope`), which
always fits. Error correction level M (15 %) allows for creases and smudges on paper.
The code is drawn as filled rectangles (one per run of dark modules in a row), so it stays
sharp in the PDF and on any printer.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainterPath

from .envelope import SignedCertificate

__all__ = ["MAX_VERSION", "QUIET_ZONE", "CertificateQr", "certificate_qr", "qr_path"]

MAX_VERSION = 20
QUIET_ZONE = 4  # modules of white around the code, as the standard asks
ERROR_LEVEL = "m"


@dataclass(frozen=True)
class CertificateQr:
    text: str  # what the code says
    compact: bool  # True: the signed summary, not the whole record
    version: int
    matrix: tuple[tuple[bool, ...], ...]  # rows of modules, True = dark

    @property
    def size(self) -> int:
        return len(self.matrix)


def _encode(text: str) -> segno.QRCode:
    return segno.make(text, error=ERROR_LEVEL, micro=False, boost_error=False)


def fits(text: str, version: int = MAX_VERSION) -> bool:
    """True if `text` fits a QR code of `version` (checked with one fixed mask: quick)."""
    try:
        segno.make(text, error=ERROR_LEVEL, version=version, mask=0, boost_error=False)
    except segno.DataOverflowError:
        return False
    return True


def certificate_qr(signed: SignedCertificate) -> CertificateQr:
    """The QR code for a certificate (whole record if it fits, otherwise the summary)."""
    text, compact = signed.token(), False
    if not fits(text):
        text, compact = signed.compact_token(), True
    code = _encode(text)
    matrix = tuple(tuple(bool(cell) for cell in row) for row in code.matrix)
    return CertificateQr(text, compact, int(code.version), matrix)


def qr_path(qr: CertificateQr, box: QRectF) -> tuple[QPainterPath, QRectF]:
    """The dark modules as one path filling a square in `box` (the quiet zone included), and
    that square."""
    total = qr.size + 2 * QUIET_ZONE
    side = min(box.width(), box.height())
    module = side / total
    square = QRectF(box.left() + (box.width() - side) / 2, box.top(), side, side)
    path = QPainterPath()
    origin_x = square.left() + QUIET_ZONE * module
    origin_y = square.top() + QUIET_ZONE * module
    for y, row in enumerate(qr.matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            path.addRect(
                QRectF(
                    origin_x + start * module, origin_y + y * module, (x - start) * module, module
                )
            )
    path.setFillRule(Qt.FillRule.WindingFill)
    return path, square
