"""One catalogue entry on the Get modules screen: what it is, its status in words, its buttons.

The row only shows things; `GetModulesView` and its `Downloads` decide what the buttons do. The
status is always written out ("Update available (1.0.0 → 1.1.0)", "Paused at 40 %"); colour
never carries it alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vrlearn.catalogue.sizes import megabytes

if TYPE_CHECKING:
    from vrlearn.catalogue import CatalogueEntry, EntryStatus


def _button(text: str, accessible: str, object_name: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    if object_name:
        button.setObjectName(object_name)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


def percent(done: int, total: int) -> int:
    """Whole per cent, never 100 before the last byte."""
    if total <= 0:
        return 0
    value = done * 100 // total
    return min(value, 99) if done < total else 100


class EntryRow(QFrame):
    """Title, version and size, summary, status, progress bar, and Download / Pause / Cancel."""

    action_clicked = Signal()  # Download, Update or Resume
    pause_clicked = Signal()
    cancel_clicked = Signal()

    def __init__(self, entry: CatalogueEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogueEntry")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.entry = entry
        self.title_label = QLabel(entry.title)
        self.title_label.setObjectName("entryTitle")
        self.title_label.setWordWrap(True)
        self.details_label = QLabel(f"Version {entry.version} · {megabytes(entry.size)}")
        self.details_label.setObjectName("secondaryText")
        self.summary_label = QLabel(entry.summary)
        self.summary_label.setObjectName("secondaryText")
        self.summary_label.setWordWrap(True)
        self.summary_label.setVisible(bool(entry.summary))
        self.status_label = QLabel()
        self.status_label.setObjectName("entryStatus")
        self.status_label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(f"Download of {entry.title}")
        self.bar.setTextVisible(True)
        self.bar.setFormat("%p %")
        self.bar.hide()
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.action_button = _button("Download", f"Download {entry.title}", "primaryButton")
        self.action_button.clicked.connect(self.action_clicked)
        self.pause_button = _button("Pause", f"Pause the download of {entry.title}")
        self.pause_button.clicked.connect(self.pause_clicked)
        self.cancel_button = _button("Cancel", f"Cancel the download of {entry.title}")
        self.cancel_button.clicked.connect(self.cancel_clicked)

        text = QVBoxLayout()
        text.setSpacing(2)
        heading = QHBoxLayout()
        heading.addWidget(self.title_label, 1)
        heading.addWidget(self.details_label)
        text.addLayout(heading)
        text.addWidget(self.summary_label)
        text.addWidget(self.status_label)
        text.addWidget(self.bar)
        text.addWidget(self.error_label)
        button_column = QWidget()  # as wide as Pause and Cancel in every row: columns line up
        buttons = QHBoxLayout(button_column)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.action_button)
        widest = self.pause_button.sizeHint().width() + self.cancel_button.sizeHint().width()
        button_column.setMinimumWidth(widest + buttons.spacing())
        layout = QHBoxLayout(self)
        margin = self.fontMetrics().height() // 2
        layout.setContentsMargins(margin * 2, margin, margin * 2, margin)
        layout.addLayout(text, 1)
        layout.addSpacing(margin * 2)
        layout.addWidget(button_column)
        self.setAccessibleName(entry.title)
        self.set_text_font(self.font())
        self.show_status("", None)

    def set_text_font(self, font: QFont) -> None:
        """The row's font (the screen's zoom); the title and the status in bold."""
        self.setFont(font)
        bold = QFont(font)
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.status_label.setFont(bold)

    def show_status(self, text: str, action: str | None) -> None:
        """An idle entry: its status in words, and the action offered (None: no button)."""
        self.status_label.setText(text)
        self.setAccessibleDescription(text)
        self.bar.hide()
        self.pause_button.hide()
        self.cancel_button.hide()
        self.action_button.setVisible(action is not None)
        if action is not None:
            self.action_button.setText(action)
            self.action_button.setAccessibleName(f"{action} {self.entry.title}")

    def show_entry_status(
        self, status: EntryStatus, installed: dict[str, str], downloaded: int
    ) -> None:
        """No download running: installed, needs a newer VR Learn, paused, update or available.

        `installed` maps module ids to the versions installed; `downloaded` is how much of the
        package was kept from an earlier download (0: none)."""
        from vrlearn import __version__
        from vrlearn.catalogue import EntryStatus

        entry = self.entry
        if status is EntryStatus.INSTALLED:
            self.show_status(f"Installed (version {installed.get(entry.id, entry.version)})", None)
        elif status is EntryStatus.NEEDS_NEWER_APP:
            self.show_status(
                f"Needs VR Learn {entry.min_app_version} (this is {__version__}); "
                "ask your IT service desk for the newer version",
                None,
            )
        elif downloaded > 0:
            self.show_paused(downloaded)
        elif status is EntryStatus.UPDATE:
            have = installed.get(entry.id, "?")
            self.show_status(f"Update available ({have} → {entry.version})", "Update")
        else:
            self.show_status("Available", "Download")

    def show_progress(self, done: int, total: int) -> None:
        """Downloading: the bar, "12.1 MB of 40.0 MB", Pause and Cancel."""
        total = total or self.entry.size
        self._set_bar(done, total)
        if total and done >= total:
            text = "Checking and installing…"
        else:
            text = f"Downloading: {megabytes(done)} of {megabytes(total)}"
        self.status_label.setText(text)
        self.setAccessibleDescription(text)
        self.bar.show()
        self.action_button.hide()
        self.pause_button.show()
        self.cancel_button.show()

    def show_paused(self, done: int) -> None:
        """A download paused (perhaps before VR Learn was last closed): Resume or Cancel."""
        total = self.entry.size
        self._set_bar(done, total)
        if done >= total:
            self.show_status("Downloaded and checked, not installed yet", "Install")
            return
        text = f"Paused at {percent(done, total)} % ({megabytes(done)} of {megabytes(total)})"
        self.show_status(text, "Resume")
        self.action_button.setAccessibleName(f"Resume the download of {self.entry.title}")
        self.bar.show()
        self.cancel_button.show()

    def show_error(self, text: str) -> None:
        """A plain-words problem next to the entry ('' hides it)."""
        self.error_label.setText(text)
        self.error_label.setAccessibleName(f"Problem with {self.entry.title}")
        self.error_label.setVisible(bool(text))

    def _set_bar(self, done: int, total: int) -> None:
        scale = max(1, total // 1_000_000)  # QProgressBar counts in 32-bit ints
        self.bar.setRange(0, max(1, total // scale))
        self.bar.setValue(min(done, total) // scale)
