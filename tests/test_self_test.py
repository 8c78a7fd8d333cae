"""`vrlearn self-test --json` as IT support and the packaged-app smoke test run it: a real
process, no display, every check present, exit 0 only when every check passes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import REPO

# The checks of the video issue; later features add theirs after these.
CHECK_NAMES = ["app", "qt", "data_folder", "records", "video_backend", "video_playback", "captions"]


def self_test(tmp_path: Path, **env: str) -> tuple[int, dict[str, Any]]:
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    environment.update(env)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "vrlearn",
            "--data-dir",
            str(tmp_path / "data"),
            "self-test",
            "--json",
        ],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, json.loads(result.stdout)


def test_every_check_passes_without_a_display(tmp_path: Path) -> None:
    code, report = self_test(tmp_path)
    checks = {check["name"]: check for check in report["checks"]}
    assert list(checks)[: len(CHECK_NAMES)] == CHECK_NAMES
    assert report["ok"] is True and code == 0, report
    assert all(set(check) == {"name", "ok", "detail"} for check in report["checks"])
    assert checks["qt"]["detail"].startswith("Qt 6.") and "offscreen" in checks["qt"]["detail"]
    assert checks["video_backend"]["detail"].startswith("videos play through libVLC 3.")
    assert "frames of 1280x720 decoded" in checks["video_playback"]["detail"]
    assert checks["captions"]["detail"].startswith("overview.en.vtt: ")
    assert (tmp_path / "data").is_dir()


def test_without_libvlc_it_fails_and_says_why(tmp_path: Path) -> None:
    code, report = self_test(tmp_path, PYTHON_VLC_LIB_PATH="/nonexistent")
    checks = {check["name"]: check for check in report["checks"]}
    assert code == 1 and report["ok"] is False
    assert not checks["video_backend"]["ok"] and not checks["video_playback"]["ok"]
    assert "PYTHON_VLC_LIB_PATH" in checks["video_backend"]["detail"]
    assert "PYTHON_VLC_LIB_PATH" in checks["video_playback"]["detail"]
    assert checks["records"]["ok"] and checks["captions"]["ok"]  # the rest is still checked


def test_keep_leaves_the_checks_files(tmp_path: Path) -> None:
    keep = tmp_path / "kept"
    result = subprocess.run(
        [sys.executable, "-m", "vrlearn", "--data-dir", str(tmp_path / "data"), "self-test",
         "--keep", str(keep)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.splitlines()[-1]
    assert last.endswith("checks passed: all checks passed"), result.stdout
    count = len(result.stdout.splitlines()) - 1
    assert last.startswith(f"{count} of {count} ")
    assert any(keep.glob("records-*/learners.json"))
