"""The module reader: navigation, keyboard, progress recording, resume, zoom and links."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from vrlearn.app import build_main_window
from vrlearn.paths import AppPaths
from vrlearn.records import RecordsStore, RecordsWriteError
from vrlearn.ui import messages
from vrlearn.ui.contents_tree import OVERVIEW
from vrlearn.ui.main_window import MainWindow
from vrlearn.ui.reader_view import ReaderView

from .conftest import ModuleWriter, WindowFactory

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def module_folder(write_module: ModuleWriter) -> Path:
    return write_module(
        "reading",
        "Reading test",
        pages=4,
        page_text={
            2: "# Two\n\nSee [page three](3.md) and [NICE](https://www.nice.org.uk/).\n",
        },
    )


def open_reader(qtbot: QtBot, window: MainWindow) -> ReaderView:
    module = window.library_view.model.modules()[0]
    with qtbot.waitSignal(window.module_opened):
        window.open_module(module)
    assert window.reader is not None
    return window.reader


def learner_id(store: RecordsStore) -> str:
    learner = store.current_learner()
    assert learner is not None
    return learner.learner_id


def test_reader_is_created_only_when_a_module_opens(
    qtbot: QtBot, module_folder: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    assert window.reader is None
    reader = open_reader(qtbot, window)
    assert reader.position == OVERVIEW
    assert "Reading test" in reader.browser.toPlainText()
    assert "Learning outcomes" in reader.browser.toPlainText()
    assert reader.position_label.text() == "Overview"


def test_keys_move_between_pages_and_back_to_library(
    qtbot: QtBot, module_folder: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    reader = open_reader(qtbot, window)
    reader.browser.setFocus()
    qtbot.keyClick(reader.browser, Qt.Key.Key_Right, ALT)
    assert reader.position == "page-1"
    assert "Text of page 1" in reader.browser.toPlainText()
    qtbot.keyClick(reader.browser, Qt.Key.Key_PageDown, CTRL)
    assert reader.position == "page-2"
    assert reader.position_label.text() == "Step 2 of 4 (page)"
    qtbot.keyClick(reader.browser, Qt.Key.Key_Left, ALT)
    assert reader.position == "page-1"
    qtbot.keyClick(reader.browser, Qt.Key.Key_PageUp, CTRL)
    assert reader.position == OVERVIEW
    assert not reader.previous_button.isEnabled()
    qtbot.keyClick(reader.browser, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.library_view
    open_reader(qtbot, window)
    qtbot.keyClick(reader.browser, Qt.Key.Key_Home, ALT)
    assert window.stack.currentWidget() is window.library_view


def test_buttons_and_contents_navigate(
    qtbot: QtBot, module_folder: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    reader = open_reader(qtbot, window)
    qtbot.mouseClick(reader.next_button, Qt.MouseButton.LeftButton)
    assert reader.position == "page-1"
    reader.contents.position_chosen.emit("page-4")
    assert reader.position == "page-4"
    assert reader.next_button.text() == "Back to library"
    qtbot.mouseClick(reader.next_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.library_view


def test_pages_shown_are_recorded_and_marked(
    qtbot: QtBot, module_folder: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    reader = open_reader(qtbot, window)
    with qtbot.waitSignal(reader.page_viewed) as viewed:
        reader.next_page()
    assert viewed.args == ["reading", "page-1"]
    reader.next_page()
    who = learner_id(learner_store)
    assert learner_store.viewed_items(who, "reading") == {"page-1", "page-2"}
    assert learner_store.last_position(who, "reading") == "page-2"
    assert reader.contents.is_marked_viewed("page-1")
    assert not reader.contents.is_marked_viewed("page-3")
    lesson = reader.contents.topLevelItem(1)
    assert lesson is not None and lesson.text(1) == "2 of 4"
    window.show_library()
    entry = next(e for e in window.library_view.model.entries if e.module_id == "reading")
    assert entry.progress_text == "50 %"


def test_last_page_is_remembered_across_restart(
    qtbot: QtBot, module_folder: Path, app_paths: AppPaths, open_window: WindowFactory
) -> None:
    first = open_window()  # opens and closes its own records, like the real app
    assert first.ask_for_profile_if_missing() is not None
    dialog = first.profile_dialog
    assert dialog is not None
    dialog.name.setText("Ana Lopez")
    dialog.role.setEditText("Occupational therapist")
    assert dialog.save()
    reader = open_reader(qtbot, first)
    reader.next_page()
    reader.next_page()
    reader.next_page()
    assert reader.position == "page-3"
    first.close()

    second = open_window()
    assert second.ask_for_profile_if_missing() is None
    resumed = open_reader(qtbot, second)
    assert resumed.position == "page-3"
    assert "Text of page 3" in resumed.browser.toPlainText()
    assert resumed.contents.is_marked_viewed("page-2")


def test_zoom_changes_text_size_and_lasts_the_session(
    qtbot: QtBot, module_folder: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    reader = open_reader(qtbot, window)
    reader.next_page()
    normal = reader.browser.document().defaultFont().pointSizeF()
    qtbot.keyClick(reader.browser, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(reader.browser, Qt.Key.Key_Equal, CTRL)
    bigger = reader.browser.document().defaultFont().pointSizeF()
    assert bigger > normal
    assert window.zoom_percent == 125
    window.show_library()
    window.open_module(window.library_view.model.modules()[0])
    reader.next_page()
    assert reader.browser.document().defaultFont().pointSizeF() == pytest.approx(bigger)
    qtbot.keyClick(reader.browser, Qt.Key.Key_Minus, CTRL)
    assert window.zoom_percent == 110
    qtbot.keyClick(reader.browser, Qt.Key.Key_0, CTRL)
    assert reader.browser.document().defaultFont().pointSizeF() == pytest.approx(normal)


def test_missing_page_explains_and_is_not_counted(
    qtbot: QtBot, module_folder: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    reader = open_reader(qtbot, window)
    (module_folder / "pages" / "2.md").unlink()  # removed while VR Learn is open
    (module_folder / "pages" / "3.md").write_bytes(b"caf\xe9 is not UTF-8")
    reader.go_to("page-2")
    assert "This page cannot be shown" in reader.browser.toPlainText()
    assert "missing" in reader.browser.toPlainText()
    reader.next_page()
    assert "not UTF-8" in reader.browser.toPlainText()
    assert learner_store.viewed_items(learner_id(learner_store), "reading") == frozenset()
    reader.next_page()
    assert reader.position == "page-4"


def test_web_link_asks_first_and_can_copy(
    qtbot: QtBot, module_folder: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    reader = open_reader(qtbot, window)
    reader.go_to("page-2")
    messages.queue_answer("Copy link")
    reader.browser.anchorClicked.emit(QUrl("https://www.nice.org.uk/"))
    assert messages.shown[-1].title == "Open a web link?"
    assert messages.shown[-1].details == "https://www.nice.org.uk/"
    assert QGuiApplication.clipboard().text() == "https://www.nice.org.uk/"
    assert reader.position == "page-2"  # nothing loaded inside the reader
    reader.browser.anchorClicked.emit(QUrl("https://www.nice.org.uk/"))  # default: Cancel
    reader.browser.anchorClicked.emit(QUrl("3.md"))
    assert reader.position == "page-3"
    reader.browser.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert reader.position == "page-3"
    assert "cannot be opened" in window.statusBar().currentMessage()


def test_failed_save_shows_notice_and_reading_goes_on(
    qtbot: QtBot,
    module_folder: Path,
    learner_store: RecordsStore,
    app_paths: AppPaths,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def disk_full(*_args: object) -> None:
        raise RecordsWriteError("The progress records could not be saved: the disk is full.")

    monkeypatch.setattr(learner_store, "mark_page_viewed", disk_full)
    window = build_main_window(app_paths, learner_store)
    qtbot.addWidget(window)
    window.show()
    reader = open_reader(qtbot, window)
    reader.next_page()
    reader.next_page()
    assert reader.position == "page-2"
    assert window.notice_bar.isVisible()
    assert window.notice_bar.notices == [
        "Your progress could not be saved: The progress records could not be saved: "
        "the disk is full."
    ]
    assert not reader.contents.is_marked_viewed("page-1")
