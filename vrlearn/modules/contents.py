"""What a module contains: lessons of items (pages, videos with captions, quizzes), its authors
and references, and its completion rule.

Kept apart from `model` so that start-up, which builds every module from the library index with
only what the library list shows (`Module.deferred`), never defines these classes: Python 3.11
compiles each generated dataclass method at definition, about 4 M instructions per class. They
are imported when a module's details are first read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ItemType = Literal["page", "video", "quiz"]


# Every dataclass here has a docstring: without one, @dataclass makes one from
# inspect.signature, which doubles the time the class takes to define (at every start-up).


@dataclass(frozen=True)
class Author:
    """Someone who wrote the module, with their role (e.g. "Occupational therapist")."""

    name: str
    role: str = ""


@dataclass(frozen=True)
class Reference:
    """A source the module cites: pages refer to it as `[@id]`."""

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
    """A titled group of items, read in order."""

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
