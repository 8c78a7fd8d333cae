"""One video item as the video view needs it: its files inside the module, its captions, and
what to say when it cannot be played.

Files are looked up through `modules.files.module_file` (nothing outside the module is ever
opened). Caption files are read when first needed (`media.captions.read_cues`: lenient, a broken
cue is skipped); a file that cannot be read at all gives its reason instead of cues.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vrlearn.media.captions import CaptionError, Cue, read_cues
from vrlearn.modules.contents import CaptionSpec, Item
from vrlearn.modules.files import UnsafePath, module_file
from vrlearn.modules.model import Module


@dataclass
class VideoLesson:
    """A video item of a module, with its files resolved; `problem` says why it cannot play."""

    module: Module
    item: Item
    video: Path
    captions: tuple[Path, ...]
    poster: Path | None
    problem: str = ""
    _cues: dict[int, tuple[Cue, ...] | str] = field(default_factory=dict)

    @classmethod
    def of(cls, module: Module, item: Item) -> VideoLesson:
        specs = item.video.captions if item.video is not None else ()
        poster_file = item.video.poster if item.video is not None else ""
        try:
            video = module_file(module.folder, item.file)
            captions = tuple(module_file(module.folder, spec.file) for spec in specs)
            poster = module_file(module.folder, poster_file) if poster_file else None
        except UnsafePath as error:
            problem = f"The video {item.file} cannot be opened: its file name {error}."
            return cls(module, item, module.folder / "missing", (), None, problem)
        return cls(module, item, video, captions, poster)

    @property
    def caption_specs(self) -> tuple[CaptionSpec, ...]:
        return self.item.video.captions if self.item.video is not None else ()

    @property
    def languages(self) -> list[str]:
        """The caption files' labels, e.g. ["English", "Cymraeg"]."""
        return [spec.label for spec in self.caption_specs]

    def preferred_language(self, wanted: str) -> int:
        """The caption file to start with: language `wanted`, else the module's, else the first."""
        tags = [spec.language.lower() for spec in self.caption_specs]
        for tag in (wanted.lower(), self.module.language.lower()):
            for candidate in (tag, tag.split("-")[0]):
                for index, have in enumerate(tags):
                    if candidate and (have == candidate or have.split("-")[0] == candidate):
                        return index
        return 0

    @property
    def transcript_title(self) -> str:
        return f"{self.module.title}: {self.item.title} (transcript)"

    def transcript_file_name(self, index: int) -> str:
        """E.g. "vr-essentials-overview-video-transcript.en.txt"."""
        specs = self.caption_specs
        language = specs[index].language if 0 <= index < len(specs) else "text"
        return f"{self.module.id}-{self.item.id}-transcript.{language}.txt"

    def cues(self, index: int) -> tuple[Cue, ...] | str:
        """The cues of caption file `index`, or why they cannot be read."""
        if index not in self._cues:
            if not 0 <= index < len(self.captions):
                self._cues[index] = "this video has no caption file"
            else:
                try:
                    self._cues[index] = read_cues(self.captions[index])
                except CaptionError as error:
                    self._cues[index] = str(error)
        return self._cues[index]


def unavailable_text(reason: str) -> str:
    """Shown in place of a video that cannot be played at all."""
    return (
        f"⚠ {reason}\n\nEverything said in the video is in the transcript beside it. "
        "You can carry on with the rest of the module."
    )


def failed_text(message: str) -> str:
    """Shown in place of a video that failed to play (the player's message)."""
    return (
        f"⚠ {message}\n\nWhat is said in the video is in the transcript beside it. "
        "You can carry on with the rest of the module."
    )
