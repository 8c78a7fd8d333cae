"""The dialog shown after an unexpected error (vrlearn.crash): what to do, and details to copy.

The details (the error and its traceback) are in a read-only box the user can select from, and
"Copy details" puts all of them on the clipboard for an email to the IT service desk.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

TITLE = "Something went wrong"
MESSAGE = (
    "VR Learn ran into a problem it did not expect. Your progress is saved as you go, so you "
    "can usually carry on. If something looks wrong, close VR Learn and open it again."
)


def help_text(log_file: Path | None) -> str:
    where = f" It has also been written to the log file {log_file}." if log_file else ""
    return (
        "If this keeps happening, copy the details below and send them to your IT service "
        f"desk.{where}"
    )


class CrashDialog(QDialog):
    """Explains the error in plain words, with the technical details to copy."""

    def __init__(self, details: str, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.setWindowTitle(f"VR Learn: {TITLE.lower()}")
        self.setAccessibleName(TITLE)
        heading = QLabel(f"<b>{TITLE}</b>")
        message = QLabel(MESSAGE)
        message.setWordWrap(True)
        advice = QLabel(help_text(log_file))
        advice.setWordWrap(True)
        advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_box = QPlainTextEdit(details)
        self.details_box.setReadOnly(True)
        self.details_box.setAccessibleName("Error details")
        self.details_box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details_box.setMinimumSize(560, 200)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("&Copy details")
        self.copy_button.setAccessibleName("Copy details")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        close.setDefault(True)
        layout = QVBoxLayout(self)
        for widget in (heading, message, advice, self.details_box, buttons):
            layout.addWidget(widget)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")


def show_crash_dialog(details: str, log_file: Path | None) -> None:
    """Show the dialog over the active window and wait until it is closed."""
    dialog = CrashDialog(details, log_file, QApplication.activeWindow())
    dialog.exec()
