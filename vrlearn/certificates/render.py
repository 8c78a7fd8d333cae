"""Drawing a certificate: one QPainter routine for the PDF, the print preview and the printer.

Everything is laid out once, in device-independent units (`UNIT`: a tenth of a point) on an A4
landscape page (`layout_certificate`), then painted on any QPaintDevice scaled into the page
rectangle it is given (`paint_certificate`). Text is vector text in the bundled font (`fonts`);
long names and titles wrap and shrink to fit their boxes (`text_fit`); the QR code is drawn as
filled rectangles (`qr`).

`certificate_pdf_bytes` / `save_certificate_pdf` write the PDF with QPdfWriter, with the signed
record embedded in its XMP metadata and as an attached JSON file (see `pdf_embed`). Printing
and previewing go through `vrlearn.ui.certificate_printing`, which calls `paint_certificate`.

QtGui only: no widgets here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
)

import vrlearn
from vrlearn.atomic_file import write_file_atomically

from . import wording
from .envelope import SignedCertificate
from .keys import format_fingerprint
from .pdf_embed import ATTACHMENT_MIME, attachment_name, xmp_packet
from .qr import CertificateQr, certificate_qr, qr_path
from .text_fit import FittedList, FittedText, fit_list, fit_text

__all__ = [
    "PAGE_HEIGHT",
    "PAGE_WIDTH",
    "UNIT",
    "CertificateLayout",
    "RenderError",
    "certificate_pdf_bytes",
    "layout_certificate",
    "paint_certificate",
    "page_layout",
    "save_certificate_pdf",
]

UNIT = 0.1  # points per unit
PDF_RESOLUTION = 1200


def mm(value: float) -> float:
    """Millimetres in units."""
    return value * 72 / 25.4 / UNIT


def pt(value: float) -> float:
    """Points in units."""
    return value / UNIT


PAGE_WIDTH = mm(297)
PAGE_HEIGHT = mm(210)

# The NHS digital palette, as in vrlearn.ui.theme (which this layer may not import).
NHS_BLUE = QColor("#005EB8")
NHS_DARK_BLUE = QColor("#003087")
TEXT = QColor("#212B32")
SECONDARY = QColor("#4C6272")
BORDER = QColor("#D8DDE0")
PALE = QColor("#F0F4F5")

LEFT, RIGHT = mm(22), mm(275)
CENTRE_WIDTH = RIGHT - LEFT


class RenderError(RuntimeError):
    """The certificate could not be drawn or saved; the message says why."""


@dataclass
class Fact:
    label: FittedText
    value: FittedText


@dataclass
class CertificateLayout:
    """Every piece of a certificate, placed on the page (units, see `UNIT`)."""

    signed: SignedCertificate
    texts: dict[str, FittedText]
    outcomes: FittedList
    facts: list[Fact]
    qr: CertificateQr
    qr_path: QPainterPath
    qr_square: QRectF


def page_layout() -> QPageLayout:
    """A4 landscape without margins (the certificate draws its own)."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape,
        QMarginsF(0, 0, 0, 0),
    )


def _box(left: float, top_mm: float, width: float, height_mm: float) -> QRectF:
    return QRectF(left, mm(top_mm), width, mm(height_mm))


def _line(text: str, top_mm: float, height_mm: float, size_pt: float, **kw: object) -> FittedText:
    return fit_text(
        text,
        _box(LEFT, top_mm, CENTRE_WIDTH, height_mm),
        max_size=pt(size_pt),
        min_size=pt(size_pt * 0.6),
        **kw,  # type: ignore[arg-type]
    )


