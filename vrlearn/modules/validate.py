"""`vrlearn validate`: every problem in the given module folders, with file, line and field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from vrlearn.modules.library import load_modules
from vrlearn.modules.model import Module, Problem
from vrlearn.modules.pages import check_page


@dataclass(frozen=True)
class ValidationResult:
    modules: tuple[Module, ...]
    problems: tuple[Problem, ...]
    folders: int

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        pages = sum(len(module.pages) for module in self.modules)
        if self.ok:
            return f"OK: {len(self.modules)} module(s), {pages} page(s), no problems"
        broken = self.folders - len(self.modules)
        return f"{len(self.problems)} problem(s) in {broken} of {self.folders} module folder(s)"


def validate_folders(folders: Iterable[Path]) -> ValidationResult:
    """Load every folder and check every page of each module that loads."""
    folder_list = list(folders)
    library = load_modules(folder_list)
    problems = [problem for broken in library.broken for problem in broken.problems]
    good = []
    for module in library.modules:
        page_problems = [problem for page in module.pages for problem in check_page(module, page)]
        problems.extend(page_problems)
        if not page_problems:
            good.append(module)
    return ValidationResult(tuple(good), tuple(problems), len(folder_list))
