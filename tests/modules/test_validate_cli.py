"""`vrlearn validate` and `vrlearn list` as a user runs them: a real process, real folders."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import CONTENT, REPO, ModuleFactory


def vrlearn(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vrlearn", "--data-dir", str(data_dir), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_validate_reports_every_problem_and_exits_1(
    make_module: ModuleFactory, tmp_path: Path
) -> None:
    good = make_module("good-module")
    bad = make_module("bad-module", pages={"pages/two.md": b"\xff\xfe bad"})
    (bad / "pages" / "one.md").write_text("![](https://example.org/a.png)\n", encoding="utf-8")
    result = vrlearn("validate", str(good), str(bad), data_dir=tmp_path / "data")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert all(line.startswith(str(bad / "pages")) for line in lines)
    assert f"{bad}/pages/two.md:1: page: pages/two.md is not UTF-8 text" in result.stdout
    assert result.stderr == "3 problem(s) in 1 of 2 module folder(s)\n"


def test_validate_good_folder_prints_one_line_summary(
    make_module: ModuleFactory, tmp_path: Path
) -> None:
    result = vrlearn("validate", str(make_module()), data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "OK: 1 module(s), 2 page(s), 0 video(s), 0 quiz(zes), no problems\n"


def test_validate_missing_folder(tmp_path: Path) -> None:
    result = vrlearn("validate", str(tmp_path / "nope"), data_dir=tmp_path / "data")
    assert result.returncode == 1
    assert "nope:1: folder: not a module folder" in result.stderr


def test_bundled_content_is_valid(tmp_path: Path) -> None:
    folders = sorted(p for p in CONTENT.iterdir() if p.is_dir())
    assert len(folders) == 3
    result = vrlearn("validate", *map(str, folders), data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: 3 module(s)")
    assert "3 video(s)" in result.stdout


def test_list_and_version(tmp_path: Path) -> None:
    listed = vrlearn("list", data_dir=tmp_path / "data")
    assert listed.returncode == 0
    ids = sorted(line.split("\t")[0] for line in listed.stdout.splitlines())
    assert ids == ["assessing-work", "vr-essentials", "vr-in-services"]
    version = vrlearn("--version", data_dir=tmp_path / "data")
    assert version.stdout.startswith("VR Learn ")
