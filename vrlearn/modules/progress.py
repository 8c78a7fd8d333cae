"""How far a learner has got through a module, and what is still missing.

`done` is the set of item ids the learner has finished: pages viewed and quizzes passed.
"""

from __future__ import annotations

from dataclasses import dataclass

from vrlearn.modules.model import Item, Module


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
