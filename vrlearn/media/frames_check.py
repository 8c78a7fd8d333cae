"""Play a video for about a second, off screen, and confirm frames were really decoded.

For `vrlearn self-test`: libVLC loading and a player starting prove little on their own (a
missing decoder or video output still "plays"), so this counts what the decoder produced. It
needs no Qt and no display (`--vout=dummy --aout=dummy`); events only set flags, and every libVLC
call is made on the calling thread.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vrlearn.media.vlc_loader import (
    VlcUnavailable,
    load_vlc,
    new_instance,
    vlc_args,
    vlc_version,
)

PLAY_SECONDS = 1.0
TIMEOUT = 6.0  # seconds to wait for the position to reach PLAY_SECONDS


@dataclass(frozen=True)
class FramesReport:
    """What a short test play showed; `ok` when frames were decoded at a real size."""

    ok: bool
    message: str
    decoded_frames: int = 0
    width: int = 0
    height: int = 0
    seconds_played: float = 0.0


def video_self_test(video: Path, seconds: float = PLAY_SECONDS) -> dict[str, object]:
    """The video part of `vrlearn self-test --json`: libVLC's version and a short test play.

    JSON-safe; "ok" is True only when libVLC loads and frames of `video` were decoded.
    """
    vlc = load_vlc()
    version = "" if isinstance(vlc, VlcUnavailable) else vlc_version(vlc)
    report = check_frames_decoded(video, seconds)
    return {
        "ok": report.ok,
        "libvlc_version": version,
        "video": video.name,
        "decoded_frames": report.decoded_frames,
        "size": [report.width, report.height],
        "seconds_played": round(report.seconds_played, 2),
        "message": report.message,
    }


def check_frames_decoded(
    path: Path, seconds: float = PLAY_SECONDS, timeout: float = TIMEOUT
) -> FramesReport:
    """Play `path` for `seconds` (or until `timeout`) and report the frames decoded."""
    vlc = load_vlc()
    if isinstance(vlc, VlcUnavailable):
        return FramesReport(False, vlc.reason)
    if not path.is_file():
        return FramesReport(False, f"{path.name} is missing")
    instance = new_instance(vlc, vlc_args(video_output=False, audio_output=False))
    if isinstance(instance, VlcUnavailable):
        return FramesReport(False, instance.reason)
    try:
        return _play_and_count(vlc, instance, path, seconds, timeout)
    finally:
        instance.release()


def _play_and_count(
    vlc: Any, instance: Any, path: Path, seconds: float, timeout: float
) -> FramesReport:
    player = instance.media_player_new()
    media = instance.media_new_path(str(path))
    player.set_media(media)
    position = [0.0]
    finished = threading.Event()  # reached `seconds`, ended, or failed

    def on_event(event: Any) -> None:  # on a libVLC thread: record and return
        if event.type == vlc.EventType.MediaPlayerTimeChanged:
            position[0] = event.u.new_time / 1000
            if position[0] >= seconds:
                finished.set()
        else:
            finished.set()

    events = player.event_manager()
    watched = (
        vlc.EventType.MediaPlayerTimeChanged,
        vlc.EventType.MediaPlayerEndReached,
        vlc.EventType.MediaPlayerEncounteredError,
    )
    for event_type in watched:
        events.event_attach(event_type, on_event)
    try:
        started = time.monotonic()
        player.play()
        finished.wait(timeout)
        elapsed = time.monotonic() - started
        stats = vlc.MediaStats()
        decoded = int(stats.decoded_video) if media.get_stats(stats) else 0
        try:
            width, height = player.video_get_size(0) or (0, 0)
        except vlc.VLCException:  # no video track
            width = height = 0
    finally:
        for event_type in watched:
            events.event_detach(event_type)
        player.stop()
        player.release()
        media.release()
    return _report(path, decoded, int(width), int(height), position[0], elapsed, seconds)


def _report(
    path: Path, decoded: int, width: int, height: int, played: float, elapsed: float, wanted: float
) -> FramesReport:
    if decoded > 0 and width > 0 and height > 0 and played > 0:
        message = f"{decoded} frames of {width}x{height} decoded in {elapsed:.1f} s"
        return FramesReport(True, message, decoded, width, height, played)
    if decoded == 0:
        message = f"{path.name} could not be played: no video frames were decoded"
    elif played == 0:
        message = f"{path.name} did not start playing"
    else:
        message = f"{path.name} has no picture size ({width}x{height})"
    return FramesReport(False, message, decoded, width, height, played)
