"""Paints one library row: title, summary (or why it cannot be opened), duration and progress.

Sizes come from the view's font, so rows grow with the font size and the zoom. When some title
would not fit on one line at the list's width (large text, a narrow window), every row makes
room for a title of two lines (`title_lines`; rows share one height). Progress is always
written out ("40 %", "✓ Completed"); the thin bar under it only repeats what the text says.
Selection, focus and hover are read from the view rather than from `option.state`, and all the
drawing goes through `plain_painting`: both keep PySide from building large enums (QStyle, and
the 93 of the `Qt` namespace) during the first paint, which counts towards start-up time.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

from vrlearn.ui import theme
from vrlearn.ui.library_model import ENTRY_ROLE, LibraryEntry
from vrlearn.ui.plain_painting import elided, fill, frame, one_line, text, text_right, two_lines

AnyIndex = QModelIndex | QPersistentModelIndex
WIDEST_RIGHT_TEXT = ("✓ Completed", "Not started", "600 min")
WARNING_SIGN = "⚠"


def _title_font(font: QFont) -> QFont:
    return theme.scaled_font(font, 1.15, bold=True)


class ModuleRowDelegate(QStyledItemDelegate):
    """Draws a `LibraryEntry` as a two-line row with a right-hand column."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._right_widths: dict[str, int] = {}
        self.title_lines = 1  # 2 when some title needs two lines (see `title_lines_for`)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        title = QFontMetrics(_title_font(option.font))
        pad = metrics.height() * 0.7
        height = pad * 2 + title.height() * self.title_lines + metrics.height() * 1.3
        return QSize(metrics.averageCharWidth() * 50, round(height))

    def title_width(self, font: QFont, row_width: int) -> int:
        """How many pixels a title may take in a row `row_width` pixels wide (as `paint` lays
        the row out: padding, the title, the duration and progress column)."""
        metrics = QFontMetrics(font)
        pad = round(metrics.height() * 0.7)
        right_width = self._right_width(font, metrics) + pad
        # from two paddings in on the left to a padding before the right column, which ends a
        # padding in from the right edge (`rect.right()` is the last pixel: width - 1)
        return (row_width - 1 - pad - right_width) - pad - pad * 2

    def title_lines_for(self, titles: TitleWidths, font: QFont, row_width: int) -> int:
        """1, or 2 when one of `titles` does not fit on one line of a row `row_width` wide."""
        return 2 if titles.any_wider_than(self.title_width(font, row_width)) else 1

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        entry: LibraryEntry = index.data(ENTRY_ROLE)
        if entry is None:
            return
        font: QFont = option.font
        rect: QRect = option.rect
        metrics = QFontMetrics(font)
        title_font = _title_font(font)
        title_metrics = QFontMetrics(title_font)
        pad = round(metrics.height() * 0.7)
        painter.save()
        selected = self._paint_card(painter, rect, index, pad)

        primary = "white" if selected else theme.TEXT
        secondary = "white" if selected else theme.SECONDARY_TEXT
        right_width = self._right_width(font, metrics) + pad
        right_left = rect.right() - pad - right_width
        text_left = rect.left() + pad * 2
        text_width = self.title_width(font, rect.width())
        title_top = rect.top() + pad

        painter.setFont(title_font)
        title_colour = secondary if entry.broken else primary
        if self.title_lines == 2:
            first, second = two_lines(title_metrics, one_line(entry.title), text_width)
        else:
            first, second = elided(title_metrics, one_line(entry.title), text_width), ""
        text(painter, text_left, title_top, first, title_colour)
        if second:
            text(painter, text_left, title_top + title_metrics.height(), second, title_colour)
        title_height = title_metrics.height() * (2 if second else 1)
        second_top = title_top + title_height + round(metrics.height() * 0.2)

        painter.setFont(font)
        if entry.broken is not None:
            self._paint_broken_reason(
                painter, entry, text_left, second_top, rect, metrics, selected
            )
        else:
            summary = elided(metrics, one_line(entry.summary), text_width)
            text(painter, text_left, second_top, summary, secondary)
            column = QRect(right_left, title_top, right_width, rect.height())
            colours = (primary, secondary)
            self._paint_right_column(
                painter, entry, column, metrics, title_metrics, colours, selected
            )
        painter.restore()

    def _paint_card(self, painter: QPainter, rect: QRect, index: AnyIndex, pad: int) -> bool:
        """The row's card; returns True when it is drawn selected (white text on blue).

        The selected row is NHS blue while the list has the keyboard focus, and pale blue with a
        blue edge otherwise; the focused row also gets the NHS yellow focus frame.
        """
        view = self._view
        selected = view.selectionModel().isSelected(index)
        strong = selected and view.hasFocus()
        hovered = getattr(view, "hovered", None) == index
        if strong:
            background = theme.NHS_BLUE
        elif selected:
            background = theme.PALE_BLUE
        elif hovered:
            background = theme.HOVER
        else:
            background = "white"
        fill(painter, rect, theme.BORDER)  # a one-pixel border round the card
        fill(painter, rect.adjusted(1, 1, -1, -1), background)
        if selected and not strong:
            edge = QRect(rect.left(), rect.top(), pad // 3, rect.height())
            fill(painter, edge, theme.NHS_BLUE)
        if strong and view.currentIndex() == index:
            frame(painter, rect, theme.FOCUS_YELLOW, max(3, pad // 4))
        return strong

    def _right_width(self, font: QFont, metrics: QFontMetrics) -> int:
        """Width of the duration/progress column for this font (measured once per font)."""
        key = font.key()
        if key not in self._right_widths:
            widths = (metrics.horizontalAdvance(text) for text in WIDEST_RIGHT_TEXT)
            self._right_widths[key] = max(widths)
        return self._right_widths[key]

    def _paint_broken_reason(
        self,
        painter: QPainter,
        entry: LibraryEntry,
        left: int,
        top: int,
        rect: QRect,
        metrics: QFontMetrics,
        selected: bool,
    ) -> None:
        """The warning sign (drawn as text, bold) and "Cannot be opened: reason"."""
        colour = "white" if selected else theme.RED
        text_font = painter.font()
        sign_font = QFont(text_font)
        sign_font.setBold(True)
        painter.setFont(sign_font)
        text(painter, left, top, WARNING_SIGN, colour)
        indent = QFontMetrics(sign_font).horizontalAdvance(WARNING_SIGN + " ")
        painter.setFont(text_font)
        available = rect.right() - left - indent - metrics.height()
        reason = elided(metrics, one_line(entry.broken_text), available)
        text(painter, left + indent, top, reason, colour)

    def _paint_right_column(
        self,
        painter: QPainter,
        entry: LibraryEntry,
        column: QRect,
        metrics: QFontMetrics,
        title_metrics: QFontMetrics,
        colours: tuple[str, str],
        selected: bool,
    ) -> None:
        left, top, width = column.left(), column.top(), column.width()
        primary, secondary = colours
        line = QRect(left, top, width, title_metrics.height())
        text_right(painter, line, metrics, entry.duration_text, secondary)
        progress = entry.progress
        completed = progress is not None and progress.completed
        bold = QFont(painter.font())
        bold.setBold(completed)
        painter.setFont(bold)
        second = QRect(left, line.bottom() + round(metrics.height() * 0.2), width, metrics.height())
        colour = primary if selected or not completed else theme.GREEN
        text_right(painter, second, QFontMetrics(bold), entry.progress_text, colour)
        if progress is None or not progress.started:
            return
        bar_height = max(3, metrics.height() // 5)
        bar = QRect(left + width // 3, second.bottom() + bar_height, width - width // 3, bar_height)
        fill(painter, bar, "white" if selected else theme.BORDER)
        done = QRect(bar.left(), bar.top(), bar.width() * progress.percent // 100, bar.height())
        colour = theme.GREEN if completed else theme.NHS_BLUE
        fill(painter, done, theme.PALE_GREY if selected else colour)


class TitleWidths:
    """Whether any of the titles is wider than a line, measuring as few as it can.

    Titles are measured longest first, only when a question needs them, and their widths kept:
    a narrow list stops at the first title that does not fit, and a resize measures nothing
    again. (Measuring is a Qt text layout: when all 300 titles of the start-up benchmark are
    measured, start-up takes about 19 M instructions more.)
    """

    def __init__(self, titles: list[str], font: QFont) -> None:
        self._metrics = QFontMetrics(_title_font(font))
        self._titles = sorted({one_line(title) for title in titles}, key=len, reverse=True)
        self._widths: list[int] = []  # of the first titles, in the same order

    def any_wider_than(self, width: int) -> bool:
        if any(measured > width for measured in self._widths):
            return True
        for title in self._titles[len(self._widths) :]:
            measured = self._metrics.horizontalAdvance(title)
            self._widths.append(measured)
            if measured > width:
                return True
        return False
