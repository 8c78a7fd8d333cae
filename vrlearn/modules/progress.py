"""How far a learner has got through a module, and what is still missing.

`done` is the set of item ids the learner has finished: pages viewed, quizzes passed and videos
watched far enough (`video_watched` says when a video counts).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from vrlearn.modules.model import Module

if TYPE_CHECKING:
    from vrlearn.modules.contents import Item

_EPSILON = 1e-9


@dataclass(frozen=True)
class ModuleProgress:
    done: int
    total: int
    started: bool

    @property
    def completed(self) -> bool:
        return self.total > 0 and self.done >= self.total

    @property
    def percent(self) -> int:
        return 100 * self.done // self.total if self.total else 0

    @property
    def label(self) -> str:
        if self.completed:
            return "Completed"
        if not self.started:
            return "Not started"
        return f"{self.percent} %"


def module_progress(module: Module, done: frozenset[str]) -> ModuleProgress:
    """Progress under the module's completion rule; any finished item counts as started."""
    counted = module.counted_items()
    finished = sum(1 for item in counted if item.id in done)
    started = any(item.id in done for item in module.items)
    return ModuleProgress(done=finished, total=len(counted), started=started)


def missing_items(module: Module, done: frozenset[str]) -> tuple[Item, ...]:
    """The checklist of what is still needed to complete the module, in reading order."""
    return tuple(item for item in module.counted_items() if item.id not in done)


def video_watched(item: Item, coverage: float | None) -> bool:
    """Whether a video item counts as done: `coverage` (0.0-1.0 of the video watched, None
    when it was never played) reaches the item's `required_coverage`."""
    if item.video is None or coverage is None:
        return False
    return coverage * 100 + _EPSILON >= item.video.required_coverage


def watched_percent(coverage: float | None) -> int:
    """Coverage as a whole percentage, rounded down (so 89.9 % never reads as 90 %)."""
    if coverage is None or coverage <= 0:
        return 0
    return min(100, int(coverage * 100 + _EPSILON))
