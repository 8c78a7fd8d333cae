"""The reader's table of contents: an overview entry, then lessons and their pages.

Viewed pages carry a "✓" mark in their own column (and "viewed" in their accessible text), lessons
show "2 of 3", so nothing depends on colour. Arrow keys only move the focus; Enter or a click opens.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from vrlearn.modules.model import Lesson, Module

OVERVIEW = ""  # the position id of the module overview
POSITION_ROLE = Qt.ItemDataRole.UserRole + 1
VIEWED_MARK = "✓"
AnyIndex = QModelIndex | QPersistentModelIndex


class WrappingDelegate(QStyledItemDelegate):
    """Lets long lesson and page titles wrap onto more lines instead of being cut off."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        sized = QStyleOptionViewItem(option)
        if index.column() != 0:  # the marks column never wraps
            sized.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText
            return super().sizeHint(sized, index)
        width = self._tree.columnWidth(0) - self._tree.indentation() * depth
        sized.rect = QRect(0, 0, max(width, 1), 1)  # a valid rect, so the style wraps to it
        return super().sizeHint(sized, index)


class ContentsTree(QTreeWidget):
    """Lessons → pages; emits `position_chosen` with an item id, or OVERVIEW."""

    position_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contentsTree")
        self.setAccessibleName("Lessons and pages")
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setWordWrap(True)
        self.setItemDelegate(WrappingDelegate(self))
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._pages: dict[str, QTreeWidgetItem] = {}
        self._lessons: list[tuple[QTreeWidgetItem, Lesson]] = []
        self._viewed: set[str] = set()
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # re-wrap titles to the new width

    def show_module(self, module: Module, viewed: frozenset[str]) -> None:
        self.clear()
        self._pages.clear()
        self._lessons.clear()
        self._viewed = set(viewed)
        overview = QTreeWidgetItem(self, ["Overview", ""])
        overview.setData(0, POSITION_ROLE, OVERVIEW)
        overview.setData(0, Qt.ItemDataRole.AccessibleTextRole, "Module overview")
        for lesson in module.lessons:
            lesson_item = QTreeWidgetItem(self, [lesson.title, ""])
            font = lesson_item.font(0)
            font.setBold(True)
            lesson_item.setFont(0, font)
            pages = [item for item in lesson.items if item.is_page]  # videos, quizzes: later
            first = pages[0] if pages else None
            lesson_item.setData(0, POSITION_ROLE, first.id if first else None)
            self._lessons.append((lesson_item, lesson))
            for item in pages:
                page = QTreeWidgetItem(lesson_item, [item.title, ""])
                page.setData(0, POSITION_ROLE, item.id)
                page.setTextAlignment(
                    1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                self._pages[item.id] = page
                self._show_mark(item.id)
        self.expandAll()
        self._update_lessons()

    def set_current(self, position: str) -> None:
        """Highlight the page (or the overview) being shown, without emitting a choice."""
        target = self._pages.get(position) if position != OVERVIEW else self.topLevelItem(0)
        if target is not None:
            self.blockSignals(True)
            self.setCurrentItem(target)
            self.scrollToItem(target)
            self.blockSignals(False)

    def mark_viewed(self, item_id: str) -> None:
        if item_id in self._viewed:
            return
        self._viewed.add(item_id)
        self._show_mark(item_id)
        self._update_lessons()

    def is_marked_viewed(self, item_id: str) -> bool:
        page = self._pages.get(item_id)
        return page is not None and page.text(1) == VIEWED_MARK

    def _show_mark(self, item_id: str) -> None:
        page = self._pages[item_id]
        viewed = item_id in self._viewed
        page.setText(1, VIEWED_MARK if viewed else "")
        state = "viewed" if viewed else "not viewed yet"
        page.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{page.text(0)}, {state}")
        page.setToolTip(0, f"{page.text(0)} ({state})")

    def _update_lessons(self) -> None:
        for lesson_item, lesson in self._lessons:
            pages = [item for item in lesson.items if item.is_page]
            done = sum(1 for item in pages if item.id in self._viewed)
            total = len(pages)
            lesson_item.setText(1, f"{done} of {total}")
            accessible = f"Lesson: {lesson.title}, {done} of {total} pages viewed"
            lesson_item.setData(0, Qt.ItemDataRole.AccessibleTextRole, accessible)

    def _chosen(self, tree_item: QTreeWidgetItem) -> None:
        position = tree_item.data(0, POSITION_ROLE)
        if isinstance(position, str):
            self.position_chosen.emit(position)
