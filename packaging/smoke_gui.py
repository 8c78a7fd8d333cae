"""The GUI half of the packaged-app smoke test; runs under Xvfb (see smoke_test.py).

`smoke_gui.py EXE DATA_DIR SCREENSHOT`:
0. `self-test --window`: the bundled libVLC must show the sample video, with captions, in a
   window of its own (X11 output, OpenGL, FreeType: the plugins the off-screen test skips);
1. start the packaged app with VRLEARN_QUIT_WHEN_SHOWN: it must print `library-shown` and exit 0;
2. start it again and leave it open; once its "VR Learn" window is on the X screen (xwininfo),
   wait for it to paint, take a screenshot of the whole screen (`import -window root`), close
   the app, and check the picture is not blank.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60.0
PAINT_WAIT = 2.0  # after the window appears: the library paints, the scan finishes
MIN_COLOURS = 20  # a blank or single-colour screen has 1; the library has text, cards, icons


def video_in_a_window(exe: Path, data_dir: Path) -> None:
    result = subprocess.run(
        [str(exe), "--data-dir", str(data_dir), "self-test", "--window", "--json"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    try:
        checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    except (json.JSONDecodeError, KeyError) as error:
        raise SystemExit(
            f"self-test --window printed no report ({error}): {result.stderr}"
        ) from None
    window = checks.get("video_window", {"ok": False, "detail": "the check did not run"})
    if result.returncode != 0 or not window["ok"]:
        failed = [f"{n}: {c['detail']}" for n, c in checks.items() if not c["ok"]]
        raise SystemExit(f"self-test --window failed: {'; '.join(failed) or window['detail']}")
    print(f"video in a window: {window['detail']}")


def quit_when_shown(exe: Path, data_dir: Path) -> None:
    env = {**os.environ, "VRLEARN_QUIT_WHEN_SHOWN": "1"}
    started = time.monotonic()
    result = subprocess.run(
        [str(exe), "--data-dir", str(data_dir), "--no-crash-dialog"],
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
        env=env,
    )
    if result.returncode != 0 or "library-shown" not in result.stdout:
        raise SystemExit(
            f"the app did not reach the library (exit {result.returncode}): "
            f"{result.stdout[-1000:]}{result.stderr[-2000:]}"
        )
    print(f"library shown and quit in {time.monotonic() - started:.1f} s")


def window_on_screen(title: str) -> bool:
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree"], capture_output=True, text=True, timeout=10
    ).stdout
    return f'"{title}"' in tree


def screenshot_library(exe: Path, data_dir: Path, screenshot: Path) -> None:
    app = subprocess.Popen(
        [str(exe), "--data-dir", str(data_dir), "--no-crash-dialog"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not window_on_screen("VR Learn"):
            if app.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the VR Learn window never appeared")
            time.sleep(0.2)
        time.sleep(PAINT_WAIT)
        if app.poll() is not None:
            raise SystemExit(f"the app closed by itself (exit {app.returncode})")
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["import", "-window", "root", str(screenshot)], check=True, timeout=30)
    finally:
        app.terminate()
        _, errors = app.communicate(timeout=30)
    if "Traceback" in errors:
        raise SystemExit(f"the app printed a traceback: {errors[-2000:]}")
    colours = distinct_colours(screenshot)
    if colours < MIN_COLOURS:
        raise SystemExit(f"the screenshot {screenshot} is blank ({colours} colours)")
    print(f"screenshot of the library: {screenshot} ({colours} colours)")


def distinct_colours(png: Path) -> int:
    sys.path.insert(0, str(REPO))
    from PySide6.QtGui import QImage

    from tests.screen_checks import distinct_colours as count

    image = QImage(str(png))
    if image.isNull():
        raise SystemExit(f"cannot read the screenshot {png}")
    return count(image)


def main(argv: list[str]) -> int:
    exe, data_dir, screenshot = (Path(a) for a in argv)
    video_in_a_window(exe, data_dir.with_name("window-test-data"))
    quit_when_shown(exe, data_dir)
    screenshot_library(exe, data_dir, screenshot)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
