"""The library screen: search, sort and the module list (one model row each, no row widgets)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from vrlearn.modules.library import Library
from vrlearn.modules.model import BrokenModule, Module
from vrlearn.ui import theme
from vrlearn.ui.library_delegate import ModuleRowDelegate
from vrlearn.ui.library_model import LibraryFilter, LibraryModel, SortKey


class ModuleList(QListView):
    """The list of modules; Enter or a double click opens the current one.

    It remembers the row under the mouse itself, so the delegate never needs `viewport()` or
    `option.state` (both make PySide initialise dozens of unrelated classes at start-up).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moduleList")
        self.setAccessibleName("Modules")
        self.setUniformItemSizes(True)
        self.setMouseTracking(True)
        self.setItemDelegate(ModuleRowDelegate(self))
        self.setSpacing(max(2, self.fontMetrics().height() // 4))
        self.hovered = QPersistentModelIndex()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        self.hovered = QPersistentModelIndex(self.indexAt(event.position().toPoint()))

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        left = self.hovered
        self.hovered = QPersistentModelIndex()
        if left.isValid():
            self.update(self.model().index(left.row(), 0))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update(self.currentIndex())  # the selected card turns from pale to strong blue

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update(self.currentIndex())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class SearchField(QLineEdit):
    """The search box; the Down key moves into the results."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class LibraryView(QWidget):
    """Every module with its duration and progress; broken modules say why they cannot open."""

    module_chosen = Signal(object)  # Module
    broken_module_chosen = Signal(object)  # BrokenModule
    first_painted = Signal()  # the library has been drawn on screen for the first time

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.model = LibraryModel(self)
        self._empty_note = "No modules were found."
        self._painted = False
        self.proxy = LibraryFilter(self.model, self)

        heading = QLabel("Your modules")
        heading.setObjectName("heading")
        heading.setFont(theme.scaled_font(self.font(), 1.7, bold=True))
        heading.setAccessibleName("Your modules")
        self.learner_label = QLabel()
        self.learner_label.setObjectName("secondaryText")
        self.learner_label.setAccessibleName("Learner")

        self.search = SearchField()
        self.search.setPlaceholderText("Search titles, summaries and learning outcomes")
        self.search.setAccessibleName("Search modules")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search)

        self.sort = QComboBox()
        self.sort.setAccessibleName("Sort modules by")
        for key in SortKey:
            self.sort.addItem(key.value)
        self.sort.currentIndexChanged.connect(self._sort_changed)
        sort_label = QLabel("S&ort by:")
        sort_label.setBuddy(self.sort)

        self.count_label = QLabel()
        self.count_label.setObjectName("secondaryText")
        self.count_label.setAccessibleName("Number of modules shown")

        self.list = ModuleList()
        self.list.setModel(self.proxy)
        self.list.activated.connect(self._activated)
        self.search.down_pressed.connect(self.focus_list)
        self.search.returnPressed.connect(self.focus_list)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("secondaryText")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch()
        top.addWidget(self.learner_label)
        controls = QHBoxLayout()
        controls.addWidget(search_label)
        controls.addWidget(self.search, 3)
        controls.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        controls.addWidget(sort_label)
        controls.addWidget(self.sort, 1)
        layout = QVBoxLayout(self)
        margin = self.fontMetrics().height()
        layout.setContentsMargins(margin * 2, margin, margin * 2, margin)
        layout.setSpacing(round(margin * 0.6))
        layout.addLayout(top)
        layout.addLayout(controls)
        layout.addWidget(self.count_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label, 1)
        self.setTabOrder(self.search, self.sort)
        self.setTabOrder(self.sort, self.list)

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 40)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def set_library(self, library: Library, viewed: Mapping[str, frozenset[str]]) -> None:
        self.model.set_library(library, viewed)
        self._update_count()

    def set_empty_note(self, text: str) -> None:
        """What to say when the content folders hold no modules at all."""
        self._empty_note = text
        self._update_count()

    def set_progress(self, module_id: str, viewed: frozenset[str]) -> None:
        self.model.set_progress(module_id, viewed)

    def set_all_progress(self, viewed: Mapping[str, frozenset[str]]) -> None:
        self.model.set_all_progress(viewed)

    def set_learner_text(self, text: str) -> None:
        self.learner_label.setText(text)

    def set_zoom(self, percent: int) -> None:
        """Scale the list's text with the reader's zoom."""
        font = self.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * percent / 100)
        self.list.setFont(font)

    def focus_list(self) -> None:
        self.list.setFocus()
        if not self.list.currentIndex().isValid() and self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def visible_titles(self) -> list[str]:
        """The titles shown, in order (for tests and the accessibility checks)."""
        return [self.proxy.index(row, 0).data() for row in range(self.proxy.rowCount())]

    def _search_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_count()

    def _sort_changed(self) -> None:
        self.model.sort_by(list(SortKey)[self.sort.currentIndex()])

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = "module" if total == 1 else "modules"
        query = self.search.text().strip()
        self.count_label.setText(f"{shown} of {total} {noun}" if query else f"{total} {noun}")
        if total == 0:
            self.empty_label.setText(self._empty_note)
        elif shown == 0:
            self.empty_label.setText(f"No modules match “{query}”. Try fewer or other words.")
        self.empty_label.setVisible(shown == 0)
        self.list.setVisible(shown > 0)

    def _activated(self, index: QModelIndex) -> None:
        entry = self.proxy.entry(index)
        if isinstance(entry.module, Module):
            self.module_chosen.emit(entry.module)
        elif isinstance(entry.broken, BrokenModule):
            self.broken_module_chosen.emit(entry.broken)
