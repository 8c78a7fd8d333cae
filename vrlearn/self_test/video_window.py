"""Self-test check `video_window` (`vrlearn self-test --window`): a video shown on the screen.

The other video checks use libVLC's off-screen outputs, so they prove decoding but not that
pictures reach a window. This one needs a display: libVLC opens its own window there, plays
the sample video with its captions for about a second and counts the pictures its video output
really showed. The packaged-app smoke test runs it under Xvfb with the system VLC hidden, so the
bundled window, OpenGL/X11 output, caption and text-rendering plugins are all exercised.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from vrlearn.self_test.runner import CheckContext, CheckResult

PLAY_SECONDS = 1.0
TIMEOUT = 10.0


def has_screen() -> bool:
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True  # Windows and macOS always have a desktop to open a window on


def check_video_window(_context: CheckContext) -> CheckResult:
    from vrlearn.media.vlc_loader import VlcUnavailable, start_vlc

    if not has_screen():
        return CheckResult("video_window", False, "no display to open a window on (DISPLAY)")
    started = start_vlc(video_output=True)
    if isinstance(started, VlcUnavailable):
        return CheckResult("video_window", False, started.reason)
    vlc, instance = started
    try:
        shown, size, captions = _play_in_window(vlc, instance)
    finally:
        instance.release()
    ok = shown > 0 and size[0] > 0
    detail = (
        f"{shown} pictures of {size[0]}x{size[1]} shown in a window"
        f"{' with captions' if captions else ', captions not turned on'}"
        if ok
        else "no picture reached the window: VLC's video output does not work here"
    )
    return CheckResult("video_window", ok and captions, detail)


def _play_in_window(vlc: Any, instance: Any) -> tuple[int, tuple[int, int], bool]:
    """(pictures shown, picture size, a caption track is on) after about PLAY_SECONDS."""
    from vrlearn.self_test.video_checks import sample_captions, sample_video

    player = instance.media_player_new()
    media = instance.media_new_path(str(sample_video()))
    player.set_media(media)
    player.add_slave(vlc.MediaSlaveType.subtitle, sample_captions().resolve().as_uri(), True)
    stats = vlc.MediaStats()
    shown = 0
    try:
        player.play()
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            time.sleep(0.1)
            shown = int(stats.displayed_pictures) if media.get_stats(stats) else 0
            if shown > 0 and player.get_time() >= PLAY_SECONDS * 1000:
                break
        try:
            size = player.video_get_size(0) or (0, 0)
        except vlc.VLCException:
            size = (0, 0)
        captions = player.video_get_spu() not in (-1, 0)
    finally:
        player.stop()
        player.release()
        media.release()
    return shown, (int(size[0]), int(size[1])), captions
