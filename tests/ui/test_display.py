"""The real main window on a real X display (Xvfb, xcb): library → reader, then a screenshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication, QImage
from pytestqt.qtbot import QtBot

from tests.screen_checks import distinct_colours
from vrlearn.app import build_main_window, create_application
from vrlearn.paths import AppPaths
from vrlearn.records import RecordsStore

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.display


def test_reader_screenshot_on_a_real_display(qtbot: QtBot, tmp_path: Path) -> None:
    if QGuiApplication.platformName() != "xcb":
        pytest.skip("needs the xcb platform: QT_QPA_PLATFORM=xcb xvfb-run -a pytest -m display")
    paths = AppPaths.create(tmp_path / "data", (REPO / "content",))
    store = RecordsStore.open(paths.records_dir)
    try:
        store.save_learner("Ana Lopez", "Occupational therapist")
        create_application([])
        window = build_main_window(paths, store)
        qtbot.addWidget(window)
        window.resize(1000, 700)
        with qtbot.waitSignal(window.library_shown, timeout=5000):
            window.show()
        qtbot.waitExposed(window)
        module = window.library_view.model.modules()[0]
        reader = window.open_module(module)
        reader.next_page()
        qtbot.wait(300)
        screen = window.screen()
        shot = screen.grabWindow(window.winId())
        path = tmp_path / "reader.png"
        assert shot.save(str(path))
        image = QImage(str(path))
        assert not image.isNull()
        assert image.width() >= 900 * shot.devicePixelRatio() * 0.9
        assert distinct_colours(image, step=8) > 20, "the screenshot looks blank"
        window.close()
    finally:
        store.close()
