"""What is in a video file, read by libVLC without playing it: for `vrlearn validate`.

`probe_video(path)` parses the file's header with libVLC (local parsing only, with a time limit)
and returns its length, whether it has a picture, and the picture's size. It needs no Qt and no
display. `video_problems(info)` says in plain words what makes a file unusable as a lesson video.

Note: a file cut short after its index (a truncated MP4 with the index at the start) still
probes as fine; only playing it finds the damage (see `frames_check`).
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from vrlearn.media.vlc_loader import VlcUnavailable, start_vlc

PROBE_TIMEOUT = 5.0  # seconds


@dataclass(frozen=True)
class VideoInfo:
    """A video file as libVLC sees it; `duration` in seconds, 0.0 when unknown."""

    duration: float
    has_video: bool
    width: int = 0
    height: int = 0
    has_audio: bool = False


class ProbeError(Exception):
    """The file could not be read as a video at all; the message says why in plain words."""


def video_problems(path: Path, info: VideoInfo) -> list[str]:
    """Plain-words reasons `info` is not usable as a lesson video; empty when it is."""
    problems = []
    if not info.has_video:
        problems.append(f"{path.name} has no picture in it (no video track)")
    if info.duration <= 0:
        problems.append(f"{path.name} does not say how long it is (its length is 0)")
    return problems


def probe_video(path: Path, timeout: float = PROBE_TIMEOUT) -> VideoInfo:
    """Read a video's length and tracks with libVLC; ProbeError if it cannot be read."""
    with VideoProber() as prober:
        return prober.probe(path, timeout)


class VideoProber:
    """One libVLC instance for probing many files (`with VideoProber() as p: p.probe(...)`)."""

    def __init__(self) -> None:
        started = start_vlc(video_output=False)
        if isinstance(started, VlcUnavailable):
            raise ProbeError(f"Videos cannot be checked: {started.reason}")
        self._vlc: ModuleType = started[0]
        self._instance: Any = started[1]

    def __enter__(self) -> VideoProber:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._instance is not None:
            self._instance.release()
            self._instance = None

    def probe(self, path: Path, timeout: float = PROBE_TIMEOUT) -> VideoInfo:
        vlc = self._vlc
        if not path.is_file():
            raise ProbeError(f"{path.name} is missing")
        media = self._instance.media_new_path(str(path))
        parsed = threading.Event()

        def on_parsed(_event: Any) -> None:  # on a libVLC thread: only set the flag
            parsed.set()

        manager = media.event_manager()
        manager.event_attach(vlc.EventType.MediaParsedChanged, on_parsed)
        try:
            media.parse_with_options(vlc.MediaParseFlag.local, round(timeout * 1000))
            finished = parsed.wait(timeout + 1.0)
            status = media.get_parsed_status()
            if not finished or status == vlc.MediaParsedStatus.timeout:
                raise ProbeError(f"{path.name} could not be read within {timeout:g} seconds")
            if status != vlc.MediaParsedStatus.done:
                raise ProbeError(f"{path.name} could not be opened as a video")
            return _info(vlc, media)
        finally:
            manager.event_detach(vlc.EventType.MediaParsedChanged)
            media.release()


def _info(vlc: ModuleType, media: Any) -> VideoInfo:
    tracks = list(media.tracks_get() or ())
    videos = [t for t in tracks if t.type == vlc.TrackType.video]
    width = height = 0
    if videos and videos[0].audio:
        # python-vlc declares libVLC's union {audio, video, subtitle} as three fields, so only
        # the first one ("audio") sits where libVLC put the pointer: read it as a video track.
        picture = ctypes.cast(videos[0].audio, ctypes.POINTER(vlc.VideoTrack)).contents
        width, height = int(picture.width), int(picture.height)
    return VideoInfo(
        duration=max(0, media.get_duration()) / 1000,
        has_video=bool(videos),
        width=width,
        height=height,
        has_audio=any(t.type == vlc.TrackType.audio for t in tracks),
    )
