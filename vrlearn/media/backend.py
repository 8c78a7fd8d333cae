"""The interface every video player offers the reader: commands in, Qt signals out.

The reader only talks to a `VideoBackend`; which one it gets (libVLC, QtMultimedia, or none that
works) is decided once by `choose.choose_backend()`. Signals are named as past events and are
always delivered on the GUI thread. Nothing plays until `play()` is called: videos never autoplay.

A backend plays one video at a time: `load()` replaces the previous one. `failed` comes after
`play()` (or, with QtMultimedia, as soon as `load()` finds the file unreadable); afterwards the
backend stays usable: `load()` another video. `release()` frees the player for good.

Watched coverage is the reader's: feed `time_changed` to `coverage.WatchedCoverage.observe`
and call its `interrupt()` on `seeked`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

RATES = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)  # the speeds the reader offers
MIN_RATE, MAX_RATE = RATES[0], RATES[-1]


class VideoBackend(QObject):
    """A video player. Subclasses implement the commands; signals are declared here."""

    playing = Signal()  # playback started or resumed
    paused = Signal()
    time_changed = Signal(float)  # the position in seconds, a few times a second while playing
    seeked = Signal(float)  # seek() moved the position here (a jump: not watched, see coverage)
    duration_known = Signal(float)  # seconds; may arrive before or after `playing`
    ended = Signal()  # played to the end (a file that stops early emits `failed` instead)
    failed = Signal(str)  # a plain-words message naming the video; playback has stopped

    name = "none"  # shown in self-test and the About box, e.g. "libVLC 3.0.24"
    draws_captions = False  # True when the player draws captions itself (else the reader does)
    notice = ""  # one line for the reader when this is not the usual player; "" otherwise

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._position = 0.0  # subclasses keep these up to date from their player's events
        self._duration = 0.0

    def video_widget(self, parent: QWidget | None = None) -> QWidget:
        """The widget the video is shown in; the reader places it in its layout."""
        raise NotImplementedError

    def load(self, path: Path, captions: Sequence[Path] = ()) -> None:
        """Open a video (and its caption files, one per language) without playing it."""
        raise NotImplementedError

    def play(self) -> None:
        raise NotImplementedError

    def pause(self) -> None:
        raise NotImplementedError

    def seek(self, seconds: float) -> None:
        raise NotImplementedError

    def set_rate(self, rate: float) -> None:
        """Playback speed, clamped to 0.5–2.0."""
        raise NotImplementedError

    def set_volume(self, percent: int) -> None:
        """Volume from 0 to 100."""
        raise NotImplementedError

    def set_muted(self, muted: bool) -> None:
        raise NotImplementedError

    def set_caption_track(self, index: int | None) -> None:
        """Show the captions loaded at `index` of `load()`'s list, or none."""
        raise NotImplementedError

    def release(self) -> None:
        """Stop and free the player; the backend cannot be used afterwards."""
        raise NotImplementedError

    @property
    def position(self) -> float:
        """The last known position in seconds."""
        return self._position

    @property
    def duration(self) -> float:
        """The video's length in seconds, 0.0 until known."""
        return self._duration


def clamp_rate(rate: float) -> float:
    return min(MAX_RATE, max(MIN_RATE, rate))


def clamp_volume(percent: int) -> int:
    return min(100, max(0, int(percent)))


class NoBackend(VideoBackend):
    """What the reader gets when no player works: says why, and plays nothing.

    `play()` emits `failed(reason)` so the reader can show it where the video would be; the
    transcript still works from the parsed captions.
    """

    def __init__(self, reason: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reason = reason
        self.notice = f"Videos cannot be played on this computer: {reason}"
        self._path: Path | None = None

    def video_widget(self, parent: QWidget | None = None) -> QWidget:
        label = QLabel(self.notice, parent)
        label.setWordWrap(True)
        label.setAccessibleName("Video unavailable")
        return label

    def load(self, path: Path, captions: Sequence[Path] = ()) -> None:
        self._path = path

    def play(self) -> None:
        name = self._path.name if self._path else "The video"
        message = f"{name} cannot be played: {self.reason}"
        QTimer.singleShot(0, self, lambda: self.failed.emit(message))

    def pause(self) -> None:
        pass

    def seek(self, seconds: float) -> None:
        pass

    def set_rate(self, rate: float) -> None:
        pass

    def set_volume(self, percent: int) -> None:
        pass

    def set_muted(self, muted: bool) -> None:
        pass

    def set_caption_track(self, index: int | None) -> None:
        pass

    def release(self) -> None:
        pass
