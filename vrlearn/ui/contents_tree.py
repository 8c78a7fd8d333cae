"""The reader's table of contents: an overview entry, then lessons with their pages, videos and
quizzes.

Viewed pages carry a "✓" mark in their own column (and "viewed" in their accessible text), quizzes
say "Passed ✓", "Not passed" or "Not attempted", videos "Watched ✓", "45 % watched" or "Not
watched yet", lessons show "2 of 3" done, so nothing depends on colour. Arrow keys only move the
focus; Enter or a click opens.
"""

from __future__ import annotations

from collections.abc import Mapping

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

from vrlearn.modules.contents import Item, Lesson
from vrlearn.modules.model import Module
from vrlearn.modules.progress import video_watched, watched_percent

OVERVIEW = ""  # the position id of the module overview
POSITION_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
TITLE_ROLE = Qt.ItemDataRole.UserRole + 3
VIEWED_MARK = "✓"
QUIZ_PASSED, QUIZ_NOT_PASSED, QUIZ_NOT_ATTEMPTED = "Passed ✓", "Not passed", "Not attempted"
VIDEO_WATCHED, VIDEO_NOT_WATCHED = "Watched ✓", "Not watched yet"
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
        self._pages: dict[str, QTreeWidgetItem] = {}  # pages and quizzes, by item id
        self._lessons: list[tuple[QTreeWidgetItem, Lesson]] = []
        self._viewed: set[str] = set()
        self._quizzes: dict[str, bool] = {}  # quiz item id -> passed, once attempted
        self._videos: dict[str, Item] = {}  # video items, by id
        self._coverage: dict[str, float] = {}  # video item id -> share watched, once played
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # re-wrap titles to the new width

    def show_module(
        self,
        module: Module,
        viewed: frozenset[str],
        quiz_outcomes: Mapping[str, bool] | None = None,
        video_coverage: Mapping[str, float] | None = None,
    ) -> None:
        """Fill the tree: `viewed` pages get a mark, quizzes their outcome (passed or not),
        videos how much was watched (`video_coverage`: item id -> 0.0-1.0)."""
        self.clear()
        self._pages.clear()
        self._lessons.clear()
        self._viewed = set(viewed)
        self._quizzes = dict(quiz_outcomes or {})
        self._videos = {item.id: item for item in module.videos}
        self._coverage = dict(video_coverage or {})
        overview = QTreeWidgetItem(self, ["Overview", ""])
        overview.setData(0, POSITION_ROLE, OVERVIEW)
        overview.setData(0, Qt.ItemDataRole.AccessibleTextRole, "Module overview")
        for lesson in module.lessons:
            lesson_item = QTreeWidgetItem(self, [lesson.title, ""])
            font = lesson_item.font(0)
            font.setBold(True)
            lesson_item.setFont(0, font)
            pages = _shown_items(lesson)
            first = pages[0] if pages else None
            lesson_item.setData(0, POSITION_ROLE, first.id if first else None)
            self._lessons.append((lesson_item, lesson))
            for item in pages:
                page = QTreeWidgetItem(lesson_item, [item.title, ""])
                page.setData(0, POSITION_ROLE, item.id)
                page.setData(0, KIND_ROLE, item.type)
                page.setData(0, TITLE_ROLE, item.title)
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

    def set_quiz_outcome(self, item_id: str, passed: bool) -> None:
        """A quiz was submitted: once passed it stays passed."""
        if item_id not in self._pages:
            return
        self._quizzes[item_id] = self._quizzes.get(item_id, False) or passed
        self._show_mark(item_id)
        self._update_lessons()

    def set_video_coverage(self, item_id: str, coverage: float) -> None:
        """A video's watched share changed (it never goes down)."""
        if item_id not in self._videos or item_id not in self._pages:
            return
        self._coverage[item_id] = max(coverage, self._coverage.get(item_id, 0.0))
        self._show_mark(item_id)
        self._update_lessons()

    def video_state(self, item_id: str) -> str:
        """What a video's entry says under its title: "Watched ✓", "45 % watched"..."""
        item = self._videos.get(item_id)
        coverage = self._coverage.get(item_id)
        if item is not None and video_watched(item, coverage):
            return VIDEO_WATCHED
        percent = watched_percent(coverage)
        return f"{percent} % watched" if percent else VIDEO_NOT_WATCHED

    def is_marked_viewed(self, item_id: str) -> bool:
        page = self._pages.get(item_id)
        return page is not None and page.text(1) == VIEWED_MARK

    def quiz_state(self, item_id: str) -> str:
        """What a quiz's entry says under its title: "Passed ✓", "Not passed", "Not attempted"."""
        outcome = self._quizzes.get(item_id)
        if outcome is None:
            return QUIZ_NOT_ATTEMPTED
        return QUIZ_PASSED if outcome else QUIZ_NOT_PASSED

    def _show_mark(self, item_id: str) -> None:
        page = self._pages[item_id]
        title = page.data(0, TITLE_ROLE)
        if page.data(0, KIND_ROLE) == "quiz":
            words = self.quiz_state(item_id)
            page.setText(0, f"{title}\n{words}")  # the state in words, under the title
            page.setText(1, VIEWED_MARK if words == QUIZ_PASSED else "")
            state = f"quiz, {words.removesuffix(' ✓').lower()}"
        elif page.data(0, KIND_ROLE) == "video":
            words = self.video_state(item_id)
            page.setText(0, f"{title}\n{words}")
            page.setText(1, VIEWED_MARK if words == VIDEO_WATCHED else "")
            state = f"video, {words.removesuffix(' ✓').lower()}"
        else:
            viewed = item_id in self._viewed
            page.setText(1, VIEWED_MARK if viewed else "")
            state = "viewed" if viewed else "not viewed yet"
        page.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{title}, {state}")
        page.setToolTip(0, f"{title} ({state})")

    def _is_done(self, item: Item) -> bool:
        if item.is_quiz:
            return self._quizzes.get(item.id, False)
        if item.is_video:
            return video_watched(item, self._coverage.get(item.id))
        return item.id in self._viewed

    def _update_lessons(self) -> None:
        for lesson_item, lesson in self._lessons:
            items = _shown_items(lesson)
            done = sum(1 for item in items if self._is_done(item))
            total = len(items)
            lesson_item.setText(1, f"{done} of {total}")
            accessible = f"Lesson: {lesson.title}, {done} of {total} done"
            lesson_item.setData(0, Qt.ItemDataRole.AccessibleTextRole, accessible)

    def _chosen(self, tree_item: QTreeWidgetItem) -> None:
        position = tree_item.data(0, POSITION_ROLE)
        if isinstance(position, str):
            self.position_chosen.emit(position)


def _shown_items(lesson: Lesson) -> list[Item]:
    """The items of a lesson the reader shows: pages, videos and quizzes."""
    return [item for item in lesson.items if item.is_page or item.is_quiz or item.is_video]
