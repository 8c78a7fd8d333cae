"""The reader's video on a real X display (Xvfb, xcb): libVLC draws inside the reader's window.

Run with: QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x800x24" pytest -m display
`QWidget.grab()` cannot see what libVLC draws, so the screen itself is grabbed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tests.screen_checks import distinct_colours
from vrlearn.media.backend import VideoBackend
from vrlearn.media.vlc_backend import VlcBackend
from vrlearn.records import RecordsStore

from .conftest import WindowFactory
from .video_helpers import open_video, write_video_module

pytestmark = pytest.mark.display


def test_the_video_plays_inside_the_reader_and_full_screen_keeps_it(
    qtbot: QtBot,
    content_dir: Path,
    vlc_players: list[VideoBackend],
    learner_store: RecordsStore,
    open_window: WindowFactory,
) -> None:
    if QGuiApplication.platformName() != "xcb":
        pytest.skip("needs the xcb platform: QT_QPA_PLATFORM=xcb xvfb-run -a pytest -m display")
    write_video_module(content_dir)
    window = open_window(learner_store)
    window.resize(1100, 720)
    qtbot.waitExposed(window)
    view = open_video(window)
    backend = vlc_players[0]
    assert isinstance(backend, VlcBackend)
    with qtbot.waitSignal(backend.playing, timeout=5000):
        view.play()
    qtbot.waitUntil(lambda: backend.position >= 1.5, timeout=8000)
    surface = view.screen_area.picture
    assert surface is not None and surface.isVisible()
    player = backend._player  # is libVLC drawing into the reader's own window?
    assert player.get_xwindow() == int(surface.winId())
    assert player.has_vout() == 1
    assert backend.shown_caption_track() == 0
    top_left = surface.mapToGlobal(surface.rect().topLeft())
    screen = QGuiApplication.primaryScreen()
    shot = screen.grabWindow(0, top_left.x(), top_left.y(), surface.width(), surface.height())
    assert distinct_colours(shot.toImage()) > 20, "the video area looks blank"

    view.toggle_full_screen()  # the window goes full screen; the video keeps playing in it
    qtbot.waitUntil(lambda: window.isFullScreen(), timeout=3000)
    position = backend.position
    qtbot.waitUntil(lambda: backend.position >= position + 1.0, timeout=5000)
    assert player.get_xwindow() == int(surface.winId())
    view.leave_full_screen()
    view.pause()
    assert not view.failed
