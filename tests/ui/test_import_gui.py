"""File ▸ Import module…, drag and drop, and Remove module… through the real package code.

The window's content folders are a "bundled" folder (as the app's own content/) and the data
folder's modules folder, where imports go; packages are real `.vrmod` files built by
`pack_module`, and a hostile one is a real zip.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import MANIFEST, ModuleFactory
from tests.ui.conftest import ModuleWriter, WindowFactory
from vrlearn.packages import pack_module
from vrlearn.paths import AppPaths
from vrlearn.records import RecordsStore
from vrlearn.ui import file_dialogs, messages
from vrlearn.ui.main_window import MainWindow


@pytest.fixture
def app_paths(tmp_path: Path, content_dir: Path) -> AppPaths:
    """As installed: the bundled content folder, then the data folder's modules folder."""
    data = tmp_path / "data"
    return AppPaths.create(data, (content_dir, data / "modules"))


@pytest.fixture(autouse=True)
def no_file_choosers() -> None:
    file_dialogs.clear()


@pytest.fixture
def bundled(write_module: ModuleWriter) -> None:
    write_module("stroke-basics", "Stroke basics")


def package(
    make_module: ModuleFactory, tmp_path: Path, module_id: str, title: str, version: str = "1.0.0"
) -> Path:
    """A real .vrmod of a valid two-page module."""
    manifest = MANIFEST.format(id=module_id, title=title).replace(
        'version = "1.0.0"', f'version = "{version}"'
    )
    source = tmp_path / "sources" / version
    folder = make_module(module_id, manifest=manifest, parent=source)
    return pack_module(folder, tmp_path / f"{module_id}-{version}.vrmod")


def wait_for_import(qtbot: QtBot, window: MainWindow) -> None:
    flow = window.import_flow()
    qtbot.waitUntil(lambda: flow.job is not None and not flow.busy, timeout=20000)


def drop_event(paths: list[Path], kind: str = "drop") -> QDragEnterEvent | QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    actions = Qt.DropAction.CopyAction
    buttons = Qt.MouseButton.LeftButton
    modifiers = Qt.KeyboardModifier.NoModifier
    if kind == "enter":
        event = QDragEnterEvent(QPoint(20, 20), actions, mime, buttons, modifiers)
    else:
        event = QDropEvent(QPointF(20, 20), actions, mime, buttons, modifiers)
    event.mime = mime  # type: ignore[attr-defined]  # keep the data alive with the event
    return event


def drop_on(window: MainWindow, paths: list[Path]) -> None:
    """Drag `paths` onto the library and drop them (Qt delivers a drop only after an enter)."""
    enter = drop_event(paths, "enter")
    QApplication.sendEvent(window.library_view, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window.library_view, drop_event(paths))


@pytest.mark.usefixtures("bundled")
def test_file_menu_imports_a_package_and_the_library_shows_it(
    qtbot: QtBot, open_window: WindowFactory, make_module: ModuleFactory, tmp_path: Path
) -> None:
    window = open_window()
    window.library_view.search.setText("notes")  # kept across the reload
    file = package(make_module, tmp_path, "fit-notes", "Fit notes explained")
    file_dialogs.queue_path(file)
    window.commands.import_module.trigger()
    wait_for_import(qtbot, window)

    assert file_dialogs.asked == ["Import a module"]
    assert messages.shown[-1].title == "Module installed"
    assert messages.shown[-1].text == "Installed “Fit notes explained” 1.0.0."
    assert (window._paths.modules_dir / "fit-notes" / "module.toml").is_file()
    assert window.library_view.search.text() == "notes"
    assert window.library_view.visible_titles() == ["Fit notes explained"]
    selected = window.library_view.current_module()
    assert selected is not None and selected.id == "fit-notes"
    assert window.library.find("fit-notes") is not None
    assert window.commands.remove_module.isEnabled()


@pytest.mark.usefixtures("bundled")
def test_a_newer_version_replaces_the_old_one_and_keeps_progress(
    qtbot: QtBot,
    open_window: WindowFactory,
    learner_store: RecordsStore,
    make_module: ModuleFactory,
    tmp_path: Path,
) -> None:
    window = open_window(learner_store)
    window.import_flow().import_paths([package(make_module, tmp_path, "fit-notes", "Fit notes")])
    wait_for_import(qtbot, window)
    window.session.record_page_viewed("fit-notes", "page-one")

    newer = package(make_module, tmp_path, "fit-notes", "Fit notes", version="1.1.0")
    window.import_flow().import_paths([newer])
    qtbot.waitUntil(lambda: window.library.find("fit-notes").version == "1.1.0", timeout=20000)
    wait_for_import(qtbot, window)

    assert messages.shown[-1].text == "Updated “Fit notes” to 1.1.0 (from 1.0.0)."
    assert window.session.viewed_items("fit-notes") == frozenset({"page-one"})
    assert sorted(window.library_view.visible_titles()) == ["Fit notes", "Stroke basics"]


