"""The transcript beside a video: every caption with its time, the current one highlighted.

Clicking a line (or pressing Enter on it) asks to seek there (`cue_chosen`); the search box keeps
only the lines that contain the words typed (ignoring case and accents), marks those words in
bold and underlined, and says how many lines match.
"Save transcript…" and "Print…" ask the video view to do it. The current line is marked with
"▶" and bold text, not colour alone. When the captions cannot be read, the panel says why.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vrlearn.media.captions import Cue
from vrlearn.media.clock import clock
from vrlearn.media.transcript import cue_at, search
from vrlearn.ui import theme
from vrlearn.ui.transcript_delegate import MatchDelegate

CUE_ROLE = Qt.ItemDataRole.UserRole + 1
CURRENT_MARK = "▶"


class TranscriptList(QListWidget):
    """The lines of the transcript; arrow keys left and right are left to the video view."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            event.ignore()
            return
        super().keyPressEvent(event)


class TranscriptPanel(QWidget):
    """Lists the cues of one caption file and follows the video's time."""

    cue_chosen = Signal(float)  # the start of the cue, in seconds
    save_requested = Signal()
    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptPanel")
        self._cues: tuple[Cue, ...] = ()
        self._current: int | None = None
        heading = QLabel("Transcript")
        heading.setObjectName("heading")
        heading.setFont(theme.scaled_font(self.font(), 1.1, bold=True))
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search the transcript")
        self.search_box.setAccessibleName("Search the transcript")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._filter)
        self.search_box.returnPressed.connect(self._first_match)
        self.matches = QLabel()
        self.matches.setObjectName("secondaryText")
        self.matches.setAccessibleName("Search result")
        self.list = TranscriptList()
        self.list.setObjectName("transcriptList")
        self.list.setAccessibleName("Transcript")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.marks = MatchDelegate(self.list)
        self.list.setItemDelegate(self.marks)
        self.list.itemClicked.connect(self._chosen)
        self.list.itemActivated.connect(self._chosen)
        self.problem = QLabel()
        self.problem.setObjectName("transcriptProblem")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Transcript problem")
        self.problem.hide()
        self.save_button = QPushButton("Save transcript…")
        self.save_button.setAccessibleName("Save transcript")
        self.save_button.clicked.connect(self.save_requested)
        self.print_button = QPushButton("Print…")
        self.print_button.setAccessibleName("Print transcript")
        self.print_button.clicked.connect(self.print_requested)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.search_box)
        layout.addWidget(self.matches)
        layout.addWidget(self.problem)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.matches.hide()

    @property
    def cues(self) -> tuple[Cue, ...]:
        return self._cues

    @property
    def current(self) -> int | None:
        """The index of the highlighted cue, if any."""
        return self._current

    def set_cues(self, cues: Sequence[Cue]) -> None:
        self._cues = tuple(cues)
        self._current = None
        self.list.clear()
        for index in range(len(self._cues)):
            item = QListWidgetItem(self._line(index, current=False))
            item.setData(CUE_ROLE, index)
            self.list.addItem(item)
        self.problem.hide()
        self.list.show()
        has_cues = bool(self._cues)
        for widget in (self.search_box, self.save_button, self.print_button):
            widget.setEnabled(has_cues)
        self._filter(self.search_box.text())

    def set_problem(self, message: str) -> None:
        """The captions cannot be read: say so instead of the lines."""
        self.set_cues(())
        self.problem.setText(f"⚠ The transcript cannot be shown: {message}")
        self.problem.show()

    def set_time(self, seconds: float) -> None:
        """Highlight the cue showing at `seconds` and keep it in view."""
        index = cue_at(self._cues, seconds) if self._cues else None
        if index == self._current:
            return
        previous, self._current = self._current, index
        if previous is not None:
            self._mark(previous, current=False)
        if index is not None:
            item = self._mark(index, current=True)
            if not item.isHidden():
                self.list.scrollToItem(item, QAbstractItemView.ScrollHint.EnsureVisible)

    def visible_cues(self) -> list[int]:
        """Indexes of the lines shown (all of them, or those matching the search)."""
        return [i for i in range(self.list.count()) if not self.list.item(i).isHidden()]

    def _line(self, index: int, *, current: bool) -> str:
        cue = self._cues[index]
        mark = CURRENT_MARK if current else "  "
        return f"{mark} {clock(cue.start)}   {' '.join(cue.text.split())}"

    def _mark(self, index: int, *, current: bool) -> QListWidgetItem:
        item = self.list.item(index)
        item.setText(self._line(index, current=current))
        font = item.font()
        font.setBold(current)
        item.setFont(font)
        item.setBackground(QColor(theme.PALE_BLUE) if current else QColor(0, 0, 0, 0))
        cue = self._cues[index]
        where = ", playing now" if current else ""
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{clock(cue.start)}{where}: {cue.text}")
        return item

    def _filter(self, text: str) -> None:
        query = text.strip()
        self.marks.query = query
        self.list.doItemsLayout()  # marked lines may wrap differently
        self.list.viewport().update()
        wanted = set(search(self._cues, query)) if query else None
        for index in range(self.list.count()):
            self.list.item(index).setHidden(wanted is not None and index not in wanted)
        if wanted is None:
            self.matches.hide()
            return
        count = len(wanted)
        self.matches.setText(
            "No lines match" if not count else f"{count} line{'s' if count > 1 else ''} match"
        )
        self.matches.show()

    def _first_match(self) -> None:
        shown = self.visible_cues()
        if shown:
            self.list.setCurrentRow(shown[0])
            self.list.setFocus()

    def _chosen(self, item: QListWidgetItem) -> None:
        index = item.data(CUE_ROLE)
        if isinstance(index, int) and 0 <= index < len(self._cues):
            self.cue_chosen.emit(self._cues[index].start)
