"""A pretend video player for tests of the reader: no libVLC, no decoding, same signals.

`play()` advances the position on a QTimer (`tick_ms` of real time moves `tick_ms * rate` of
video), so the reader's seek bar, transcript highlighting and watched coverage can be tested
quickly and deterministically. `fail_with(message)` makes the next `play()` fail. Every command
is recorded in `calls` as (name, argument).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from vrlearn.media.backend import VideoBackend, clamp_rate, clamp_volume


class FakeBackend(VideoBackend):
    """Plays an imaginary video of `duration` seconds."""

    name = "fake player"
    draws_captions = False

    def __init__(
        self, duration: float = 10.0, *, tick_ms: int = 20, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.calls: list[tuple[str, object]] = []
        self.volume = 100
        self.muted = False
        self.rate = 1.0
        self.caption_track: int | None = None
        self._length = duration
        self._duration = 0.0
        self._position = 0.0
        self._failure = ""
        self._loaded: Path | None = None
        self.released = False
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._tick)

    def fail_with(self, message: str) -> None:
        """The next play() fails with `message` instead of playing."""
        self._failure = message

    def video_widget(self, parent: QWidget | None = None) -> QWidget:
        widget = QWidget(parent)
        widget.setAccessibleName("Video")
        return widget

    def load(self, path: Path, captions: Sequence[Path] = ()) -> None:
        if self.released:  # as libVLC's player: released means gone
            raise RuntimeError("the video player has been released")
        self.calls.append(("load", Path(path)))
        self._timer.stop()
        self._loaded = Path(path)
        self._position = 0.0
        self._duration = 0.0

    def play(self) -> None:
        self.calls.append(("play", None))
        if self._loaded is None:
            return
        if self._failure:
            message, self._failure = self._failure, ""
            QTimer.singleShot(0, self, lambda: self.failed.emit(message))
            return
        if self._duration == 0.0:
            self._duration = self._length
            self.duration_known.emit(self._length)
        if self._position >= self._length:
            self._position = 0.0
        self._timer.start()
        self.playing.emit()

    def pause(self) -> None:
        self.calls.append(("pause", None))
        if self._timer.isActive():
            self._timer.stop()
            self.paused.emit()

    def seek(self, seconds: float) -> None:
        self.calls.append(("seek", seconds))
        self._position = max(0.0, min(seconds, self._length))
        self.seeked.emit(self._position)

    def set_rate(self, rate: float) -> None:
        self.calls.append(("set_rate", rate))
        self.rate = clamp_rate(rate)

    def set_volume(self, percent: int) -> None:
        self.calls.append(("set_volume", percent))
        self.volume = clamp_volume(percent)

    def set_muted(self, muted: bool) -> None:
        self.calls.append(("set_muted", muted))
        self.muted = muted

    def set_caption_track(self, index: int | None) -> None:
        self.calls.append(("set_caption_track", index))
        self.caption_track = index

    def release(self) -> None:
        self.released = True
        self.calls.append(("release", None))
        self._timer.stop()

    def _tick(self) -> None:
        self._position = min(
            self._length, self._position + self._timer.interval() / 1000 * self.rate
        )
        self.time_changed.emit(self._position)
        if self._position >= self._length:
            self._timer.stop()
            self.ended.emit()