@pytest.mark.usefixtures("bundled")
def test_a_module_folder_imports_from_the_folder_command(
    qtbot: QtBot, open_window: WindowFactory, make_module: ModuleFactory, tmp_path: Path
) -> None:
    window = open_window()
    folder = make_module("usb-module", title="From a USB stick", parent=tmp_path / "usb")
    file_dialogs.queue_path(folder)
    window.commands.import_folder.trigger()
    wait_for_import(qtbot, window)

    assert file_dialogs.asked == ["Import a module folder"]
    assert "From a USB stick" in window.library_view.visible_titles()
    assert (folder / "module.toml").is_file()  # the source is copied, not moved


@pytest.mark.usefixtures("bundled")
def test_dragging_a_package_shows_a_hint_and_dropping_installs_it(
    qtbot: QtBot, open_window: WindowFactory, make_module: ModuleFactory, tmp_path: Path
) -> None:
    window = open_window()
    view = window.library_view
    file = package(make_module, tmp_path, "fit-notes", "Fit notes explained")

    enter = drop_event([file], "enter")
    QApplication.sendEvent(view, enter)
    assert enter.isAccepted()
    assert view.drop_hint.isVisible()
    assert view.drop_hint.text() == "Drop here to install “fit-notes-1.0.0.vrmod”"

    QApplication.sendEvent(view, drop_event([file]))
    assert not view.drop_hint.isVisible()
    wait_for_import(qtbot, window)
    assert "Fit notes explained" in view.visible_titles()
    assert messages.shown[-1].text == "Installed “Fit notes explained” 1.0.0."


@pytest.mark.usefixtures("bundled")
def test_only_packages_and_module_folders_can_be_dropped(
    open_window: WindowFactory, make_module: ModuleFactory, tmp_path: Path
) -> None:
    window = open_window()
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a module", encoding="utf-8")
    plain_folder = tmp_path / "holiday-photos"
    plain_folder.mkdir()

    enter = drop_event([text_file, plain_folder], "enter")
    enter.accept()  # Qt's default; the library must refuse it
    QApplication.sendEvent(window.library_view, enter)
    assert not enter.isAccepted()
    assert not window.library_view.drop_hint.isVisible()
    assert window.importing is None  # nothing was started (nor even imported)

    module_folder = make_module("on-a-stick", parent=tmp_path / "usb")
    enter = drop_event([text_file, module_folder], "enter")
    QApplication.sendEvent(window.library_view, enter)
    assert enter.isAccepted()
    assert window.library_view.drop_hint.text() == "Drop here to install “on-a-stick”"


@pytest.mark.usefixtures("bundled")
def test_a_hostile_package_lists_its_problems_and_changes_nothing(
    qtbot: QtBot, open_window: WindowFactory, make_module: ModuleFactory, tmp_path: Path
) -> None:
    window = open_window()
    titles = window.library_view.visible_titles()
    hostile = tmp_path / "hostile.vrmod"
    good = package(make_module, tmp_path, "fit-notes", "Fit notes")
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(hostile, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("../escaped.md", "# I should never be written\n")

    drop_on(window, [hostile])
    wait_for_import(qtbot, window)

    shown = messages.shown[-1]
    assert shown.title == "The module was not installed"
    assert shown.text.startswith("“hostile.vrmod” was not installed: ../escaped.md")
    assert shown.text.count("hostile.vrmod") == 1  # named once, not again in the reason
    assert "../escaped.md: " in shown.details
    assert "Nothing was installed and your modules are as they were." in shown.details
    assert window.library_view.visible_titles() == titles
    modules_dir = window._paths.modules_dir
    assert not modules_dir.exists() or [p.name for p in modules_dir.iterdir()] == []
    assert not (tmp_path / "escaped.md").exists()


@pytest.mark.usefixtures("bundled")
def test_remove_asks_then_removes_and_keeps_the_progress(
    qtbot: QtBot,
    open_window: WindowFactory,
    learner_store: RecordsStore,
    make_module: ModuleFactory,
    tmp_path: Path,
) -> None:
    window = open_window(learner_store)
    window.import_flow().import_paths([package(make_module, tmp_path, "fit-notes", "Fit notes")])
    wait_for_import(qtbot, window)
    window.session.record_page_viewed("fit-notes", "page-one")
    view = window.library_view
    assert view.select_module("fit-notes")
    # Delete acts only in the module list (its context is set by name, see actions.py)
    assert window.commands.remove_module.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    view.list.setFocus()

    messages.queue_answer("Keep it")
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)
    question = messages.shown[-1]
    assert question.title == "Remove module"
    assert question.text == "Remove “Fit notes” 1.0.0 from this laptop?"
    assert "progress and certificates for this module are kept" in question.details
    assert "Fit notes" in view.visible_titles()

    messages.queue_answer("Remove")
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)
    assert "Fit notes" not in view.visible_titles()
    assert not (window._paths.modules_dir / "fit-notes").exists()
    assert window.library.find("fit-notes") is None
    learner = learner_store.current_learner()
    assert learner is not None
    assert learner_store.viewed_items(learner.learner_id, "fit-notes") == frozenset({"page-one"})
    assert window.statusBar().currentMessage() == (
        "Removed “Fit notes”. Your progress and certificates are kept."
    )


