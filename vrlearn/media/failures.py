"""What the reader says when a video cannot be played, in plain words naming the file."""

from __future__ import annotations

from pathlib import Path

from vrlearn.media.clock import clock

EARLY_END_MARGIN = 2.0  # seconds before the end that an "ended" may come and still be the end


def missing(path: Path) -> str:
    return (
        f"The video {path.name} is missing from this module: "
        "ask for the module to be installed again."
    )


def could_not_play(path: Path) -> str:
    return (
        f"The video {path.name} could not be played: the file is damaged, incomplete, "
        "or not a kind of video this app can play."
    )


def did_not_start(path: Path, seconds: float) -> str:
    return (
        f"The video {path.name} could not be played: it did not start within {seconds:g} "
        "seconds. The file may be damaged, or this computer cannot decode it."
    )


def no_picture(path: Path) -> str:
    return f"The video {path.name} could not be played: the file has no picture in it."


def no_video_output(path: Path) -> str:
    return (
        f"The video {path.name} could not be shown: the video player has no working video "
        "output on this computer (on Linux, install vlc-plugin-video-output)."
    )


def stopped_early(path: Path, at: float, duration: float) -> str:
    return (
        f"The video {path.name} stopped at {clock(at)} of {clock(duration)}: "
        "the file is incomplete or damaged."
    )


def ended_early(at: float, duration: float) -> bool:
    """An "ended" well before the known duration: the file stops short of what it claims."""
    return duration > 0 and at < duration - max(EARLY_END_MARGIN, 0.05 * duration)


def end_verdict(
    path: Path,
    *,
    has_picture: bool,
    has_sound: bool,
    progressed: bool,
    position: float,
    duration: float,
) -> str:
    """Why an "ended" is really a failure, or "" when the video did play to its end.

    A player reports "ended" for files it could not play at all (nothing decoded, no position
    ever reported), for sound-only files, and for files cut short: none of those is a lesson
    watched to the end.
    """
    if not has_picture:
        return no_picture(path) if has_sound else could_not_play(path)
    if not progressed and (duration <= 0 or ended_early(position, duration)):
        return could_not_play(path)
    if ended_early(position, duration):
        return stopped_early(path, position, duration)
    return ""
