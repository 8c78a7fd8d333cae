"""How much of a video was really watched: the union of the stretches actually played.

Fed the positions the player reports while playing (libVLC's TimeChanged, a few times a second):
two successive positions close together mean the stretch between them was played; a jump forward
of more than `max_gap` seconds (times the playback rate) or any jump back is a seek, and nothing
between the two positions counts. Jumping to the end therefore watches nothing, watching a part
twice counts it once, and the end of the video is never counted from an "ended" event alone.

Stored with the learner's progress as a JSON-safe list of [start, end] pairs (`to_json` /
`from_json`); coverage from an earlier session is added with `merge`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

Interval = tuple[float, float]

MAX_GAP = 1.5  # seconds of video between two reports that still count as watching (at 1x)
_DECIMALS = 3


class WatchedCoverage:
    """The intervals of one video that were played, merged, in seconds."""

    def __init__(self, intervals: Iterable[Interval] = (), *, max_gap: float = MAX_GAP) -> None:
        self.max_gap = max_gap
        self._intervals: list[Interval] = []
        self._last: float | None = None  # the previous position of the current run
        for start, end in intervals:
            self._add(start, end)

    def observe(self, position: float, *, rate: float = 1.0) -> None:
        """A position reported while playing at `rate`; counts the stretch since the last one."""
        if not math.isfinite(position) or position < 0:
            return
        last = self._last
        allowed = self.max_gap * max(1.0, rate if math.isfinite(rate) else 1.0)
        if last is not None and 0 <= position - last <= allowed:
            self._add(last, position)
        self._last = position

    def interrupt(self) -> None:
        """The run of positions is broken (a seek, a stop, a new load): start afresh next time."""
        self._last = None

    def finish(self, duration: float) -> None:
        """Played to the end: count the last stretch up to `duration` if it was being watched."""
        last = self._last
        if last is not None and 0 <= duration - last <= self.max_gap:
            self._add(last, duration)
        self._last = None

    @property
    def intervals(self) -> tuple[Interval, ...]:
        return tuple(self._intervals)

    def seconds(self, duration: float | None = None) -> float:
        """Seconds watched, counting only what lies within [0, duration] when one is given."""
        limit = math.inf if duration is None else duration
        return sum(max(0.0, min(end, limit) - start) for start, end in self._intervals)

    def fraction(self, duration: float) -> float:
        """Share of a video of `duration` seconds watched, from 0.0 to 1.0."""
        if not math.isfinite(duration) or duration <= 0:
            return 0.0
        return min(1.0, self.seconds(duration) / duration)

    def merge(self, other: WatchedCoverage | Iterable[Interval]) -> WatchedCoverage:
        """A new coverage holding both; the current run of positions is kept."""
        intervals = other.intervals if isinstance(other, WatchedCoverage) else other
        merged = WatchedCoverage(self._intervals, max_gap=self.max_gap)
        for start, end in intervals:
            merged._add(start, end)
        merged._last = self._last
        return merged

    def to_json(self) -> list[list[float]]:
        """[[start, end], ...] in seconds, rounded to milliseconds, for the learner's record."""
        return [[round(start, _DECIMALS), round(end, _DECIMALS)] for start, end in self._intervals]

    @classmethod
    def from_json(cls, data: Any, *, max_gap: float = MAX_GAP) -> WatchedCoverage:
        """Coverage from `to_json` output; anything malformed in it is left out, never raised."""
        coverage = cls(max_gap=max_gap)
        if isinstance(data, list):
            for item in data:
                if _is_pair(item):
                    coverage._add(float(item[0]), float(item[1]))
        return coverage

    def _add(self, start: float, end: float) -> None:
        if not (math.isfinite(start) and math.isfinite(end)) or end <= start or end <= 0:
            return
        start = max(start, 0.0)
        kept: list[Interval] = []
        for a, b in self._intervals:
            if b < start or a > end:  # apart (touching intervals join)
                kept.append((a, b))
            else:
                start, end = min(a, start), max(b, end)
        kept.append((start, end))
        kept.sort()
        self._intervals = kept

    def __repr__(self) -> str:
        return f"WatchedCoverage({self.to_json()!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WatchedCoverage):
            return NotImplemented
        return self._intervals == other._intervals

    __hash__ = None  # type: ignore[assignment]


def _is_pair(item: Any) -> bool:
    return (
        isinstance(item, list | tuple)
        and len(item) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in item)
    )
