"""Video progress: where the learner stopped in each video and which stretches they watched.

Kept in the learner's progress file, in the module's record (`layout.MODULES_TABLE`), as
`"videos": {item_id: {"position_s", "watched": [[start_s, end_s], ...], "duration_s",
"updated"}}`, so a video event is written behind like a page view: one write of one learner's
file. Watched stretches only ever grow: what is saved is joined to what was saved before (the
union), so coverage never goes down. Pure Python; the caller (the store) holds the lock.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from .progress import ProgressBook

__all__ = ["VIDEOS_KEY", "VideoBook", "clean_video_state", "covered_fraction"]

VIDEOS_KEY = "videos"
MAX_INTERVALS = 10_000
_DECIMALS = 3

Intervals = list[list[float]]


def clean_video_state(
    position: float, intervals: Iterable[Sequence[float]], duration: float
) -> tuple[float, Intervals, float]:
    """The values as stored (seconds, rounded to milliseconds, intervals joined and sorted);
    ValueError when a number is negative, not finite or not a number, or an interval is not a
    [start, end] pair."""
    position = _seconds(position, "position")
    duration = _seconds(duration, "duration")
    pairs: list[tuple[float, float]] = []
    for pair in intervals:
        if isinstance(pair, str | bytes) or len(pair) != 2:
            raise ValueError(f"A watched interval must be [start, end], not {pair!r}.")
        start, end = _seconds(pair[0], "interval start"), _seconds(pair[1], "interval end")
        if end < start:
            raise ValueError(f"A watched interval ends before it starts: {[start, end]!r}.")
        pairs.append((start, end))
        if len(pairs) > MAX_INTERVALS:
            raise ValueError(f"More than {MAX_INTERVALS} watched intervals.")
    return position, _joined(pairs), duration


def covered_fraction(intervals: Iterable[Sequence[float]], duration: float) -> float:
    """Share (0.0-1.0) of a video of `duration` seconds that the intervals cover."""
    if not math.isfinite(duration) or duration <= 0:
        return 0.0
    covered = sum(
        max(0.0, min(end, duration) - max(start, 0.0))
        for start, end in _joined((float(a), float(b)) for a, b in intervals)
    )
    return min(1.0, covered / duration)


class VideoBook:
    """Reads and records video progress inside the progress book's module records."""

    def __init__(self, progress: ProgressBook) -> None:
        self._progress = progress

    def save(
        self,
        learner_id: str,
        module_id: str,
        item_id: str,
        state: tuple[float, Intervals, float],
        now: str,
    ) -> None:
        """Record a cleaned state (see `clean_video_state`), joined to what was saved before."""
        position, intervals, duration = state
        videos = self._videos(learner_id, module_id)
        before = _entry_of(videos.get(item_id))
        watched = _joined(_pairs(before.get("watched")) + [(a, b) for a, b in intervals])
        if duration <= 0:
            duration = _number(before.get("duration_s"))
        entry = {
            "position_s": position,
            "watched": watched,
            "duration_s": duration,
            "updated": now,
        }
        self._progress.update_module_record(
            learner_id, module_id, {VIDEOS_KEY: {**videos, item_id: entry}}, now
        )

    def state(self, learner_id: str, module_id: str, item_id: str) -> dict[str, Any] | None:
        """{"position", "intervals", "duration", "coverage"} of a video; None if never saved."""
        entry = self._videos(learner_id, module_id).get(item_id)
        return _public(entry) if isinstance(entry, dict) else None

    def states(self, learner_id: str, module_id: str) -> dict[str, dict[str, Any]]:
        """Every video of a module with saved progress, by item id."""
        videos = self._videos(learner_id, module_id)
        return {item: _public(entry) for item, entry in videos.items() if isinstance(entry, dict)}

    def _videos(self, learner_id: str, module_id: str) -> dict[str, Any]:
        record = self._progress.module_record(learner_id, module_id)
        videos = record.get(VIDEOS_KEY) if record is not None else None
        return dict(videos) if isinstance(videos, dict) else {}


def _public(entry: dict[str, Any]) -> dict[str, Any]:
    intervals = [[a, b] for a, b in _pairs(entry.get("watched"))]
    duration = _number(entry.get("duration_s"))
    return {
        "position": _number(entry.get("position_s")),
        "intervals": intervals,
        "duration": duration,
        "coverage": covered_fraction(intervals, duration),
    }


def _entry_of(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _pairs(value: Any) -> list[tuple[float, float]]:
    """The well-formed [start, end] pairs of a stored list; anything else is left out."""
    pairs = []
    for item in value if isinstance(value, list) else ():
        if isinstance(item, list) and len(item) == 2:
            start, end = _number(item[0]), _number(item[1])
            if end > start:
                pairs.append((start, end))
    return pairs


def _number(value: Any) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    return float(value) if ok and value >= 0 else 0.0


def _seconds(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"The video {what} must be a number of seconds, not {value!r}.")
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"The video {what} must be 0 or more seconds, not {value!r}.")
    return round(float(value), _DECIMALS)


def _joined(pairs: Iterable[tuple[float, float]]) -> Intervals:
    """Sorted, with overlapping or touching intervals joined; empty ones dropped."""
    joined: Intervals = []
    for start, end in sorted(pairs):
        if end <= start:
            continue
        if joined and start <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], end)
        else:
            joined.append([start, end])
    return joined


def video_record_problems(where: str, module_id: str, videos: Any) -> list[str]:
    """What is wrong with a module record's stored "videos" entry (for `check()`)."""
    if videos is None:
        return []
    if not isinstance(videos, dict):
        return [f"{where}: the videos of module {module_id!r} are not a mapping."]
    problems = []
    for item_id, entry in videos.items():
        watched = entry.get("watched") if isinstance(entry, dict) else None
        well_formed = (
            isinstance(entry, dict)
            and isinstance(watched, list)
            and len(_pairs(watched)) == len(watched)
            and all(
                _number(entry.get(key)) == entry.get(key) for key in ("position_s", "duration_s")
            )
        )
        if not well_formed:
            problems.append(
                f"{where}: video {item_id!r} of module {module_id!r} has an unreadable position "
                "or watched stretches."
            )
    return problems
