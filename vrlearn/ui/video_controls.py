"""The controls under a video: seek bar with times, play/pause, 10-second skips, speed, volume
and mute, captions on/off and language, full screen.

Every control has an accessible name; buttons say what they do in words as well as with an icon.
The controls only report what the learner asked for (signals); the video view does it and tells
the controls what is now true (`set_playing`, `set_time`...).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from vrlearn.media.backend import RATES
from vrlearn.media.clock import clock
from vrlearn.ui.seek_bar import SeekBar
from vrlearn.ui.video_keys import SKIP_SECONDS


def _rate_text(rate: float) -> str:
    return f"{rate:g}×"


class VideoControls(QWidget):
    """Buttons, sliders and menus for one video player."""

    play_clicked = Signal()
    skip_clicked = Signal(float)  # seconds, negative for back
    seek_requested = Signal(float)  # seconds
    rate_chosen = Signal(float)
    volume_chosen = Signal(int)  # 0-100
    mute_clicked = Signal()
    captions_clicked = Signal()
    language_chosen = Signal(int)  # index into the caption files
    full_screen_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoControls")
        self._language_name = ""
        style = self.style()
        icon = style.standardIcon
        pixmap = QStyle.StandardPixmap

        self.elapsed = QLabel("0:00")
        self.elapsed.setAccessibleName("Time watched")
        self.total = QLabel("-:--")
        self.total.setAccessibleName("Length of the video")
        self.seek_bar = SeekBar()
        self.seek_bar.seek_requested.connect(self.seek_requested)

        self.play_button = QPushButton(icon(pixmap.SP_MediaPlay), "Play")
        self.play_button.setObjectName("primaryButton")
        self.play_button.setAccessibleName("Play")
        self.play_button.setToolTip("Play or pause (Space)")
        self.play_button.clicked.connect(self.play_clicked)
        self.back_button = QPushButton(icon(pixmap.SP_MediaSeekBackward), "10 s")
        self.back_button.setAccessibleName("Back 10 seconds")
        self.back_button.setToolTip("Back 10 seconds (Left arrow)")
        self.back_button.clicked.connect(lambda: self.skip_clicked.emit(-SKIP_SECONDS))
        self.forward_button = QPushButton(icon(pixmap.SP_MediaSeekForward), "10 s")
        self.forward_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # icon after
        self.forward_button.setAccessibleName("Forward 10 seconds")
        self.forward_button.setToolTip("Forward 10 seconds (Right arrow)")
        self.forward_button.clicked.connect(lambda: self.skip_clicked.emit(SKIP_SECONDS))

        self.speed = QComboBox()
        self.speed.setAccessibleName("Playback speed")
        self.speed.setToolTip("Playback speed (1× is normal)")
        for rate in RATES:
            self.speed.addItem(_rate_text(rate), rate)
        self.speed.setCurrentIndex(RATES.index(1.0))
        self.speed.activated.connect(lambda i: self.rate_chosen.emit(float(self.speed.itemData(i))))

        self.mute_button = QPushButton(icon(pixmap.SP_MediaVolume), "")
        self.mute_button.setAccessibleName("Mute")
        self.mute_button.setToolTip("Mute or unmute (M)")
        self.mute_button.clicked.connect(self.mute_clicked)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setAccessibleName("Volume")
        self.volume.setRange(0, 100)
        self.volume.setValue(100)
        self.volume.setSingleStep(5)
        self.volume.setPageStep(20)
        self.volume.setMinimumWidth(self.fontMetrics().averageCharWidth() * 8)
        self.volume.setMaximumWidth(self.fontMetrics().averageCharWidth() * 14)
        self.volume.valueChanged.connect(self._volume_changed)

        self.captions_button = QPushButton("CC")
        self.captions_button.setObjectName("captionsButton")
        self.captions_button.setCheckable(True)
        self.captions_button.setAccessibleName("Captions")
        self.captions_button.setToolTip("Captions on or off (C)")
        self.captions_button.clicked.connect(self.captions_clicked)
        self.language = QComboBox()
        self.language.setAccessibleName("Caption language")
        self.language.setToolTip("Caption and transcript language")
        self.language.activated.connect(self.language_chosen)

        self.full_screen_button = QPushButton(icon(pixmap.SP_TitleBarMaxButton), "")
        self.full_screen_button.setAccessibleName("Full screen")
        self.full_screen_button.setToolTip("Full screen (F); Esc leaves it")
        self.full_screen_button.clicked.connect(self.full_screen_clicked)

        times = QHBoxLayout()
        times.setContentsMargins(0, 0, 0, 0)
        times.addWidget(self.elapsed)
        times.addWidget(self.seek_bar, 1)
        times.addWidget(self.total)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        left: list[QWidget] = [self.play_button, self.back_button, self.forward_button, self.speed]
        middle: list[QWidget] = [self.mute_button, self.volume, self.captions_button, self.language]
        for widget in left:
            buttons.addWidget(widget)
        buttons.addStretch()
        for widget in middle:
            buttons.addWidget(widget)
        buttons.addStretch()
        buttons.addWidget(self.full_screen_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(times)
        layout.addLayout(buttons)
        self._playable_widgets: list[QWidget] = [
            self.play_button,
            self.back_button,
            self.forward_button,
            self.seek_bar,
        ]

    def set_playable(self, playable: bool) -> None:
        """False when no video can play: only captions and transcript controls stay usable."""
        for widget in self._playable_widgets:
            widget.setEnabled(playable)

    def set_playing(self, playing: bool) -> None:
        pixmap = QStyle.StandardPixmap
        icon = pixmap.SP_MediaPause if playing else pixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setText("Pause" if playing else "Play")
        self.play_button.setAccessibleName("Pause" if playing else "Play")

    def set_time(self, seconds: float) -> None:
        self.elapsed.setText(clock(seconds))
        self.seek_bar.set_time(seconds)

    def set_duration(self, seconds: float) -> None:
        self.total.setText(clock(seconds) if seconds > 0 else "-:--")
        self.seek_bar.set_duration(seconds)

    def set_rate(self, rate: float) -> None:
        index = self.speed.findData(rate)
        if index >= 0:
            self.speed.setCurrentIndex(index)

    def set_volume(self, percent: int) -> None:
        self.volume.blockSignals(True)
        self.volume.setValue(percent)
        self.volume.blockSignals(False)

    def set_muted(self, muted: bool) -> None:
        pixmap = QStyle.StandardPixmap
        icon = pixmap.SP_MediaVolumeMuted if muted else pixmap.SP_MediaVolume
        self.mute_button.setIcon(self.style().standardIcon(icon))
        self.mute_button.setAccessibleName("Unmute" if muted else "Mute")
        self.mute_button.setToolTip(("Unmute" if muted else "Mute") + " (M)")

    def set_captions_on(self, on: bool) -> None:
        self.captions_button.setChecked(on)
        state = "on" if on else "off"
        language = f" ({self._language_name})" if self._language_name else ""
        self.captions_button.setAccessibleDescription(f"Captions are {state}{language}")
        self.captions_button.setToolTip(f"Captions{language} are {state} (C)")

    def set_languages(self, labels: Sequence[str], index: int) -> None:
        self.language.clear()
        self.language.addItems(list(labels))
        self.language.setCurrentIndex(index)
        self.language.setVisible(len(labels) > 1)  # one language: the CC button's tooltip says it
        self.captions_button.setEnabled(bool(labels))
        self._language_name = labels[index] if 0 <= index < len(labels) else ""
        self.set_captions_on(self.captions_button.isChecked())

    def set_full_screen(self, full: bool) -> None:
        pixmap = QStyle.StandardPixmap
        icon = pixmap.SP_TitleBarNormalButton if full else pixmap.SP_TitleBarMaxButton
        self.full_screen_button.setIcon(self.style().standardIcon(icon))
        text = "Leave full screen" if full else "Full screen"
        self.full_screen_button.setAccessibleName(text)
        self.full_screen_button.setToolTip(f"{text} (F; Esc leaves it)")

    def _volume_changed(self, value: int) -> None:
        self.volume.setAccessibleDescription(f"{value} %")
        self.volume_chosen.emit(value)
