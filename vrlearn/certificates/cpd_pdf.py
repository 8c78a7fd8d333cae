"""The CPD log as a PDF table, for a portfolio or an appraisal (QtGui).

A4 landscape. The first page starts with who the log is for and the total hours; every page
repeats the column headings and ends with "Page n of N". Cells wrap; a row is never split
across pages, and a row too tall for a whole page (a very long reflection) is set in a smaller
size until it fits. Units and font as for the certificate (`render.UNIT`, `fonts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPdfWriter, QPen

import vrlearn

from . import wording
from .cpd_log import CpdRow, total_hours
from .render import (
    BORDER,
    NHS_BLUE,
    NHS_DARK_BLUE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PALE,
    PDF_RESOLUTION,
    SECONDARY,
    TEXT,
    RenderError,
    mm,
    page_layout,
    pt,
)
from .text_fit import FittedText, fit_text

__all__ = ["COLUMNS", "CpdPage", "cpd_log_pdf_bytes", "layout_cpd_log"]

#: (heading, width in mm); the widths add up to the 257 mm between the margins.
COLUMNS = (
    ("Date", 21.0),
    ("Activity", 52.0),
    ("Type", 19.0),
    ("Hours", 13.0),
    ("Learning outcomes", 73.0),
    ("Certificate ID", 33.0),
    ("Reflection", 46.0),
)
LEFT = mm(20)
TOP = mm(16)
BOTTOM = PAGE_HEIGHT - mm(16)
PAD = mm(1.4)
BODY_PT = 7.6
MIN_PT = 4.0


@dataclass
class CpdRowLayout:
    cells: list[FittedText]
    height: float


@dataclass
class CpdPage:
    top_texts: list[tuple[FittedText, QColor]]
    header: CpdRowLayout
    rows: list[tuple[float, CpdRowLayout]]  # (top, row)
    table_top: float
    footer: FittedText | None = None


def _column_lefts() -> list[float]:
    lefts, x = [], LEFT
    for _, width in COLUMNS:
        lefts.append(x)
        x += mm(width)
    return lefts


def _row(values: Sequence[str], size_pt: float, *, bold: bool = False) -> CpdRowLayout:
    cells: list[FittedText] = []
    for left, (_, width), value in zip(_column_lefts(), COLUMNS, values, strict=True):
        box = QRectF(left + PAD, 0, mm(width) - 2 * PAD, mm(1000))
        cells.append(
            fit_text(value or " ", box, max_size=pt(size_pt), min_size=pt(size_pt), bold=bold,
                     align=Qt.AlignmentFlag.AlignLeft)
        )  # fmt: skip
    height = max(cell.height for cell in cells) + 2 * PAD
    return CpdRowLayout(cells, height)


def _values(row: CpdRow) -> list[str]:
    outcomes = "\u2028".join(f"• {outcome}" for outcome in row.outcomes)
    return [
        row.date,
        f"{row.activity}\u2028(version {row.module_version})",
        row.type,
        row.hours,
        outcomes,
        row.certificate_id,
        row.reflection.replace("\n", "\u2028") or "—",
    ]


def layout_cpd_log(
    rows: Sequence[CpdRow],
    *,
    learner: str,
    role: str = "",
    registration: str = "",
    produced: datetime | None = None,
) -> list[CpdPage]:
    """The log's pages, laid out (see the module docstring)."""
    produced = produced or datetime.now().astimezone()
    width = PAGE_WIDTH - 2 * LEFT
    left = Qt.AlignmentFlag.AlignLeft
    who = ", ".join(part for part in (learner, role) if part)
    if registration:
        who += f" · Registration number {registration}"
    summary = (
        f"{len(rows)} activit{'y' if len(rows) == 1 else 'ies'} · total {total_hours(rows)} "
        f"hours of declared CPD time · produced on {wording.long_date(produced)} by VR Learn "
        f"{vrlearn.__version__}"
    )
    intro = [
        (fit_text("CPD log: e-learning completed in VR Learn", QRectF(LEFT, TOP, width, mm(9)),
                  max_size=pt(17), min_size=pt(12), bold=True, align=left, max_lines=1),
         NHS_DARK_BLUE),
        (fit_text(who or "(no name)", QRectF(LEFT, TOP + mm(9), width, mm(6)), max_size=pt(11),
                  min_size=pt(7), bold=True, align=left, max_lines=2), TEXT),
        (fit_text(summary, QRectF(LEFT, TOP + mm(15), width, mm(5)), max_size=pt(8.5),
                  min_size=pt(6), align=left, max_lines=2), SECONDARY),
    ]  # fmt: skip
    header = _row([heading for heading, _ in COLUMNS], BODY_PT, bold=True)
    first_top = TOP + mm(23)
    later_top = TOP
    pages: list[CpdPage] = []
    current = CpdPage(intro, header, [], first_top)
    y = first_top + header.height
    for row in rows:
        laid = _row(_values(row), BODY_PT)
        room = BOTTOM - (later_top + header.height)
        size = BODY_PT
        while laid.height > room and size > MIN_PT:
            size -= 0.4
            laid = _row(_values(row), size)
        if y + laid.height > BOTTOM and current.rows:
            pages.append(current)
            current = CpdPage([], header, [], later_top)
            y = later_top + header.height
        current.rows.append((y, laid))
        y += laid.height
    pages.append(current)
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        text = (
            f"Page {number} of {total} · Each certificate ID can be checked in VR Learn "
            "(File ▸ Verify a certificate…) or with “vrlearn certificates verify”."
        )
        page.footer = fit_text(
            text, QRectF(LEFT, BOTTOM + mm(3), width, mm(5)), max_size=pt(7), min_size=pt(5),
            align=left, max_lines=1,
        )  # fmt: skip
    return pages


