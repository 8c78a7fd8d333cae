"""How far a learner has got through a module, from the items they have viewed."""

from __future__ import annotations

from dataclasses import dataclass

from vrlearn.modules.model import Module


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


def module_progress(module: Module, viewed: frozenset[str]) -> ModuleProgress:
    """Progress under the module's completion rule; any viewed item counts as started."""
    counted = module.counted_items()
    done = sum(1 for item in counted if item.id in viewed)
    started = any(item.id in viewed for item in module.items)
    return ModuleProgress(done=done, total=len(counted), started=started)
