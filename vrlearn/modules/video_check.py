"""The deep check of a module's video items for `vrlearn validate`, as `path:line: field` problems.

Each video is opened with libVLC (it must have a picture and a length); each caption file must
parse strictly and its cues must fall within the video (`vrlearn.media.lesson_check`). A video's
problems are reported at the video file (line 1), a caption's at its file and line. One libVLC
instance serves every video checked (`VideoChecker` is a context manager).
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

from vrlearn.modules.contents import Item
from vrlearn.modules.files import UnsafePath, module_file
from vrlearn.modules.model import Module, Problem

if TYPE_CHECKING:
    from vrlearn.media.probe import VideoProber


class VideoChecker:
    """Checks video items; libVLC is started on the first video and released on exit."""

    def __init__(self) -> None:
        self._prober: VideoProber | None = None
        self._unavailable = ""

    def __enter__(self) -> VideoChecker:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._prober is not None:
            self._prober.close()
            self._prober = None

    def problems(self, module: Module, item: Item) -> list[Problem]:
        """Everything wrong with one video item's files (the manifest checks already passed)."""
        from vrlearn.media.lesson_check import check_video_lesson

        if item.video is None:
            return []
        try:
            video = module_file(module.folder, item.file)
            captions = [module_file(module.folder, c.file) for c in item.video.captions]
        except UnsafePath as error:  # the manifest checks refuse these already
            return [Problem(module.folder / item.file, 1, "video", str(error))]
        # Without libVLC, check_video_lesson says the video cannot be checked (and why) and
        # still checks the captions.
        report = check_video_lesson(video, captions, prober=self._start())
        found = [Problem(video, 1, "video", message) for message in report.video]
        found += [Problem(p.path, p.line or 1, "captions", p.message) for p in report.captions]
        return found

    def _start(self) -> VideoProber | None:
        if self._prober is None and not self._unavailable:
            from vrlearn.media.probe import ProbeError, VideoProber

            try:
                self._prober = VideoProber()
            except ProbeError as error:
                self._unavailable = str(error)
        return self._prober