def layout_certificate(signed: SignedCertificate) -> CertificateLayout:
    """Place every part of the certificate on an A4 landscape page."""
    r = signed.record
    completed = datetime.fromisoformat(r.completed_local)
    centre = Qt.AlignmentFlag.AlignHCenter
    left = Qt.AlignmentFlag.AlignLeft
    right = Qt.AlignmentFlag.AlignRight
    middle = Qt.AlignmentFlag.AlignVCenter
    texts: dict[str, FittedText] = {}

    header_width = mm(150)
    texts["brand"] = fit_text(
        "VR Learn", _box(LEFT, 20, header_width, 6), max_size=pt(13), min_size=pt(9),
        bold=True, align=left, max_lines=1,
    )  # fmt: skip
    texts["brand_line"] = fit_text(
        "Vocational rehabilitation e-learning for community stroke teams",
        _box(LEFT, 26.2, header_width, 4.5), max_size=pt(8), min_size=pt(6), align=left,
        max_lines=1,
    )  # fmt: skip
    id_left = RIGHT - mm(80)
    texts["id_label"] = fit_text(
        "Certificate ID", _box(id_left, 20.4, mm(80), 4), max_size=pt(7.5), min_size=pt(6),
        align=right, max_lines=1,
    )  # fmt: skip
    texts["id"] = fit_text(
        r.certificate_id, _box(id_left, 24.3, mm(80), 6), max_size=pt(11.5), min_size=pt(8),
        bold=True, align=right, max_lines=1,
    )  # fmt: skip

    texts["title"] = _line("Certificate of completion", 37, 14, 31, align=centre, max_lines=1)
    texts["certify"] = _line("This is to certify that", 55, 6, 12, align=centre)
    texts["name"] = fit_text(
        r.learner_name, _box(LEFT + mm(8), 60, CENTRE_WIDTH - mm(16), 22), max_size=pt(30),
        min_size=pt(15), bold=True, max_lines=2, align=centre, vertical=middle,
    )  # fmt: skip
    who = r.learner_role
    if r.learner_registration:
        who = (
            f"{who} · Registration number {r.learner_registration}"
            if who
            else (f"Registration number {r.learner_registration}")
        )
    texts["role"] = _line(who or " ", 83, 6.5, 12, align=centre, max_lines=2)
    texts["completed_the"] = _line("has completed the e-learning module", 92, 6, 12, align=centre)
    texts["module"] = fit_text(
        r.module_title, _box(LEFT + mm(12), 99, CENTRE_WIDTH - mm(24), 18.5), max_size=pt(19),
        min_size=pt(11), bold=True, max_lines=3, align=centre, vertical=middle,
    )  # fmt: skip
    details = (
        f"Module version {r.module_version} · Completed on {wording.long_date(completed)} "
        f"at {wording.time_with_offset(completed)}"
    )
    texts["details"] = _line(details, 118.5, 6, 10.5, align=centre, max_lines=2)

    texts["outcomes_heading"] = fit_text(
        "Learning outcomes", _box(LEFT, 133, mm(140), 5.5), max_size=pt(10.5), min_size=pt(8),
        bold=True, align=left, max_lines=1,
    )  # fmt: skip
    outcomes = fit_list(
        list(r.learning_outcomes) or ["(The module states no learning outcomes.)"],
        _box(LEFT, 139.5, mm(140), 38.5),
        max_size=pt(9.5),
        min_size=pt(6),
    )

    facts_left, facts_width = mm(171), mm(56)
    fact_rows = [
        ("CPD time (declared)", wording.minutes_phrase(r.cpd_minutes)),
        ("Active learning time (measured)", wording.minutes_phrase(r.active_minutes)),
        ("Quiz score", "No quiz score" if r.score_percent is None else f"{r.score_percent} %"),
        ("Type of activity", "E-learning (self-directed)"),
    ]
    facts: list[Fact] = []
    for index, (label, value) in enumerate(fact_rows):
        top = 135 + index * 10.5
        inner = facts_left + mm(4)
        width = facts_width - mm(8)
        facts.append(
            Fact(
                fit_text(label, _box(inner, top, width, 4), max_size=pt(7.5), min_size=pt(5.5),
                         align=left, max_lines=1),
                fit_text(value, _box(inner, top + 4, width, 5.5), max_size=pt(11),
                         min_size=pt(7), bold=True, align=left, max_lines=1),
            )
        )  # fmt: skip

    qr = certificate_qr(signed)
    path, square = qr_path(qr, _box(mm(235), 131.5, mm(40), 40))
    texts["qr_caption"] = fit_text(
        "Scan to verify" if not qr.compact else "Scan to verify (signed summary)",
        _box(mm(231), 172, mm(48), 4), max_size=pt(7), min_size=pt(5.5), align=centre,
        max_lines=1,
    )  # fmt: skip

    fingerprint = (
        f"Issuer key fingerprint {format_fingerprint(r.issuer_fingerprint)}  ·  "
        f"Module content SHA-256 {r.module_sha256[:16]}…  ·  Issued by {r.issuer_app}"
    )
    texts["fingerprint"] = fit_text(
        fingerprint, _box(LEFT, 180.3, CENTRE_WIDTH, 4), max_size=pt(7.2), min_size=pt(5),
        align=left, max_lines=1,
    )  # fmt: skip
    texts["proof"] = fit_text(
        wording.PROOF_STATEMENT, _box(LEFT, 184.5, CENTRE_WIDTH, 7.5), max_size=pt(7.2),
        min_size=pt(5), align=left, max_lines=2,
    )  # fmt: skip
    return CertificateLayout(signed, texts, outcomes, facts, qr, path, square)


def _pen(color: QColor, width_mm: float) -> QPen:
    pen = QPen(color)
    pen.setWidthF(mm(width_mm))
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


