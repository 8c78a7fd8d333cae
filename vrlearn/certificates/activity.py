"""What goes on a certificate from the learner's records: measured active time and the score.

**Active learning time (measured)** is an estimate from the moments the records hold for the
module, not a stopwatch. The moments are: each page's first and last view, each video's last
save, and the start and submission of each quiz attempt. Sorted in time, the gap between each
moment and the next is counted, but never more than 10 minutes (`GAP_CAP_S`), so a break, a
night or a week between two moments counts as at most 10 minutes. The sum is rounded to whole
minutes. It therefore never counts idle days, and it under-counts a long read of one page or a
long video watched without another recorded moment. The method's name goes into the record
(`METHOD`) so a reader of the certificate can look up what the number means.

**Score** is the best passing percentage of each quiz in the module (correct answers x 100 /
questions, rounded down, as the quiz shows it), and for a module with several quizzes their
mean, rounded down. None when no quiz has been passed (a module without a quiz).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

__all__ = [
    "GAP_CAP_S",
    "METHOD",
    "active_minutes",
    "active_seconds",
    "best_score",
    "recorded_moments",
]

GAP_CAP_S = 600
METHOD = "event-gaps-capped-10min"


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None else None


def recorded_moments(
    progress: Mapping[str, Any] | None, attempts: Iterable[Mapping[str, Any]]
) -> list[datetime]:
    """Every time stamp the records hold for one module (see the module docstring), sorted."""
    values: list[Any] = []
    if progress is not None:
        viewed = progress.get("viewed")
        for times in viewed.values() if isinstance(viewed, Mapping) else ():
            if isinstance(times, Mapping):
                values += [times.get("first_viewed"), times.get("last_viewed")]
        videos = progress.get("videos")
        for state in videos.values() if isinstance(videos, Mapping) else ():
            if isinstance(state, Mapping):
                values.append(state.get("updated"))
    for attempt in attempts:
        values += [attempt.get("started"), attempt.get("submitted")]
    moments = [m for m in (_moment(v) for v in values) if m is not None]
    return sorted(moments)


def active_seconds(moments: Sequence[datetime], cap_s: int = GAP_CAP_S) -> int:
    """The sum of the gaps between consecutive moments, each counted up to `cap_s` seconds."""
    total = 0.0
    for earlier, later in zip(moments, moments[1:], strict=False):
        total += min(max((later - earlier).total_seconds(), 0.0), cap_s)
    return int(total)


def active_minutes(
    progress: Mapping[str, Any] | None, attempts: Iterable[Mapping[str, Any]]
) -> int:
    """Measured active learning time in whole minutes (rounded to the nearest minute)."""
    seconds = active_seconds(recorded_moments(progress, attempts))
    return (seconds + 30) // 60


def best_score(attempts_by_quiz: Mapping[str, Sequence[Mapping[str, Any]]]) -> int | None:
    """The certificate's score from each quiz's submitted attempts (see the module docstring)."""
    bests: list[int] = []
    for attempts in attempts_by_quiz.values():
        passing = [_percent(a) for a in attempts if a.get("passed") is True]
        known = [p for p in passing if p is not None]
        if known:
            bests.append(max(known))
    if not bests:
        return None
    return sum(bests) // len(bests)


def _percent(attempt: Mapping[str, Any]) -> int | None:
    correct, total = attempt.get("correct"), attempt.get("total")
    if isinstance(correct, int) and isinstance(total, int) and total > 0:
        return max(0, min(100, correct * 100 // total))
    score = attempt.get("score_percent")
    if isinstance(score, int | float) and not isinstance(score, bool):
        return max(0, min(100, int(score)))
    return None
