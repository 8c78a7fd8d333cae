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
class CaptionSpec:
    """One caption file of a video: its language, the name shown for it, and its file."""

    language: str  # BCP 47 tag, e.g. "en" or "cy-GB"
    label: str  # shown in the caption menu, e.g. "English"
    file: str  # WebVTT (.vtt) or SubRip (.srt), relative to the module folder


@dataclass(frozen=True)
class VideoSpec:
    """What a video item has besides its video file: captions, poster, completion rule."""

    captions: tuple[CaptionSpec, ...]  # at least one: every video has captions
    poster: str = ""  # an image shown before the video plays; "" for none
    required_coverage: int = 90  # per cent of the video that must be watched (0-100)

    @property
    def files(self) -> tuple[str, ...]:
        """The caption files and the poster, relative to the module folder."""
        poster = (self.poster,) if self.poster else ()
        return (*(caption.file for caption in self.captions), *poster)


@dataclass(frozen=True)
class Item:
    """One thing a learner works through inside a lesson: a page, a video or a quiz."""

    type: ItemType
    id: str
    title: str
    file: str
    required: bool = True
    video: VideoSpec | None = None  # set for video items only

    @property
    def is_page(self) -> bool:
        return self.type == "page"

    @property
    def is_quiz(self) -> bool:
        return self.type == "quiz"

    @property
    def is_video(self) -> bool:
        return self.type == "video" and self.video is not None

    @property
    def files(self) -> tuple[str, ...]:
        """Every file the item uses, relative to the module folder (the item's file first)."""
        return (self.file, *(self.video.files if self.video is not None else ()))


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class CompletionRule:
    """Which pages must be viewed for the module to count as completed.

    Required quizzes must also be passed (their pass mark is in the quiz file), and required
    videos watched to their `required_coverage`.
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
