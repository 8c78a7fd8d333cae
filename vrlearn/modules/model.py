"""The module model: what a loaded, validated e-learning module looks like to the app.

A `Module` can also be made from the library index with only what the library list shows
(`Module.deferred`); its other fields (lessons, references, …) are read from the index the first
time anything uses them, so start-up does not build thousands of objects for 300 modules.
What a module contains (lessons, items, videos, references, …) is in `contents`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vrlearn.modules.contents import Author, CompletionRule, Item, Lesson, Reference

MANIFEST_NAME = "module.toml"
# The fields of a deferred Module that are filled in on first use (see Module.deferred).
DEFERRED_FIELDS = frozenset(
    {"audience", "language", "licence", "authors", "references", "lessons", "completion"}
)


def _every_page() -> CompletionRule:
    """The default completion rule (every page), made only when a Module is built in full."""
    from vrlearn.modules.contents import CompletionRule

    return CompletionRule()


# Every dataclass here has a docstring: without one, @dataclass makes one from
# inspect.signature, which doubles the time the class takes to define (at every start-up).


@dataclass(frozen=True)
class Module:
    """A module folder whose `module.toml` passed validation."""

    folder: Path
    id: str
    version: str
    title: str
    summary: str
    audience: tuple[str, ...]
    estimated_minutes: int
    language: str
    licence: str
    authors: tuple[Author, ...]
    references: tuple[Reference, ...]
    learning_outcomes: tuple[str, ...]
    lessons: tuple[Lesson, ...]
    completion: CompletionRule = field(default_factory=_every_page)

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item of every lesson, in reading order."""
        return tuple(item for lesson in self.lessons for item in lesson.items)

    @property
    def pages(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.is_page)

    @property
    def quizzes(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.is_quiz)

    @property
    def videos(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.is_video)

    def counted_items(self) -> tuple[Item, ...]:
        """What must be done to complete the module, in reading order: pages under the rule,
        required videos and required quizzes."""
        all_pages = self.completion.pages == "all"
        return tuple(
            item
            for item in self.items
            if (item.is_page and (all_pages or item.required))
            or ((item.is_quiz or item.is_video) and item.required)
        )

    def item_path(self, item: Item) -> Path:
        return self.folder / item.file

    @property
    def counted_total(self) -> int:
        """How many items count towards completion (known without filling in a deferred
        module's details)."""
        known = self.__dict__.get("_counted_total")
        return known if isinstance(known, int) else len(self.counted_items())

    @classmethod
    def deferred(
        cls,
        *,
        folder: Path,
        id: str,
        version: str,
        title: str,
        summary: str,
        estimated_minutes: int,
        learning_outcomes: tuple[str, ...],
        counted_total: int,
        details: Callable[[], Module],
    ) -> Module:
        """A module whose other fields come from `details()` when first used.

        `details` must return the same module in full (same folder, id and so on); it is called
        at most once. The result is an ordinary `Module`: equal to, and hashing like, the module
        loaded in full.
        """
        module = cls.__new__(cls)
        for name, value in (
            ("folder", folder),
            ("id", id),
            ("version", version),
            ("title", title),
            ("summary", summary),
            ("estimated_minutes", estimated_minutes),
            ("learning_outcomes", learning_outcomes),
            ("_counted_total", counted_total),
            ("_details", details),
        ):
            object.__setattr__(module, name, value)
        return module

    if not TYPE_CHECKING:  # mypy would otherwise accept any attribute name on a Module

        def __getattr__(self, name: str) -> Any:
            """Only called for attributes not set yet: the details of a deferred module."""
            details = self.__dict__.get("_details")
            if name not in DEFERRED_FIELDS or details is None:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            full = details()
            for field_name in DEFERRED_FIELDS:
                object.__setattr__(self, field_name, getattr(full, field_name))
            self.__dict__.pop("_details", None)
            return self.__dict__[name]

    def find_item(self, item_id: str) -> Item | None:
        return next((item for item in self.items if item.id == item_id), None)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a module, reported as `path:line: field: message`."""

    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


@dataclass(frozen=True)
class BrokenModule:
    """A module folder that could not be loaded, with every reason why."""

    folder: Path
    problems: tuple[Problem, ...]
    id: str = ""
    title: str = ""

    @property
    def display_title(self) -> str:
        return self.title or self.folder.name

    @property
    def reason(self) -> str:
        first = self.problems[0] if self.problems else None
        if first is None:
            return "unknown problem"
        more = len(self.problems) - 1
        suffix = f" (and {more} more)" if more else ""
        return f"{first.field}: {first.message}{suffix}"
