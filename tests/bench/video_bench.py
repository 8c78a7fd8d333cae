"""Video timings: click to Playing (the issue's target: median <= 400 ms) and memory while playing.

Plays the real corpus MP4 ten times through the app's libVLC backend, as the reader does: one
backend, `load()` then `play()` for each lesson. "Click to Playing" is from `play()` to the
`playing` signal arriving on the GUI thread; "click to moving" is to the first `time_changed`.
Memory is the process's resident set size (VmRSS) while the video plays, and the increase over
the same process before the player was created. Run alone: `python tests/bench/video_bench.py`.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

VIDEO = REPO / "content" / "vr-essentials" / "videos" / "overview.mp4"  # bundled, always present
PLAYS = 10


def rss_mb() -> float:
    """This process's resident memory in MB (Linux /proc; 0.0 elsewhere)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _wait(app: Any, done: list[bool], timeout: float) -> None:
    end = time.perf_counter() + timeout
    while not done[0] and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def _settle(app: Any, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def measure(video: Path = VIDEO, plays: int = PLAYS) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from vrlearn.media.vlc_backend import VlcBackend
    from vrlearn.media.vlc_loader import VlcUnavailable, load_vlc

    app = QApplication.instance() or QApplication([])
    vlc = load_vlc()
    if isinstance(vlc, VlcUnavailable):
        raise RuntimeError(vlc.reason)
    before = rss_mb()
    backend = VlcBackend.create(vlc, audio_output=False)
    assert isinstance(backend, VlcBackend), backend
    to_playing: list[float] = []
    to_moving: list[float] = []
    playing_rss: list[float] = []
    playing, moving = [False], [False]
    backend.playing.connect(lambda: playing.__setitem__(0, True))
    backend.time_changed.connect(lambda _s: moving.__setitem__(0, True))
    try:
        for _ in range(plays):
            backend.load(video)
            playing[0] = moving[0] = False
            start = time.perf_counter()
            backend.play()
            _wait(app, playing, 5.0)
            to_playing.append((time.perf_counter() - start) * 1000)
            _wait(app, moving, 5.0)
            to_moving.append((time.perf_counter() - start) * 1000)
            _settle(app, 0.5)
            playing_rss.append(rss_mb())
    finally:
        backend.release()
    return {
        "to_playing_ms": to_playing,
        "to_moving_ms": to_moving,
        "rss_before_mb": before,
        "rss_playing_mb": max(playing_rss),
    }


def run() -> list[dict[str, Any]]:
    """Rows in the format of tests/bench/run.py."""
    m = measure()
    median_playing = statistics.median(m["to_playing_ms"])
    median_moving = statistics.median(m["to_moving_ms"])
    return [
        _row(f"video: click to Playing, libVLC (median of {PLAYS})", median_playing, "ms",
             "<= 400 ms", median_playing <= 400),
        _row("video: click to position moving (median)", median_moving, "ms", "report", True),
        _row("video: memory while playing (RSS)", m["rss_playing_mb"], "MB", "report", True),
        _row("video: memory added by the player", m["rss_playing_mb"] - m["rss_before_mb"], "MB",
             "report", True),
    ]  # fmt: skip


def _row(name: str, value: float, unit: str, target: str, ok: bool) -> dict[str, Any]:
    return {"name": name, "value": round(value, 2), "unit": unit, "baseline": None,
            "ratio": None, "target": target, "met": ok}  # fmt: skip


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = measure()
    print({k: [round(x) for x in v] if isinstance(v, list) else round(v, 1)
           for k, v in result.items()})  # fmt: skip
    for row in run():
        print(row)
