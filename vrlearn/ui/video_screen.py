"""Where the video is: its poster before it plays, the player's picture, or why it cannot play.

The player's widget (a native window for libVLC) is placed here once, when the first video is
shown, and is only ever hidden and shown again, never moved to another parent. A click on the
picture or the poster asks to play or pause (`clicked`), a double click to go full screen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedWidget, QWidget

QWIDGETSIZE_MAX = (1 << 24) - 1


class PosterLabel(QLabel):
    """The poster image, scaled to fit with its proportions kept; or the title on black."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAccessibleName("Video poster")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._pixmap = QPixmap()

    def set_poster(self, pixmap: QPixmap, text: str) -> None:
        self._pixmap = pixmap
        self.setAccessibleDescription(text)
        if pixmap.isNull():
            self.setPixmap(QPixmap())
            self.setText(text)
        else:
            self.setText("")
            self._scale()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale()

    def _scale(self) -> None:
        if not self._pixmap.isNull() and self.width() > 0 and self.height() > 0:
            ratio = self.devicePixelRatioF()
            size = QSize(round(self.width() * ratio), round(self.height() * ratio))
            scaled = self._pixmap.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            scaled.setDevicePixelRatio(ratio)
            self.setPixmap(scaled)


class PlayerColumn(QWidget):
    """The column holding the screen and its controls: the screen is never taller than 16:9
    (the shape of the bundled videos), so spare height goes below the controls, not into black
    bars around the picture. In full screen the screen takes all the height."""

    def __init__(self, screen: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._screen = screen
        self.limit_height = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def set_limit_height(self, limit: bool) -> None:
        self.limit_height = limit
        self._fit()

    def _fit(self) -> None:
        most = self.width() * 9 // 16 if self.limit_height else QWIDGETSIZE_MAX
        if self._screen.maximumHeight() != most:
            self._screen.setMaximumHeight(max(most, self._screen.minimumHeight()))


class VideoScreen(QStackedWidget):
    """The poster, the picture, or a message, one at a time, on black."""

    clicked = Signal()
    double_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoScreen")
        self.setAccessibleName("Video")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 180)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.black)
        palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.white)
        self.setPalette(palette)
        self.poster = PosterLabel()
        self.message = QLabel()
        self.message.setObjectName("videoMessage")
        self.message.setAccessibleName("Video message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        margin = self.fontMetrics().height() * 2
        self.message.setContentsMargins(margin, margin, margin, margin)
        self.addWidget(self.poster)
        self.addWidget(self.message)
        self.picture: QWidget | None = None

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def place_picture(self, widget: QWidget) -> None:
        """Put the player's widget here (once)."""
        if self.picture is None:
            self.picture = widget
            self.addWidget(widget)

    def show_poster(self, pixmap: QPixmap, text: str) -> None:
        self.poster.set_poster(pixmap, text)
        self.setCurrentWidget(self.poster)

    def show_picture(self) -> None:
        if self.picture is not None:
            self.setCurrentWidget(self.picture)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleDescription(text)
        self.setCurrentWidget(self.message)

    @property
    def showing(self) -> str:
        """ "poster", "picture" or "message"."""
        current = self.currentWidget()
        if current is self.poster:
            return "poster"
        return "message" if current is self.message else "picture"

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.double_clicked.emit()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)
