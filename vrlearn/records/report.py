"""The health report of a records store, as shown by `vrlearn records check`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

__all__ = ["StoreReport"]


@dataclass(frozen=True)
class StoreReport:
    """What `RecordsStore.check()` found: sizes, counts, and any problems (empty when healthy)."""

    data_dir: Path
    schema_version: int
    files: tuple[tuple[str, int], ...]  # (file name, byte size)
    learners: int
    modules_started: int
    pages_viewed: int
    problems: tuple[str, ...]  # empty when healthy
    attempts: int = 0  # submitted quiz attempts
    attempts_in_progress: int = 0
    certificates: int = 0

    def with_problems(self, extra: list[str]) -> StoreReport:
        """The same report with more problems listed first."""
        return replace(self, problems=(*extra, *self.problems))

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        """A human-readable summary, one line per entry."""
        out = [
            f"Records folder: {self.data_dir}",
            f"Records version: {self.schema_version}",
            "Files:",
        ]
        width = max((len(name) for name, _ in self.files), default=0)
        out += [f"  {name:<{width}}  {size:>10,} bytes" for name, size in self.files]
        out += [
            f"Learners: {self.learners}",
            f"Modules started: {self.modules_started}",
            f"Pages viewed: {self.pages_viewed}",
            f"Quiz attempts: {self.attempts} submitted, {self.attempts_in_progress} in progress",
            f"Certificates: {self.certificates}",
        ]
        if self.ok:
            out.append("Status: OK - every file reads correctly and the records are consistent.")
        else:
            count = len(self.problems)
            out.append(f"Status: {count} problem{'s' if count != 1 else ''} found:")
            out += [f"  - {problem}" for problem in self.problems]
        return out