def _paint_frame(painter: QPainter) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(NHS_BLUE, 1.4))
    painter.drawRect(QRectF(mm(9), mm(9), PAGE_WIDTH - mm(18), PAGE_HEIGHT - mm(18)))
    painter.setPen(_pen(NHS_BLUE, 0.25))
    painter.drawRect(QRectF(mm(11.6), mm(11.6), PAGE_WIDTH - mm(23.2), PAGE_HEIGHT - mm(23.2)))
    painter.setPen(_pen(BORDER, 0.3))
    painter.drawLine(QPointF(LEFT, mm(33.5)), QPointF(RIGHT, mm(33.5)))
    painter.drawLine(QPointF(LEFT, mm(128.5)), QPointF(RIGHT, mm(128.5)))
    painter.drawLine(QPointF(LEFT, mm(178.5)), QPointF(RIGHT, mm(178.5)))
    # the short rule under the title
    painter.setPen(_pen(NHS_BLUE, 0.8))
    half = mm(16)
    painter.drawLine(
        QPointF(PAGE_WIDTH / 2 - half, mm(52.6)), QPointF(PAGE_WIDTH / 2 + half, mm(52.6))
    )


def _draw(painter: QPainter, text: FittedText, color: QColor) -> None:
    painter.setPen(color)
    text.draw(painter)


def paint_certificate(painter: QPainter, page: QRectF, layout: CertificateLayout) -> None:
    """Draw the certificate scaled into `page` (device coordinates of the whole sheet)."""
    scale = min(page.width() / PAGE_WIDTH, page.height() / PAGE_HEIGHT)
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.translate(
            page.left() + (page.width() - PAGE_WIDTH * scale) / 2,
            page.top() + (page.height() - PAGE_HEIGHT * scale) / 2,
        )
        painter.scale(scale, scale)
        painter.fillRect(QRectF(0, 0, PAGE_WIDTH, PAGE_HEIGHT), QColor("white"))
        _paint_frame(painter)
        colours = {
            "brand": NHS_BLUE,
            "title": NHS_DARK_BLUE,
            "name": TEXT,
            "module": TEXT,
            "id": TEXT,
            "outcomes_heading": NHS_BLUE,
        }
        for key, text in layout.texts.items():
            _draw(painter, text, colours.get(key, SECONDARY if key != "role" else TEXT))

        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(NHS_BLUE)
        for item in layout.outcomes.items:
            dot = item.size * 0.16
            first_line = item.layout.lineAt(0)
            centre_y = item.box.top() + first_line.ascent() - item.size * 0.3
            centre_x = item.box.left() - layout.outcomes.indent / 2
            painter.drawEllipse(QPointF(centre_x, centre_y), dot, dot)
        for item in layout.outcomes.items:
            _draw(painter, item, TEXT)

        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(PALE)
        painter.drawRoundedRect(QRectF(mm(171), mm(132), mm(56), mm(44)), mm(1.5), mm(1.5))
        painter.setBrush(NHS_BLUE)
        painter.drawRect(QRectF(mm(171), mm(132), mm(1.1), mm(44)))
        for fact in layout.facts:
            _draw(painter, fact.label, SECONDARY)
            _draw(painter, fact.value, TEXT)

        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("white"))
        painter.drawRect(layout.qr_square)
        painter.setBrush(QColor("black"))
        painter.drawPath(layout.qr_path)
    finally:
        painter.restore()


# ---------------------------------------------------------------------- PDF


def _pdf_title(signed: SignedCertificate) -> str:
    r = signed.record
    return f"Certificate of completion: {r.module_title} ({r.learner_name})"


def certificate_pdf_bytes(signed: SignedCertificate) -> bytes:
    """The certificate as a one-page PDF, with the signed record embedded (see `pdf_embed`)."""
    layout = layout_certificate(signed)
    data = QByteArray()
    buffer = QBuffer(data)
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        raise RenderError("Could not open a memory buffer for the PDF.")
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout())
    writer.setResolution(PDF_RESOLUTION)
    producer = f"VR Learn {vrlearn.__version__}"
    writer.setTitle(_pdf_title(signed))
    writer.setCreator(producer)
    writer.setAuthor(producer)
    writer.setDocumentXmpMetadata(
        QByteArray(
            xmp_packet(
                token=signed.token(),
                certificate_id=signed.certificate_id,
                title=_pdf_title(signed),
                created=datetime.fromisoformat(signed.record.completed_local),
                producer=producer,
            )
        )
    )
    writer.addFileAttachment(
        attachment_name(signed.certificate_id),
        QByteArray(signed.envelope_json().encode("utf-8")),
        ATTACHMENT_MIME,
    )
    painter = QPainter(writer)
    if not painter.isActive():
        raise RenderError("Qt could not start drawing the PDF.")
    try:
        paint_certificate(painter, QRectF(0, 0, writer.width(), writer.height()), layout)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def save_certificate_pdf(signed: SignedCertificate, path: Path) -> None:
    """Write the certificate PDF to `path` (replaced atomically). RenderError if it cannot."""
    payload = certificate_pdf_bytes(signed)
    try:
        write_file_atomically(path, payload)
    except OSError as exc:
        raise RenderError(f"Could not save {path}: {exc.strerror or exc}") from exc
