"""Paints one library row: title, summary (or why it cannot be opened), duration and progress.

Sizes come from the view's font, so rows grow with the font size and the zoom. Progress is always
written out ("40 %", "✓ Completed"); the thin bar under it only repeats what the text says.
Selection, focus and hover are read from the view rather than from `option.state`, and areas are
filled with a plain brush rather than `fillRect`: both keep PySide from building large unrelated
enums (QStyle, QGradient) during the first paint, which counts towards start-up time.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

from vrlearn.ui import theme
from vrlearn.ui.library_model import ENTRY_ROLE, LibraryEntry

AnyIndex = QModelIndex | QPersistentModelIndex
WIDEST_RIGHT_TEXT = ("✓ Completed", "Not started", "600 min")
WARNING_SIGN = "⚠"


def _fill(painter: QPainter, rect: QRect, colour: QColor) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRect(rect)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _title_font(font: QFont) -> QFont:
    return theme.scaled_font(font, 1.15, bold=True)


class ModuleRowDelegate(QStyledItemDelegate):
    """Draws a `LibraryEntry` as a two-line row with a right-hand column."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._right_widths: dict[str, int] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        title = QFontMetrics(_title_font(option.font))
        pad = metrics.height() * 0.7
        height = pad * 2 + title.height() + metrics.height() * 1.3
        return QSize(metrics.averageCharWidth() * 50, round(height))

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

        primary = QColor("white") if selected else QColor(theme.TEXT)
        secondary = QColor("white") if selected else QColor(theme.SECONDARY_TEXT)
        right_width = self._right_width(font, metrics) + pad
        right_left = rect.right() - pad - right_width
        text_left = rect.left() + pad * 2
        text_width = right_left - pad - text_left
        title_top = rect.top() + pad
        second_top = title_top + title_metrics.height() + round(metrics.height() * 0.2)

        painter.setFont(title_font)
        painter.setPen(secondary if entry.broken else primary)
        title = title_metrics.elidedText(entry.title, Qt.TextElideMode.ElideRight, text_width)
        painter.drawText(text_left, title_top + title_metrics.ascent(), title)

        painter.setFont(font)
        if entry.broken is not None:
            self._paint_broken_reason(
                painter, entry, text_left, second_top, rect, metrics, selected
            )
        else:
            painter.setPen(secondary)
            summary = metrics.elidedText(entry.summary, Qt.TextElideMode.ElideRight, text_width)
            painter.drawText(text_left, second_top + metrics.ascent(), summary)
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
            background = QColor(theme.NHS_BLUE)
        elif selected:
            background = QColor(theme.PALE_BLUE)
        elif hovered:
            background = QColor(theme.HOVER)
        else:
            background = QColor("white")
        _fill(painter, rect, background)
        painter.setPen(QColor(theme.BORDER))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if selected and not strong:
            edge = QRect(rect.left(), rect.top(), pad // 3, rect.height())
            _fill(painter, edge, QColor(theme.NHS_BLUE))
        if strong and view.currentIndex() == index:
            frame = QPen(QColor(theme.FOCUS_YELLOW), max(3, pad // 4))
            frame.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(frame)
            half = frame.width() // 2
            painter.drawRect(rect.adjusted(half, half, -half - 1, -half - 1))
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
        painter.setPen(QColor("white") if selected else QColor(theme.RED))
        text_font = painter.font()
        sign_font = QFont(text_font)
        sign_font.setBold(True)
        painter.setFont(sign_font)
        painter.drawText(left, top + metrics.ascent(), WARNING_SIGN)
        indent = QFontMetrics(sign_font).horizontalAdvance(WARNING_SIGN + " ")
        painter.setFont(text_font)
        available = rect.right() - left - indent - metrics.height()
        text = metrics.elidedText(entry.broken_text, Qt.TextElideMode.ElideRight, available)
        painter.drawText(left + indent, top + metrics.ascent(), text)

    def _paint_right_column(
        self,
        painter: QPainter,
        entry: LibraryEntry,
        column: QRect,
        metrics: QFontMetrics,
        title_metrics: QFontMetrics,
        colours: tuple[QColor, QColor],
        selected: bool,
    ) -> None:
        left, top, width = column.left(), column.top(), column.width()
        primary, secondary = colours
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        line = QRect(left, top, width, title_metrics.height())
        painter.setPen(secondary)
        painter.drawText(line, align, entry.duration_text)
        progress = entry.progress
        completed = progress is not None and progress.completed
        painter.setPen(primary if selected or not completed else QColor(theme.GREEN))
        bold = QFont(painter.font())
        bold.setBold(completed)
        painter.setFont(bold)
        second = QRect(left, line.bottom() + round(metrics.height() * 0.2), width, metrics.height())
        painter.drawText(second, align, entry.progress_text)
        if progress is None or not progress.started:
            return
        bar_height = max(3, metrics.height() // 5)
        bar = QRect(left + width // 3, second.bottom() + bar_height, width - width // 3, bar_height)
        _fill(painter, bar, QColor("white" if selected else theme.BORDER))
        done = QRect(bar.left(), bar.top(), bar.width() * progress.percent // 100, bar.height())
        fill = theme.GREEN if completed else theme.NHS_BLUE
        _fill(painter, done, QColor(theme.PALE_GREY if selected else fill))
