"""The seek bar under a video: drag, click or use the arrow keys to move through the video.

Positions are whole milliseconds. The bar follows the video while it plays, except while the
learner holds the handle; a seek is asked for (`seek_requested`, in seconds) when the handle is
released, when the groove is clicked (the handle jumps there) and on each arrow or page key
(10 s and 60 s steps). Its accessible description reads the position as "0:42 of 1:09".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider, QWidget

from vrlearn.media.clock import clock

STEP_MS = 10_000
PAGE_MS = 60_000


class SeekBar(QSlider):
    """A horizontal slider over the video's length in milliseconds."""

    seek_requested = Signal(float)  # seconds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("seekBar")
        self.setAccessibleName("Seek")
        self.setRange(0, 0)
        self.setSingleStep(STEP_MS)
        self.setPageStep(PAGE_MS)
        self.setTracking(False)
        self.actionTriggered.connect(self._action)
        self.sliderReleased.connect(lambda: self.seek_requested.emit(self.sliderPosition() / 1000))
        self._described = -1

    def set_duration(self, seconds: float) -> None:
        self.setMaximum(max(0, round(seconds * 1000)))
        self._described = -1
        self._describe()

    def set_time(self, seconds: float) -> None:
        """Follow the video (ignored while the learner holds the handle)."""
        if self.isSliderDown():
            return
        self.blockSignals(True)
        self.setValue(round(seconds * 1000))
        self.blockSignals(False)
        self._describe()

    def _action(self, action: int) -> None:
        """Keys and page clicks: the slider has moved to sliderPosition(); seek there."""
        if action == QSlider.SliderAction.SliderMove.value or self.isSliderDown():
            return
        self.seek_requested.emit(self.sliderPosition() / 1000)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on the groove jumps there (instead of stepping a page towards it)."""
        if event.button() != Qt.MouseButton.LeftButton or self.maximum() <= 0:
            super().mousePressEvent(event)
            return
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        style = self.style()
        control = QStyle.ComplexControl.CC_Slider
        handle = style.subControlRect(control, option, QStyle.SubControl.SC_SliderHandle, self)
        point = event.position().toPoint()
        if handle.contains(point):
            super().mousePressEvent(event)
            return
        groove = style.subControlRect(control, option, QStyle.SubControl.SC_SliderGroove, self)
        span = max(1, groove.width() - handle.width())
        offset = point.x() - groove.x() - handle.width() // 2
        value = QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), offset, span)
        self.setValue(value)
        self.seek_requested.emit(value / 1000)
        event.accept()

    def _describe(self) -> None:
        whole = self.value() // 1000
        if whole == self._described:
            return
        self._described = whole
        self.setAccessibleDescription(f"{clock(whole)} of {clock(self.maximum() / 1000)}")
