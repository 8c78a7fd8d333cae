"""Fitting text into a box: wrap it, and shrink it until it fits, so nothing is cut off (QtGui).

`fit_text` lays the text out with QTextLayout at the largest size (in steps of `STEP` units) from
`max_size` down for which every line fits the box's width and the lines fit its height (and, if
given, there are at most `max_lines`). Lines break between words, and inside a word only when a
word is wider than the box (a 120-letter name with no spaces still fits). `min_size` is the
size the design expects to need at most; the search goes on below it, to `FLOOR`, rather than
cut anything off, first within `max_lines` and then with as many lines as it takes.

Sizes and boxes are in the renderer's units (see `render`); the layout does not depend on the
paint device, so the PDF, the print preview and the printer get the same lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QTextLayout, QTextOption

from .fonts import certificate_font

__all__ = ["FLOOR", "STEP", "FittedList", "FittedText", "fit_list", "fit_text"]

STEP = 2.5  # units: a quarter point
FLOOR = 20.0  # units: two points


@dataclass
class FittedText:
    """Text laid out in a box at the size that fits."""

    text: str
    box: QRectF
    font: QFont
    size: float
    layout: QTextLayout
    line_texts: list[str]
    line_widths: list[float]  # natural width of each line
    height: float  # of all the lines together
    vertical: Qt.AlignmentFlag

    @property
    def fits(self) -> bool:
        widest = max(self.line_widths, default=0.0)
        return widest <= self.box.width() + 0.01 and self.height <= self.box.height() + 0.01

    @property
    def complete(self) -> bool:
        """Every character of the text is on some line."""
        return "".join(self.line_texts) == self.text

    def top(self) -> float:
        if self.vertical & Qt.AlignmentFlag.AlignVCenter:
            return self.box.top() + (self.box.height() - self.height) / 2
        if self.vertical & Qt.AlignmentFlag.AlignBottom:
            return self.box.bottom() - self.height
        return self.box.top()

    def draw(self, painter: QPainter) -> None:
        self.layout.draw(painter, QPointF(self.box.left(), self.top()))


def _lay_out(
    text: str, font: QFont, width: float, align: Qt.AlignmentFlag, spacing: float
) -> tuple[QTextLayout, list[str], list[float], float]:
    layout = QTextLayout(text, font)
    option = QTextOption(align)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    texts: list[str] = []
    widths: list[float] = []
    y = 0.0
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0.0, y))
        texts.append(text[line.textStart() : line.textStart() + line.textLength()])
        widths.append(line.naturalTextWidth())
        y += line.height() * spacing
    layout.endLayout()
    if texts:
        y -= layout.lineAt(layout.lineCount() - 1).height() * (spacing - 1)
    return layout, texts, widths, y


def fit_text(
    text: str,
    box: QRectF,
    *,
    max_size: float,
    min_size: float,
    bold: bool = False,
    max_lines: int | None = None,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter,
    vertical: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignTop,
    spacing: float = 1.0,
) -> FittedText:
    """The text at the largest size that fits `box` (see the module docstring)."""
    fallback: FittedText | None = None
    for limit in (max_lines, None) if max_lines is not None else (None,):
        size = max_size
        while size >= FLOOR:
            font = certificate_font(size, bold=bold)
            layout, texts, widths, height = _lay_out(text, font, box.width(), align, spacing)
            fitted = FittedText(
                text, QRectF(box), font, size, layout, texts, widths, height, vertical
            )
            if fitted.fits and (limit is None or len(texts) <= limit):
                return fitted
            fallback = fitted
            size -= STEP
    assert fallback is not None
    return fallback  # nothing fits even at FLOOR: the smallest try (far beyond any real text)


@dataclass
class FittedList:
    """Items laid out one under another at one common size (each item wraps on its own)."""

    items: list[FittedText]
    size: float
    box: QRectF
    indent: float  # room left of each item for its bullet

    @property
    def height(self) -> float:
        if not self.items:
            return 0.0
        return self.items[-1].box.top() + self.items[-1].height - self.box.top()

    @property
    def fits(self) -> bool:
        return all(item.fits for item in self.items) and self.height <= self.box.height() + 0.01


def fit_list(
    texts: list[str],
    box: QRectF,
    *,
    max_size: float,
    min_size: float,
    indent_em: float = 1.1,
    gap_em: float = 0.35,
) -> FittedList:
    """Bulleted items at the largest common size at which all of them fit `box`."""
    size = max_size
    while True:
        indent = size * indent_em
        width = box.width() - indent
        items: list[FittedText] = []
        y = box.top()
        for text in texts:
            font = certificate_font(size)
            left = Qt.AlignmentFlag.AlignLeft
            layout, lines, widths, height = _lay_out(text, font, width, left, 1.05)
            item_box = QRectF(box.left() + indent, y, width, height)
            items.append(
                FittedText(text, item_box, font, size, layout, lines, widths, height, left)
            )
            y += height + size * gap_em
        fitted = FittedList(items, size, QRectF(box), indent)
        if fitted.fits or size - STEP < min(FLOOR, min_size):
            return fitted
        size -= STEP
