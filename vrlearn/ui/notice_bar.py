"""A calm banner across the top of the window for things the learner should know, without a dialog.

Used for the records' recovery notices at start-up and for progress that could not be saved.
The text says what happened; the colour only draws the eye. Its contents are built with the first
notice: most starts have none, and building them names Qt enums, which would cost start-up the
whole `Qt` namespace (see `plain_painting`).
"""

from __future__ import annotations

from PySide6 import QtCore  # QtCore.Qt is read when used: see the module docstring
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from vrlearn.ui import theme


class NoticeBar(QFrame):  # a QFrame draws its style-sheet background
    """Shows one or more notices until dismissed; new notices are added below older ones."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setAccessibleName("Notice")
        self._notices: list[str] = []
        self._text: QLabel | None = None
        self.hide()

    @property
    def notices(self) -> list[str]:
        return list(self._notices)

    def add(self, notice: str) -> None:
        if not notice or notice in self._notices:
            return
        self._notices.append(notice)
        text = self._text or self._build()
        text.setText("\n".join(self._notices))
        text.setAccessibleDescription(text.text())
        self.show()

    def dismiss(self) -> None:
        self._notices.clear()
        if self._text is not None:
            self._text.clear()
        self.hide()

    def _build(self) -> QLabel:
        icon = QLabel("ℹ")  # a text symbol: no style icons to load
        icon.setObjectName("noticeIcon")
        icon.setAccessibleName("Information")
        icon.setFont(theme.scaled_font(self.font(), 1.4, bold=True))
        text = QLabel()
        text.setObjectName("noticeText")
        text.setWordWrap(True)
        text.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        text.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setAccessibleName("Notice text")
        dismiss_button = QPushButton("Dismiss")
        dismiss_button.setAccessibleName("Dismiss notice")
        dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        margin = self.fontMetrics().height()
        layout.setContentsMargins(margin, round(margin * 0.5), margin, round(margin * 0.5))
        layout.addWidget(icon, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        layout.addWidget(text, 1)
        layout.addWidget(dismiss_button, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        self._text = text
        return text