def _paint_row(painter: QPainter, top: float, row: CpdRowLayout, colour: QColor) -> None:
    painter.save()
    painter.translate(0, top + PAD)
    painter.setPen(colour)
    for cell in row.cells:
        cell.draw(painter)
    painter.restore()


def paint_cpd_page(painter: QPainter, page_rect: QRectF, page: CpdPage) -> None:
    """Draw one page of the log scaled into `page_rect` (device coordinates)."""
    scale = min(page_rect.width() / PAGE_WIDTH, page_rect.height() / PAGE_HEIGHT)
    painter.save()
    try:
        painter.translate(page_rect.left(), page_rect.top())
        painter.scale(scale, scale)
        painter.fillRect(QRectF(0, 0, PAGE_WIDTH, PAGE_HEIGHT), QColor("white"))
        for text, colour in page.top_texts:
            painter.setPen(colour)
            text.draw(painter)
        right = PAGE_WIDTH - LEFT
        header_rect = QRectF(LEFT, page.table_top, right - LEFT, page.header.height)
        painter.fillRect(header_rect, PALE)
        _paint_row(painter, page.table_top, page.header, NHS_DARK_BLUE)
        line = QPen(BORDER)
        line.setWidthF(mm(0.25))
        for top, row in page.rows:
            _paint_row(painter, top, row, TEXT)
            painter.setPen(line)
            painter.drawLine(QPointF(LEFT, top + row.height), QPointF(right, top + row.height))
        strong = QPen(NHS_BLUE)
        strong.setWidthF(mm(0.5))
        painter.setPen(strong)
        painter.drawLine(QPointF(LEFT, page.table_top), QPointF(right, page.table_top))
        bottom = page.table_top + page.header.height
        painter.drawLine(QPointF(LEFT, bottom), QPointF(right, bottom))
        if page.footer is not None:
            painter.setPen(SECONDARY)
            page.footer.draw(painter)
    finally:
        painter.restore()


def cpd_log_pdf_bytes(
    rows: Sequence[CpdRow],
    *,
    learner: str,
    role: str = "",
    registration: str = "",
    produced: datetime | None = None,
) -> bytes:
    """The CPD log as a PDF (one or more A4 landscape pages)."""
    pages = layout_cpd_log(
        rows, learner=learner, role=role, registration=registration, produced=produced
    )
    data = QByteArray()
    buffer = QBuffer(data)
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        raise RenderError("Could not open a memory buffer for the PDF.")
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout())
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(f"CPD log: {learner}")
    writer.setCreator(f"VR Learn {vrlearn.__version__}")
    painter = QPainter(writer)
    if not painter.isActive():
        raise RenderError("Qt could not start drawing the PDF.")
    try:
        for index, page in enumerate(pages):
            if index:
                writer.newPage()
            paint_cpd_page(painter, QRectF(0, 0, writer.width(), writer.height()), page)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())