@pytest.mark.usefixtures("bundled")
def test_bundled_modules_cannot_be_removed_and_say_why(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    view = window.library_view
    assert view.select_module("stroke-basics")
    action = window.commands.remove_module
    assert not action.isEnabled()
    assert action.toolTip() == "“Stroke basics” came with VR Learn, so it cannot be removed."

    where = view.list.visualRect(view.list.currentIndex()).center()  # the Menu key's event
    menu_key = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, where, view.list.viewport().mapToGlobal(where)
    )
    QApplication.sendEvent(view.list.viewport(), menu_key)
    menu = window.library_menu
    assert menu is not None
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "&Open",
        "&Remove module…",
        "&Import module…",
        "Import module &folder…",
    ]
    menu.close()
    assert window.import_flow().remove(view.current_module()) is False
    assert messages.shown[-1].text == "“Stroke basics” came with VR Learn, so it cannot be removed."
    assert (window._paths.content_dirs[0] / "stroke-basics").is_dir()


@pytest.mark.usefixtures("bundled")
def test_cancelling_an_import_installs_nothing_and_says_so(
    qtbot: QtBot, open_window: WindowFactory, make_module: ModuleFactory, tmp_path: Path
) -> None:
    window = open_window()
    big = {"pictures/scan.png": os.urandom(30 * 1024 * 1024)}  # 30 checks of the cancel flag
    folder = make_module("big-module", title="A big module", pages=big, parent=tmp_path / "src")
    file = pack_module(folder, tmp_path / "big-module.vrmod")
    flow = window.import_flow()
    flow.import_paths([file])
    assert flow.job is not None
    flow.job.cancel()  # as the progress window's Cancel does
    wait_for_import(qtbot, window)

    assert type(flow.job.error).__name__ == "ImportCancelled"
    assert messages.shown == []  # a cancel is not a problem: no message box
    assert window.statusBar().currentMessage() == (
        "Import cancelled. Nothing was installed and your modules are as they were."
    )
    assert "A big module" not in window.library_view.visible_titles()
    modules_dir = window._paths.modules_dir
    assert not modules_dir.exists() or [p.name for p in modules_dir.iterdir()] == []


def test_removing_and_reinstalling_the_module_open_at_its_video_gives_the_next_video_a_new_player(
    qtbot: QtBot,
    open_window: WindowFactory,
    learner_store: RecordsStore,
    app_paths: AppPaths,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The player holds the video file open, so it is freed before the folder goes; a released
    player cannot load again (as libVLC's), so the next video must get a fresh one."""
    from tests.ui.video_helpers import MODULE_ID, open_video, use_players, write_video_module
    from vrlearn.media.fake_backend import FakeBackend

    made = use_players(monkeypatch, lambda parent: FakeBackend(parent=parent))
    write_video_module(app_paths.modules_dir)
    window = open_window(learner_store)
    open_video(window)
    first = made[-1]
    assert isinstance(first, FakeBackend) and not first.released

    messages.queue_answer("Remove")
    assert window.import_flow().remove(window.library.find(MODULE_ID))
    assert first.released
    assert window.stack.currentWidget() is window.library_view

    window.import_flow().import_paths([write_video_module(tmp_path / "again")])
    wait_for_import(qtbot, window)
    view = open_video(window)  # would raise "the video player has been released" before
    assert len(made) == 2 and view.backend is made[1]
    assert [name for name, _ in made[1].calls].count("load") == 1  # type: ignore[attr-defined]
