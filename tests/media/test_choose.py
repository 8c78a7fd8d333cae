"""Choosing the player: libVLC when it works, else QtMultimedia with a notice, else a NoBackend
that says why. The failures of libVLC are real ones, made in child processes."""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

import pytest
from pytestqt.qtbot import QtBot

from tests.media.test_vlc_loader import HIDE_LIBVLC, libvlc_away_from_its_plugins, run_child
from vrlearn.media import vlc_surface
from vrlearn.media.backend import NoBackend
from vrlearn.media.choose import BACKEND_ENV, choose_backend

REPORT_CHOICE = """
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from vrlearn.media.choose import choose_backend
choice = choose_backend(audio_output=False)
print(json.dumps({"backend": type(choice.backend).__name__, "notice": choice.notice,
                  "vlc_imported": "vlc" in sys.modules}))
"""
BLOCK_QT_MULTIMEDIA = """
import sys
sys.modules["PySide6.QtMultimedia"] = None
sys.modules["PySide6.QtMultimediaWidgets"] = None
"""


def qt_multimedia_installed() -> bool:
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError:
        return False
    return True


# In CI the tests run regardless, and fail without QtMultimedia (the fallback must be tested there).
needs_qt_multimedia = pytest.mark.skipif(
    not qt_multimedia_installed() and not os.environ.get("CI"),
    reason="PySide6-Addons (QtMultimedia) is not installed",
)


def test_libvlc_is_chosen_when_it_works(qtbot: QtBot) -> None:
    choice = choose_backend(audio_output=False)
    try:
        assert type(choice.backend).__name__ == "VlcBackend"
        assert choice.notice == ""
    finally:
        choice.backend.release()


@needs_qt_multimedia
def test_a_bad_library_path_falls_back_to_qt_multimedia_with_a_notice() -> None:
    report = run_child(REPORT_CHOICE, PYTHON_VLC_LIB_PATH="/nonexistent/libvlc.so.5")
    assert report["backend"] == "QtBackend"
    assert report["notice"].startswith("Videos play through Qt Multimedia 6.")
    assert "because libVLC could not be loaded: PYTHON_VLC_LIB_PATH" in report["notice"]


@needs_qt_multimedia
def test_libvlc_without_plugins_falls_back_to_qt_multimedia(
    vlc: ModuleType, tmp_path: Path
) -> None:
    report = run_child(REPORT_CHOICE, **libvlc_away_from_its_plugins(tmp_path))
    assert report["backend"] == "QtBackend"
    assert "its plugins are missing" in report["notice"]


def test_nothing_to_play_with_gives_a_no_backend_that_says_why() -> None:
    report = run_child(HIDE_LIBVLC + BLOCK_QT_MULTIMEDIA + REPORT_CHOICE)
    assert report["backend"] == "NoBackend"
    assert report["notice"] == (
        "Videos cannot be played on this computer: libVLC (the VLC media player library) is "
        "not installed; Qt Multimedia is not installed (PySide6-Addons)"
    )


def test_choosing_imports_no_player_it_does_not_use() -> None:
    report = run_child(BLOCK_QT_MULTIMEDIA + REPORT_CHOICE)
    assert report["backend"] == "VlcBackend"


@needs_qt_multimedia
def test_it_support_can_force_the_fallback(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    monkeypatch.setenv(BACKEND_ENV, "qt")
    choice = choose_backend(audio_output=False)
    assert type(choice.backend).__name__ == "QtBackend"
    assert choice.notice.endswith(f"because {BACKEND_ENV} asks for it.")
    choice.backend.release()


def test_it_support_can_turn_video_off(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    monkeypatch.setenv(BACKEND_ENV, "none")
    choice = choose_backend()
    assert isinstance(choice.backend, NoBackend)
    assert f"{BACKEND_ENV}=none" in choice.notice


@needs_qt_multimedia
def test_under_wayland_libvlc_is_not_used(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    class Wayland:
        @staticmethod
        def platformName() -> str:  # noqa: N802 (Qt's name)
            return "wayland"

    monkeypatch.setattr(vlc_surface, "QGuiApplication", Wayland)
    choice = choose_backend(audio_output=False)
    assert type(choice.backend).__name__ == "QtBackend"
    assert "start the app with QT_QPA_PLATFORM=xcb" in choice.notice
    choice.backend.release()


def test_no_backend_fails_on_play_and_shows_why_where_the_video_would_be(
    qtbot: QtBot, tmp_path: Path
) -> None:
    backend = NoBackend("libVLC is not installed")
    backend.load(tmp_path / "lesson.mp4")
    with qtbot.waitSignal(backend.failed, timeout=1000) as failed:
        backend.play()
    assert failed.args == ["lesson.mp4 cannot be played: libVLC is not installed"]
    widget = backend.video_widget()
    qtbot.addWidget(widget)
    assert widget.accessibleName() == "Video unavailable"
    assert "libVLC is not installed" in widget.text()  # type: ignore[attr-defined]
