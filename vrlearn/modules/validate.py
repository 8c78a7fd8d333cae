"""`vrlearn validate`: every problem in the given module folders, with file, line and field.

Besides the manifest checks: every page renders safely, every quiz loads, and every video opens
with libVLC with captions that parse and fit it (`video_check`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from vrlearn.modules.library import load_modules
from vrlearn.modules.model import Module, Problem
from vrlearn.modules.pages import check_page
from vrlearn.modules.video_check import VideoChecker
from vrlearn.quiz.toml_quiz import load_quiz


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
        quizzes = sum(len(module.quizzes) for module in self.modules)
        videos = sum(len(module.videos) for module in self.modules)
        if self.ok:
            counts = (
                f"{len(self.modules)} module(s), {pages} page(s), {videos} video(s), "
                f"{quizzes} quiz(zes)"
            )
            return f"OK: {counts}, no problems"
        broken = self.folders - len(self.modules)
        return f"{len(self.problems)} problem(s) in {broken} of {self.folders} module folder(s)"


def validate_folders(folders: Iterable[Path]) -> ValidationResult:
    """Load every folder and check every page and quiz of each module that loads."""
    folder_list = list(folders)
    library = load_modules(folder_list, resolve_versions=False)
    problems = [problem for broken in library.broken for problem in broken.problems]
    good = []
    with VideoChecker() as videos:
        for module in library.modules:
            found = check_items(module, videos)
            problems.extend(found)
            if not found:
                good.append(module)
    return ValidationResult(tuple(good), tuple(problems), len(folder_list))


def check_items(module: Module, videos: VideoChecker | None = None) -> list[Problem]:
    """The deep checks: every page renders safely, every quiz loads, every video plays."""
    if videos is None and module.videos:
        with VideoChecker() as own:
            return check_items(module, own)
    problems = [problem for page in module.pages for problem in check_page(module, page)]
    for item in module.quizzes:
        loaded = load_quiz(module.item_path(item))
        if isinstance(loaded, list):
            problems.extend(loaded)
    for item in module.videos:
        if videos is not None:
            problems.extend(videos.problems(module, item))
    return problems
