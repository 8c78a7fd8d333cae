"""The library screen: search, sort and the module list (one model row each, no row widgets).

`.vrmod` packages and module folders dragged onto it are offered for import (`paths_dropped`);
the right-click menu and the Delete key act on the selected module (the window decides what).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore  # QtCore.Qt is read where used: `Qt` costs start-up (plain_painting)
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QSize, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vrlearn.modules.library import Library
from vrlearn.modules.model import BrokenModule, Module
from vrlearn.ui import theme
from vrlearn.ui.library_delegate import ModuleRowDelegate, TitleWidths
from vrlearn.ui.library_model import LibraryFilter, LibraryModel, SortKey

if TYPE_CHECKING:  # annotations only: naming a PySide class builds it (and its enums) at import
    from PySide6.QtCore import QEvent, QUrl
    from PySide6.QtGui import (
        QContextMenuEvent,
        QDragEnterEvent,
        QDragLeaveEvent,
        QDragMoveEvent,
        QDropEvent,
        QFocusEvent,
        QFont,
        QKeyEvent,
        QMouseEvent,
        QPaintEvent,
        QResizeEvent,
    )

# Pixels a vertical scroll bar may take from the rows' width (Fusion's is 14-16 at 100 %); used
# rather than asking the style, which names QStyle's enums at start-up (see plain_painting).
SCROLL_BAR_ALLOWANCE = 20


class ModuleList(QListView):
    """The list of modules; Enter or a double click opens the current one, and the right mouse
    button or the Menu key asks for the module menu (`menu_requested_at`).

    It remembers the row under the mouse itself, so the delegate never needs `viewport()` or
    `option.state` (both make PySide initialise dozens of unrelated classes at start-up).
    """

    menu_requested_at = Signal(QPoint)  # where, in the viewport's coordinates

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moduleList")
        self.setAccessibleName("Modules")
        self.setUniformItemSizes(True)
        self.setMouseTracking(True)
        self._rows = ModuleRowDelegate(self)
        self.setItemDelegate(self._rows)
        self.setSpacing(max(2, self.fontMetrics().height() // 4))
        self.hovered = QPersistentModelIndex()
        self._titles: list[str] = []
        self._widths: tuple[str, TitleWidths] | None = None  # for the font with this key

    def set_titles(self, titles: list[str]) -> None:
        """The titles of every module listed (shown or hidden by a search): the rows make room
        for two-line titles when one of them needs it, so a search never changes row heights."""
        self._titles = titles
        self._widths = None
        if self.isVisible():  # else the first resize, as the window is shown, fits them
            self._fit_titles(self.width())

    def _fit_titles(self, width: int) -> None:
        delegate = self._rows
        font = self.font()
        if self._widths is None or self._widths[0] != font.key():
            self._widths = (font.key(), TitleWidths(self._titles, font))
        # The rows are as wide as the viewport, inside the spacing; a vertical scroll bar
        # (at most SCROLL_BAR_ALLOWANCE pixels here) may take some of it.
        row_width = width - 2 * self.frameWidth() - 2 * self.spacing() - SCROLL_BAR_ALLOWANCE
        lines = delegate.title_lines_for(self._widths[1], font, row_width)
        if lines != delegate.title_lines:
            delegate.title_lines = lines
            self.scheduleDelayedItemsLayout()

    @property
    def title_lines(self) -> int:
        """How many lines every row gives its title: 1, or 2 when some title needs them."""
        return self._rows.title_lines

    def set_text_font(self, font: QFont) -> None:
        """The rows' font (the zoom), with the spacing and title lines that go with it."""
        self.setFont(font)
        self.setSpacing(max(2, self.fontMetrics().height() // 4))
        self._fit_titles(self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_titles(event.size().width())
        super().resizeEvent(event)

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

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # handled here, not by a CustomContextMenu policy: setting that names a Qt enum, which
        # would cost start-up the whole Qt namespace (see plain_painting)
        self.menu_requested_at.emit(event.pos())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
        if event.key() in enter and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


def module_sources(urls: Iterable[QUrl]) -> list[Path]:
    """The dropped items that can be imported: `.vrmod` files and folders with a module.toml."""
    found: list[Path] = []
    for url in urls:
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.suffix.lower() == ".vrmod" and path.is_file():
            found.append(path)
        elif path.is_dir() and (path / "module.toml").is_file():
            found.append(path)
    return found


class SearchField(QLineEdit):
    """The search box; the Down key moves into the results."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == QtCore.Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class LibraryView(QFrame):  # a QFrame draws its style-sheet background
    """Every module with its duration and progress; broken modules say why they cannot open."""

    module_chosen = Signal(object)  # Module
    broken_module_chosen = Signal(object)  # BrokenModule
    first_painted = Signal()  # the library has been drawn on screen for the first time
    paths_dropped = Signal(list)  # list[Path]: .vrmod files and module folders to import
    menu_requested = Signal(object, QPoint)  # Module or None, global position
    current_module_changed = Signal(object)  # Module or None
    get_modules_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryView")
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
        self.get_modules_button = QPushButton("Get modules…")
        self.get_modules_button.setObjectName("linkButton")
        self.get_modules_button.setAccessibleName("Get modules")
        self.get_modules_button.setToolTip("Download modules from your team's catalogue")
        self.get_modules_button.clicked.connect(self.get_modules_requested)
        self.setAcceptDrops(True)

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
        self.list.menu_requested_at.connect(self._context_menu)
        self.list.selectionModel().currentChanged.connect(
            lambda: self.current_module_changed.emit(self.current_module())
        )
        self.search.down_pressed.connect(self.focus_list)
        self.search.returnPressed.connect(self.focus_list)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("secondaryText")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()  # centred when first shown (_update_count), as is the drop hint
        self.drop_hint = QLabel()
        self.drop_hint.setObjectName("dropHint")
        self.drop_hint.setWordWrap(True)
        self.drop_hint.hide()

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch()
        top.addWidget(self.get_modules_button)
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
        layout.addWidget(self.drop_hint)
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
        self.list.set_titles([entry.title for entry in self.model.entries])
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
        self.list.set_text_font(font)

    def focus_list(self) -> None:
        self.list.setFocus()
        if not self.list.currentIndex().isValid() and self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def current_module(self) -> Module | None:
        """The selected module (None for none, or for a broken one)."""
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        module = self.proxy.entry(index).module
        return module if isinstance(module, Module) else None

    def select_module(self, module_id: str) -> bool:
        """Make the module with this id the current row, if it is shown."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.entry(index).module_id == module_id:
                self.list.setCurrentIndex(index)
                self.list.scrollTo(index)
                return True
        return False

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        sources = module_sources(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if not sources:
            event.ignore()
            return
        names = ", ".join(f"“{path.name}”" for path in sources[:3])
        more = f" and {len(sources) - 3} more" if len(sources) > 3 else ""
        self.drop_hint.setText(f"Drop here to install {names}{more}")
        if not self.drop_hint.styleSheet():  # styled on first use: nothing at start-up
            self.drop_hint.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
            self.drop_hint.setStyleSheet(
                f"background: {theme.PALE_BLUE}; color: {theme.TEXT}; padding: 1em;"
                f" border: 0.15em dashed {theme.NHS_BLUE}; font-weight: bold;"
            )
        self.drop_hint.show()
        event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_hint.hide()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_hint.hide()
        sources = module_sources(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if not sources:
            event.ignore()
            return
        event.acceptProposedAction()
        self.paths_dropped.emit(sources)

    def _context_menu(self, position: QPoint) -> None:
        index = self.list.indexAt(position)
        if index.isValid():
            self.list.setCurrentIndex(index)
        module = self.current_module() if index.isValid() else None
        self.menu_requested.emit(module, self.list.viewport().mapToGlobal(position))

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
        if shown == 0:  # aligned here, not at start-up, which would name a Qt enum for nothing
            self.empty_label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setVisible(shown == 0)
        self.list.setVisible(shown > 0)

    def _activated(self, index: QModelIndex) -> None:
        entry = self.proxy.entry(index)
        if isinstance(entry.module, Module):
            self.module_chosen.emit(entry.module)
        elif isinstance(entry.broken, BrokenModule):
            self.broken_module_chosen.emit(entry.broken)
