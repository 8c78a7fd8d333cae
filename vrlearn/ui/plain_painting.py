"""Filling areas and drawing coloured text without naming anything in PySide's `Qt` namespace.

The first use of anything in `Qt` (an enum such as `Qt.PenStyle`) makes PySide build all 93 of
its enums: 125 M instructions, 42-48 ms, a fifth of a bare PySide6 window's whole start-up (see
"Start-up" in docs/ARCHITECTURE.md). Every QPainter call that sets a colour has an overload that
takes one (`setPen`, `setBrush`, `fillRect`), and PySide checks that overload first, so a list
painted with them pays for the namespace in its first paint. The library's rows use these
instead: an area is filled by stretching a 1x1 pixmap of its colour, and text is a QStaticText of
escaped rich text in its colour, laid out by Qt in the painter's font. Eliding is measured here,
as `QFontMetrics.elidedText` takes a `Qt` enum too.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPixmap, QStaticText, QTextOption

ELLIPSIS = "…"
MAX_KEPT_TEXTS = 2000  # laid-out texts kept for the next paint

_swatches: dict[str, QPixmap] = {}
_texts: dict[tuple[str, str, str], QStaticText] = {}


def fill(painter: QPainter, rect: QRect, colour: str) -> None:
    """Fill `rect` with `colour` (a name such as "white" or "#RRGGBB")."""
    swatch = _swatches.get(colour)
    if swatch is None:
        swatch = QPixmap(1, 1)
        swatch.fill(QColor(colour))
        _swatches[colour] = swatch
    painter.drawPixmap(rect, swatch)


def frame(painter: QPainter, rect: QRect, colour: str, width: int) -> None:
    """A frame `width` pixels thick just inside `rect`."""
    left, top, across, down = rect.x(), rect.y(), rect.width(), rect.height()
    fill(painter, QRect(left, top, across, width), colour)
    fill(painter, QRect(left, top + down - width, across, width), colour)
    fill(painter, QRect(left, top, width, down), colour)
    fill(painter, QRect(left + across - width, top, width, down), colour)


def one_line(words: str) -> str:
    """`words` with every run of white space (new lines too) as one space, as it is drawn."""
    return " ".join(words.split())


def elided(metrics: QFontMetrics, words: str, width: int) -> str:
    """`words` if they fit in `width` pixels, else their longest start that fits with "…"."""
    if metrics.horizontalAdvance(words) <= width:
        return words
    fits, too_long = 0, len(words)  # characters: the longest start known to fit, the shortest not
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if metrics.horizontalAdvance(words[:middle].rstrip() + ELLIPSIS) <= width:
            fits = middle
        else:
            too_long = middle
    if fits == 0 and metrics.horizontalAdvance(ELLIPSIS) > width:
        return ""
    return words[:fits].rstrip() + ELLIPSIS


def two_lines(metrics: QFontMetrics, words: str, width: int) -> tuple[str, str]:
    """`words` broken between words over two lines of `width` pixels, the second elided if it
    is still too long; ("words", "") when they fit on one. A first word wider than the line is
    elided on the first line alone."""
    if metrics.horizontalAdvance(words) <= width:
        return words, ""
    parts = words.split(" ")
    first = ""
    for count in range(1, len(parts)):
        start = " ".join(parts[:count])
        if metrics.horizontalAdvance(start) > width:
            break
        first = start
    if not first:
        return elided(metrics, words, width), ""
    return first, elided(metrics, words[len(first) :].strip(), width)


def _escaped(words: str) -> str:
    """`words` as the content of a rich-text element: a title like "<b>" is shown, not obeyed.
    (Not `html.escape`: importing `html` builds its table of 2,231 entities, 3 ms of start-up.)"""
    return words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text(painter: QPainter, left: int, top: int, words: str, colour: str) -> None:
    """Draw `words` (plain text, one line) in `colour` and the painter's font, its top-left
    corner at (`left`, `top`); the first line's baseline is `top` + the font's ascent."""
    key = (words, colour, painter.font().key())
    laid_out = _texts.get(key)
    if laid_out is None:
        if len(_texts) >= MAX_KEPT_TEXTS:
            _texts.clear()
        laid_out = QStaticText(f'<span style="color:{colour}">{_escaped(words)}</span>')
        one_line_only = QTextOption()
        one_line_only.setWrapMode(QTextOption.WrapMode.NoWrap)
        laid_out.setTextOption(one_line_only)
        _texts[key] = laid_out
    painter.drawStaticText(QPointF(left, top), laid_out)


def text_right(
    painter: QPainter, box: QRect, metrics: QFontMetrics, words: str, colour: str
) -> None:
    """Draw `words` against the right edge of `box`, centred from top to bottom."""
    left = box.x() + box.width() - metrics.horizontalAdvance(words)
    top = box.y() + (box.height() - metrics.height()) // 2
    text(painter, left, top, words, colour)
