"""Help ▸ About VR Learn: version, licence, and where this computer keeps the learner's data."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from vrlearn import __version__
from vrlearn.ui import theme


class AboutDialog(QDialog):
    """Version, licence note and the data folder, as selectable text."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About VR Learn")
        self.setAccessibleName("About VR Learn")
        self._data_dir = data_dir
        heading = QLabel(f"VR Learn {escape(__version__)}")
        heading.setObjectName("heading")
        heading.setFont(theme.scaled_font(self.font(), 1.5, bold=True))
        heading.setAccessibleName("Version")
        self.text = QLabel(
            "<p>Offline e-learning on vocational rehabilitation for NHS community stroke "
            "teams.</p>"
            "<p>VR Learn is free software under the MIT licence. Each module states its own "
            "licence (for example CC BY 4.0) on its overview page.</p>"
            f"<p><b>Your data folder</b> (profile, progress and records):<br>"
            f"<code>{escape(str(data_dir))}</code></p>"
            f"<p class='meta'>Built with Qt for Python {escape(pyside_version)}. "
            "VR Learn works without an internet connection.</p>"
        )
        self.text.setWordWrap(True)
        selectable = Qt.TextInteractionFlag.TextSelectableByMouse
        self.text.setTextInteractionFlags(
            selectable | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setAccessibleName("About VR Learn")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        open_folder = buttons.addButton("Open data folder", QDialogButtonBox.ButtonRole.ActionRole)
        open_folder.setAccessibleName("Open data folder")
        open_folder.clicked.connect(self.open_data_folder)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        layout = QVBoxLayout(self)
        margin = self.fontMetrics().height()
        layout.setContentsMargins(margin * 2, margin * 2, margin * 2, margin)
        layout.addWidget(heading)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._data_dir)))
