"""Help ▸ Keyboard shortcuts: a plain list built from the window's own actions."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

EXTRA_KEYS = (
    ("Open the selected module", "Enter"),
    ("Move between controls", "Tab, Shift+Tab"),
    ("Open a page from the contents", "Arrow keys, then Enter"),
    ("Quiz: choose an answer", "Arrow keys, Space"),
    ("Quiz: next question", "Enter, Alt+N"),
    ("Quiz: previous question", "Alt+P"),
    ("Quiz: submit your answers", "Ctrl+Enter, Alt+S"),
)


class ShortcutsDialog(QDialog):
    """Lists every command with its keys."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        rows = [
            (
                action.text().replace("&", "").rstrip("…"),
                ", ".join(
                    key.toString(QKeySequence.SequenceFormat.NativeText)
                    for key in action.shortcuts()
                ),
            )
            for action in actions
        ]
        rows.extend(EXTRA_KEYS)
        table = QTableWidget(len(rows), 2)
        table.setAccessibleName("Shortcut list")
        table.setHorizontalHeaderLabels(["Command", "Keys"])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        for row, (command, keys) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(command))
            table.setItem(row, 1, QTableWidgetItem(keys))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 70, metrics.height() * (len(rows) + 6))
