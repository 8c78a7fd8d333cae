"""`vrlearn self-test --window`: the sample video shown in a real window through libVLC."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def self_test_window(
    tmp_path: Path, env: dict[str, str]
) -> tuple[int, dict[str, dict[str, object]]]:
    result = subprocess.run(
        [sys.executable, "-m", "vrlearn", "--data-dir", str(tmp_path / "data"),
         "self-test", "--window", "--json"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    return result.returncode, checks


def test_without_a_display_it_fails_and_says_why(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    code, checks = self_test_window(tmp_path, env)
    assert code == 1
    assert checks["video_window"] == {
        "name": "video_window", "ok": False,
        "detail": "no display to open a window on (DISPLAY)",
    }  # fmt: skip
    assert checks["video_playback"]["ok"]  # the off-screen checks still run and pass


@pytest.mark.display
def test_the_video_reaches_a_window_with_captions(tmp_path: Path) -> None:
    if not os.environ.get("DISPLAY"):
        pytest.skip("needs a display: QT_QPA_PLATFORM=xcb xvfb-run -a pytest -m display")
    code, checks = self_test_window(tmp_path, dict(os.environ))
    window = checks["video_window"]
    assert code == 0 and window["ok"], window
    assert "of 1280x720 shown in a window with captions" in str(window["detail"])
