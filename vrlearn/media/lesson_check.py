"""Checks of one video lesson's files, for `vrlearn validate`.

The video must open with libVLC and have a picture and a length; every caption file must parse,
and its cues must fall within the video. `check_video_lesson` keeps each caption problem's file
and line (for `path:line: field: message` reports); `video_lesson_problems` gives the same as
plain-words lines naming the file (and the line of a caption file), ready to print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from vrlearn.media.captions import CaptionError, CaptionProblem, check_captions
from vrlearn.media.probe import PROBE_TIMEOUT, ProbeError, VideoProber, video_problems


@dataclass(frozen=True)
class LessonReport:
    """What is wrong with a video lesson: the video's problems, then the captions' problems."""

    video: tuple[str, ...]
    captions: tuple[CaptionProblem, ...]
    duration: float | None = None  # the video's length in seconds, when it could be read

    @property
    def ok(self) -> bool:
        return not self.video and not self.captions

    def lines(self) -> list[str]:
        return [*self.video, *(str(problem) for problem in self.captions)]


def check_video_lesson(
    video: Path,
    captions: Sequence[Path] = (),
    *,
    prober: VideoProber | None = None,
    timeout: float = PROBE_TIMEOUT,
) -> LessonReport:
    """Everything wrong with a video and its caption files.

    Pass one `prober` when checking many lessons, so libVLC starts once. Without libVLC the
    video is reported as not checkable and the captions are still checked.
    """
    problems: list[str] = []
    duration: float | None = None
    try:
        if prober is None:
            with VideoProber() as own:
                info = own.probe(video, timeout)
        else:
            info = prober.probe(video, timeout)
    except ProbeError as error:
        problems.append(str(error))
    else:
        problems += video_problems(video, info)
        duration = info.duration if info.duration > 0 else None
    caption_problems: list[CaptionProblem] = []
    for caption in captions:
        try:
            check_captions(caption, duration)
        except CaptionError as error:
            caption_problems += error.problems
    return LessonReport(tuple(problems), tuple(caption_problems), duration)


def video_lesson_problems(
    video: Path,
    captions: Sequence[Path] = (),
    *,
    prober: VideoProber | None = None,
    timeout: float = PROBE_TIMEOUT,
) -> list[str]:
    """Everything wrong with a video and its caption files as lines; empty when it is fine."""
    return check_video_lesson(video, captions, prober=prober, timeout=timeout).lines()
