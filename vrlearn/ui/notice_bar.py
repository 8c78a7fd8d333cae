"""A calm banner across the top of the window for things the learner should know, without a dialog.

Used for the records' recovery notices at start-up and for progress that could not be saved.
The text says what happened; the colour only draws the eye.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from vrlearn.ui import theme


class NoticeBar(QWidget):
    """Shows one or more notices until dismissed; new notices are added below older ones."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAccessibleName("Notice")
        self._notices: list[str] = []
        icon = QLabel("ℹ")  # a text symbol: no style icons to load at start-up
        icon.setObjectName("noticeIcon")
        icon.setAccessibleName("Information")
        icon.setFont(theme.scaled_font(self.font(), 1.4, bold=True))
        self.text = QLabel()
        self.text.setObjectName("noticeText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("Notice text")
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setAccessibleName("Dismiss notice")
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        margin = self.fontMetrics().height()
        layout.setContentsMargins(margin, round(margin * 0.5), margin, round(margin * 0.5))
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    @property
    def notices(self) -> list[str]:
        return list(self._notices)

    def add(self, notice: str) -> None:
        if not notice or notice in self._notices:
            return
        self._notices.append(notice)
        self.text.setText("\n".join(self._notices))
        self.text.setAccessibleDescription(self.text.text())
        self.show()

    def dismiss(self) -> None:
        self._notices.clear()
        self.text.clear()
        self.hide()
