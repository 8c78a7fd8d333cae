"""How much of the video on screen the learner has really watched, and saving it with their
progress.

Watched coverage is the union of the stretches actually played (`media.coverage`): positions
reported while playing are observed, a seek interrupts the run, so jumping ahead never counts.
What was saved before is the starting point, so coverage only grows. The position and coverage
are saved every `SAVE_INTERVAL_MS` while playing and whenever `save()` is called (on pause, at
the end, on leaving the video), through `LearnerSession.record_video_state`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from vrlearn.media.coverage import WatchedCoverage
from vrlearn.modules.contents import Item
from vrlearn.modules.progress import video_watched, watched_percent
from vrlearn.ui.learner_session import LearnerSession

SAVE_INTERVAL_MS = 5000


class WatchedProgress(QObject):
    """The coverage of one video at a time; `changed` when what `summary()` says may change."""

    changed = Signal()

    def __init__(
        self, session: LearnerSession, position: Callable[[], float], parent: QObject | None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._position = position
        self._module_id = ""
        self._item: Item | None = None
        self.coverage = WatchedCoverage()
        self.duration = 0.0
        self.saved_position = 0.0
        self._dirty = False
        self._shown_percent = -1
        self._timer = QTimer(self)
        self._timer.setInterval(SAVE_INTERVAL_MS)
        self._timer.timeout.connect(self.save)

    def start(self, module_id: str, item: Item, state: dict[str, Any] | None) -> None:
        """Follow a new video, from what was saved for it (`LearnerSession.video_state`)."""
        self._timer.stop()
        self._module_id, self._item = module_id, item
        state = state or {}
        self.coverage = WatchedCoverage.from_json(state.get("intervals"))
        self.duration = float(state.get("duration") or 0.0)
        self.saved_position = float(state.get("position") or 0.0)
        self._dirty = False
        self._shown_percent = -1
        self.changed.emit()

    def observe(self, position: float, rate: float) -> None:
        self.coverage.observe(position, rate=rate)
        self._dirty = True
        if watched_percent(self.fraction) != self._shown_percent:
            self.changed.emit()

    def interrupt(self) -> None:
        self.coverage.interrupt()
        self._dirty = True

    def finish(self) -> None:
        """Played to the end: the last stretch up to the end counts."""
        if self.duration > 0:
            self.coverage.finish(self.duration)
        self._dirty = True
        self.changed.emit()

    def set_duration(self, seconds: float) -> None:
        if seconds > 0 and seconds != self.duration:
            self.duration = seconds
            self.changed.emit()

    def playing(self, playing: bool) -> None:
        """Save periodically while playing."""
        if playing:
            self._timer.start()
        else:
            self._timer.stop()

    def save(self) -> None:
        """Save the position and coverage if anything changed since the last save."""
        if self._item is None or not self._dirty:
            return
        self._dirty = False
        self.saved_position = self._position()
        intervals = self.coverage.to_json()
        self._session.record_video_state(
            self._module_id, self._item.id, self.saved_position, intervals, self.duration
        )

    @property
    def fraction(self) -> float:
        return self.coverage.fraction(self.duration)

    @property
    def done(self) -> bool:
        return self._item is not None and video_watched(self._item, self.fraction)

    def summary(self) -> str:
        """E.g. "Watched 45 % · 90 % needed"; marks enough with ✓ and says when it is optional."""
        item = self._item
        if item is None or item.video is None:
            return ""
        percent = watched_percent(self.fraction) if self.duration > 0 else 0
        self._shown_percent = percent
        watched = f"Watched {percent} %" if percent else "Not watched yet"
        if not item.required:
            return f"{watched} · optional"
        needed = item.video.required_coverage
        if self.done:
            return f"{watched} ✓ · {needed} % needed to complete this lesson"
        return f"{watched} · {needed} % needed"
