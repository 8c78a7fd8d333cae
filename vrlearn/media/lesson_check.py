"""Checks of one video lesson's files, for `vrlearn validate`.

The video must open with libVLC and have a picture and a length; every caption file must parse,
and its cues must fall within the video. Problems come back as plain-words lines naming the
file (and the line of a caption file), ready to print.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from vrlearn.media.captions import CaptionError, check_captions
from vrlearn.media.probe import PROBE_TIMEOUT, ProbeError, VideoProber, video_problems


def video_lesson_problems(
    video: Path,
    captions: Sequence[Path] = (),
    *,
    prober: VideoProber | None = None,
    timeout: float = PROBE_TIMEOUT,
) -> list[str]:
    """Everything wrong with a video and its caption files; empty when the lesson is fine.

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
    for caption in captions:
        try:
            check_captions(caption, duration)
        except CaptionError as error:
            problems += [str(problem) for problem in error.problems]
    return problems
