"""libVLC drawing inside a real Qt window on a real X display (Xvfb, xcb platform).

Run with: QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x800x24" pytest -m display
`QWidget.grab()` cannot see what libVLC draws, so the screen itself is grabbed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import unavailable
from tests.media.conftest import BackendFactory
from tests.media.test_vlc_loader import libvlc_away_from_its_plugins, loaded_libvlc
from tests.screen_checks import distinct_colours

pytestmark = pytest.mark.display


def test_video_plays_inside_a_native_qt_widget(
    qtbot: QtBot, make_vlc_backend: BackendFactory, real_video: Path
) -> None:
    if QGuiApplication.platformName() != "xcb":
        pytest.skip("needs the xcb platform: QT_QPA_PLATFORM=xcb xvfb-run -a pytest -m display")
    backend = make_vlc_backend()
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(640, 400)
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    surface = backend.video_widget(window)
    layout.addWidget(surface)
    window.show()
    qtbot.waitExposed(window)
    assert surface.internalWinId() is not None  # a native window of its own for libVLC

    backend.load(real_video)
    with qtbot.waitSignals([backend.playing, backend.time_changed], timeout=5000):
        with qtbot.assertNotEmitted(backend.failed):
            backend.play()
    qtbot.waitUntil(lambda: backend.position >= 1.0, timeout=5000)
    player = backend._player  # the libVLC player: is it drawing into our window?
    assert player.get_xwindow() == int(surface.winId())
    assert player.has_vout() == 1
    assert player.video_get_size(0) == (1280, 720)

    screen = QGuiApplication.primaryScreen()
    top_left = surface.mapToGlobal(surface.rect().topLeft())
    shot = screen.grabWindow(0, top_left.x(), top_left.y(), surface.width(), surface.height())
    assert distinct_colours(shot.toImage()) > 20  # mountains, not a black box
    qtbot.waitUntil(lambda: backend.position >= 1.5, timeout=5000)
    with qtbot.assertNotEmitted(backend.failed, wait=1600):
        pass  # the check for a working video output (1.5 s after the start) passed


NO_OUTPUT_CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
from vrlearn.media.choose import choose_backend
backend = choose_backend(order=("vlc",), audio_output=False).backend
window = QWidget()
backend.video_widget(window)
window.show()
result = {"backend": type(backend).__name__}
def failed(message):
    result.update(message=message, output_missing=getattr(backend, "output_missing", None))
    app.quit()
backend.failed.connect(failed)
backend.load(Path(sys.argv[1]))
backend.play()
QTimer.singleShot(8000, app.quit)
app.exec()
backend.release()
print(json.dumps(result))
"""


def test_no_working_video_output_is_a_failure_not_a_black_box(
    vlc: ModuleType, tmp_path: Path, real_video: Path
) -> None:
    """As on a machine without vlc-plugin-video-output: every plugin but the video outputs."""
    if QGuiApplication.platformName() != "xcb":
        pytest.skip("needs the xcb platform: QT_QPA_PLATFORM=xcb xvfb-run -a pytest -m display")
    installed_plugins = loaded_libvlc().parent / "vlc" / "plugins"
    if not (installed_plugins / "video_output").is_dir():
        unavailable(f"VLC's plugins are not in {installed_plugins}")
    env = libvlc_away_from_its_plugins(tmp_path)
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    for family in installed_plugins.iterdir():
        if family.is_dir() and family.name != "video_output":
            (plugins / family.name).symlink_to(family)
    result = subprocess.run(
        [sys.executable, "-c", NO_OUTPUT_CHILD, str(real_video)],
        env={**os.environ, **env, "VLC_PLUGIN_PATH": str(plugins), "QT_QPA_PLATFORM": "xcb"},
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["backend"] == "VlcBackend"
    assert "has no working video output" in report["message"]
    assert report["output_missing"] is True
