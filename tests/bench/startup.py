"""Start-up timing: a whole process, from launch until its first window is shown.

The bare PySide6 window (bare_window.py) and VR Learn (`python -m vrlearn`) each print a line once
their window's first paint has run, and then quit; the time from `Popen` to that line is the
start-up time. Both run with this interpreter (the same virtual environment), so both pay the same
interpreter, `site` and PySide6 start-up.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
QUIT_WHEN_SHOWN = "VRLEARN_QUIT_WHEN_SHOWN"


def time_until_line(command: list[str], marker: str, env: dict[str, str]) -> float:
    """Seconds from launching `command` until it prints a line starting with `marker`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith(marker):
            elapsed = time.perf_counter() - started
            process.wait(timeout=30)
            return elapsed
    _, errors = process.communicate(timeout=30)
    raise RuntimeError(f"{command} never printed {marker!r}: {errors[-2000:]}")


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env[QUIT_WHEN_SHOWN] = "1"
    return env


def bare_window(runs: int) -> list[float]:
    command = [sys.executable, str(HERE / "bare_window.py")]
    return [time_until_line(command, "shown", bench_env()) for _ in range(runs)]


def list_window(runs: int, *, set_pen: bool = True) -> list[float]:
    """The reference list window (list_window.py): the floor for a window that paints rows."""
    command = [sys.executable, str(HERE / "list_window.py")]
    if not set_pen:
        command.append("--default-pen")
    return [time_until_line(command, "shown", bench_env()) for _ in range(runs)]


def vrlearn_startup(content: Path, data_dir: Path, runs: int) -> list[float]:
    command = [
        sys.executable, "-m", "vrlearn", "--data-dir", str(data_dir), "--content-dir", str(content),
    ]  # fmt: skip
    return [time_until_line(command, "library-shown", bench_env()) for _ in range(runs)]


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000
