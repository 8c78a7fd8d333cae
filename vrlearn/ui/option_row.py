"""One answer a learner can pick: a radio button or check box with wrapping rich text beside it.

Qt's own buttons cannot wrap or show rich text, so the row pairs a button (which takes the focus,
the keys and the accessible name: the option's words) with a label that only displays. A click
anywhere on the row works the button. The row is drawn as a card that turns pale blue when chosen
and gets a strong outline when focused; the button itself still shows the choice, so nothing
depends on colour.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from vrlearn.ui.quiz_text import inline_html, plain_text


def rich_label(html: str, object_name: str = "") -> QLabel:
    """A wrapping, display-only label for rendered quiz text (never loads or follows anything)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(html)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setOpenExternalLinks(False)
    label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if object_name:
        label.setObjectName(object_name)
    return label


class OptionRow(QFrame):
    """A button and its text, as one clickable card."""

    def __init__(self, markdown: str, exclusive: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optionRow")
        self.setProperty("checked", False)
        self.setProperty("focused", False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button: QAbstractButton = QRadioButton() if exclusive else QCheckBox()
        self.button.setAccessibleName(plain_text(markdown))
        self.button.setObjectName("optionButton")
        self.label = rich_label(inline_html(markdown), "optionText")
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        gap = self.fontMetrics().height()
        layout.setContentsMargins(round(gap * 0.6), round(gap * 0.45), gap, round(gap * 0.45))
        layout.setSpacing(round(gap * 0.6))
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.button.toggled.connect(lambda checked: self._set_state("checked", checked))
        self.button.installEventFilter(self)

    @property
    def text(self) -> str:
        return self.button.accessibleName()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
            self.button.click()
            event.accept()
            return
        super().mousePressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.button and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._set_state("focused", event.type() == QEvent.Type.FocusIn)
        return False

    def _set_state(self, name: str, value: bool) -> None:
        if self.property(name) == value:
            return
        self.setProperty(name, value)
        self.style().unpolish(self)
        self.style().polish(self)
        self.update()
