"""A timer that turns "nothing happened after play()" into a failure.

libVLC's play() succeeds even for a broken file, and the error event sometimes never comes; a
player that neither plays nor fails would leave the learner staring at a black box. After
`arm()`, if `progressed()` is not called within the time limit, `expired` is emitted.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

START_TIMEOUT = 4.0  # seconds from play() to the first sign of the video really playing


class PlaybackWatchdog(QObject):
    """Emits `expired` when armed and not told of progress in time."""

    expired = Signal()

    def __init__(self, seconds: float = START_TIMEOUT, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.seconds = seconds
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.expired)

    def arm(self) -> None:
        self._timer.start(round(self.seconds * 1000))

    def progressed(self) -> None:
        self._timer.stop()

    disarm = progressed

    @property
    def armed(self) -> bool:
        return self._timer.isActive()
