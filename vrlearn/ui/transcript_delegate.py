"""Draws transcript lines with the words that match the search in bold and underlined, so a match
shows without relying on colour; lines without a match are drawn as usual."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from vrlearn.media.transcript import match_spans

Index = QModelIndex | QPersistentModelIndex


def marked_html(text: str, query: str) -> str | None:
    """`text` as HTML with each match of `query` in <b><u>…</u></b>; None without a match."""
    spans = match_spans(text, query) if query.strip() else []
    if not spans:
        return None
    parts, last = [], 0
    for start, end in spans:
        parts.append(html.escape(text[last:start]))
        parts.append(f"<b><u>{html.escape(text[start:end])}</u></b>")
        last = end
    parts.append(html.escape(text[last:]))
    return f'<span style="white-space: pre-wrap">{"".join(parts)}</span>'


class MatchDelegate(QStyledItemDelegate):
    """A list delegate that marks the words matching `query` in each line's text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = ""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        marked = marked_html(str(index.data(Qt.ItemDataRole.DisplayRole) or ""), self.query)
        if marked is None:
            super().paint(painter, option, index)
            return
        view_item = QStyleOptionViewItem(option)
        self.initStyleOption(view_item, index)
        widget = view_item.widget
        style = widget.style() if widget is not None else QApplication.style()
        view_item.text = ""  # background, selection and focus as usual; the text drawn below
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view_item, painter, widget)
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, view_item, widget)
        document = self._document(marked, view_item, area.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(view_item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, view_item.palette.color(role))
        painter.save()
        painter.translate(area.topLeft())
        painter.setClipRect(area.translated(-area.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        marked = marked_html(str(index.data(Qt.ItemDataRole.DisplayRole) or ""), self.query)
        if marked is None:
            return size
        view_item = QStyleOptionViewItem(option)
        self.initStyleOption(view_item, index)
        width = size.width() if option.rect.width() <= 0 else option.rect.width()
        document = self._document(marked, view_item, width)
        return QSize(size.width(), max(size.height(), round(document.size().height())))

    @staticmethod
    def _document(marked: str, option: QStyleOptionViewItem, width: int) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        document.setHtml(marked)
        document.setTextWidth(max(width, 1))
        return document
