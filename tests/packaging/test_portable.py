"""Portable mode: `portable.txt` beside the packaged executable keeps all data beside it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from vrlearn.paths import (
    DATA_DIR_ENV,
    PORTABLE_MARKER,
    AppPaths,
    default_data_dir,
    portable_data_dir,
)


def fake_app(root: Path, executable: str = "vrlearn") -> Path:
    """A packaged app's folder on a USB stick: the executable and its _internal folder."""
    exe = root / executable
    exe.parent.mkdir(parents=True, exist_ok=True)
    exe.write_bytes(b"\x7fELF")
    (exe.parent / "_internal").mkdir(exist_ok=True)
    return exe


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Pretend to be the packaged app at tmp_path/usb/VRLearn/vrlearn (no data env set)."""
    exe = fake_app(tmp_path / "usb" / "VRLearn")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    return exe


def test_the_marker_puts_the_data_beside_the_executable(frozen: Path) -> None:
    (frozen.parent / PORTABLE_MARKER).write_text("VR Learn keeps its data in data/\n")
    assert default_data_dir() == frozen.parent / "data"
    paths = AppPaths.create()
    assert paths.records_dir == (frozen.parent / "data" / "records").resolve()
    assert paths.log_dir == (frozen.parent / "data" / "logs").resolve()


def test_without_the_marker_the_user_data_folder_is_used(frozen: Path) -> None:
    data = default_data_dir()
    assert not data.is_relative_to(frozen.parent)
    assert data.name == "VRLearn"


def test_data_dir_option_and_environment_still_win(
    frozen: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (frozen.parent / PORTABLE_MARKER).write_text("")
    assert AppPaths.create(tmp_path / "chosen").data_dir == (tmp_path / "chosen").resolve()
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert default_data_dir() == tmp_path / "from-env"


def test_running_from_source_ignores_a_marker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = fake_app(tmp_path / "venv" / "bin", "python")
    (exe.parent / PORTABLE_MARKER).write_text("")
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    assert not default_data_dir().is_relative_to(tmp_path)


def test_a_folder_named_like_the_marker_is_not_a_marker(tmp_path: Path) -> None:
    exe = fake_app(tmp_path / "VRLearn")
    (exe.parent / PORTABLE_MARKER).mkdir()
    assert portable_data_dir(exe) is None


def test_macos_looks_beside_the_app_bundle(tmp_path: Path) -> None:
    exe = fake_app(tmp_path / "stick" / "VR Learn.app" / "Contents" / "MacOS")
    assert portable_data_dir(exe) is None
    (tmp_path / "stick" / PORTABLE_MARKER).write_text("")
    assert portable_data_dir(exe) == (tmp_path / "stick" / "data").resolve()
