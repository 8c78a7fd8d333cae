"""The module checks an import runs on the staged folder: those of `vrlearn validate`.

The manifest must load, every page render safely, every quiz load, and (unless told otherwise)
every video open with libVLC with captions that fit it. Problems are reported with paths
relative to the module folder, as `module.toml:LINE: field: message`.
"""

from __future__ import annotations

from pathlib import Path

from vrlearn.modules.model import Module, Problem
from vrlearn.packages.errors import PackageError


def checked_module(folder: Path, shown_as: str, *, check_videos: bool = True) -> Module:
    """The module in `folder` after every `vrlearn validate` check; PackageError listing every
    problem otherwise. `shown_as` names the package or folder in the sentence."""
    from vrlearn.modules.manifest import load_module
    from vrlearn.modules.model import BrokenModule
    from vrlearn.modules.validate import check_items
    from vrlearn.modules.video_check import VideoChecker

    loaded = load_module(folder)
    if isinstance(loaded, BrokenModule):
        problems = loaded.problems
    elif check_videos:
        with VideoChecker() as videos:
            problems = tuple(check_items(loaded, videos))
    else:
        problems = tuple(check_items(_without_videos(loaded)))
    if problems:
        lines = [_relative(problem, folder) for problem in problems]
        raise PackageError(refusal(shown_as, lines), lines)
    assert isinstance(loaded, Module)
    return loaded


def refusal(shown_as: str, problems: list[str]) -> str:
    """The one sentence for a refusal: the first problem, and how many more there are."""
    more = len(problems) - 1
    extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
    first = problems[0].removeprefix("package: ") if problems else "it is not a valid module"
    return f"{shown_as} cannot be imported: {first}{extra}"


def _relative(problem: Problem, folder: Path) -> str:
    try:
        where = problem.path.relative_to(folder).as_posix()
    except ValueError:
        where = problem.path.name
    return f"{where}:{problem.line}: {problem.field}: {problem.message}"


def _without_videos(module: Module) -> Module:
    from dataclasses import replace

    lessons = tuple(
        replace(lesson, items=tuple(item for item in lesson.items if not item.is_video))
        for lesson in module.lessons
    )
    return replace(module, lessons=lessons)
