"""The module model: what a loaded, validated e-learning module looks like to the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

ItemType = Literal["page", "video", "quiz"]
MANIFEST_NAME = "module.toml"


@dataclass(frozen=True)
class Author:
    name: str
    role: str = ""


@dataclass(frozen=True)
class Reference:
    id: str
    citation: str
    url: str = ""


@dataclass(frozen=True)
class Item:
    """One thing a learner works through inside a lesson: a page or a quiz."""

    type: ItemType
    id: str
    title: str
    file: str
    required: bool = True

    @property
    def is_page(self) -> bool:
        return self.type == "page"

    @property
    def is_quiz(self) -> bool:
        return self.type == "quiz"


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class CompletionRule:
    """Which pages must be viewed for the module to count as completed.

    Required quizzes must also be passed (their pass mark is in the quiz file).
    """

    pages: Literal["all", "required"] = "all"


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
    completion: CompletionRule = field(default_factory=CompletionRule)

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

    def counted_items(self) -> tuple[Item, ...]:
        """What must be done to complete the module: pages under the rule, required quizzes."""
        pages = self.pages
        if self.completion.pages == "required":
            pages = tuple(item for item in pages if item.required)
        return pages + tuple(item for item in self.quizzes if item.required)

    def item_path(self, item: Item) -> Path:
        return self.folder / item.file

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
