"""Every control has an accessible name, the tab order is sensible, and dialogs describe the app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from vrlearn import __version__
from vrlearn.paths import AppPaths
from vrlearn.records import RecordsStore

from .conftest import WindowFactory

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QTextEdit)


def unnamed_controls(top: QWidget) -> list[str]:
    missing = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(top):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def tab_chain(start: QWidget, count: int) -> list[QWidget]:
    """The next `count` widgets that Tab reaches from `start`."""
    chain: list[QWidget] = []
    widget: QWidget | None = start
    while len(chain) < count:
        widget = widget.nextInFocusChain() if widget is not None else None
        if widget is None or widget is start:
            break
        tabbable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if tabbable and widget.isVisible() and widget.isEnabled():
            chain.append(widget)
    return chain


def test_every_control_is_named(
    qtbot: QtBot, three_modules: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    assert unnamed_controls(window) == []
    reader = window.open_module(window.library_view.model.modules()[0])
    reader.next_page()
    assert unnamed_controls(window) == []
    for dialog in (window.edit_profile(), window.show_about(), window.show_shortcuts()):
        assert unnamed_controls(dialog) == [], dialog.windowTitle()
        dialog.close()


def test_tab_order_follows_the_screen(
    three_modules: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    window = open_window(learner_store)
    view = window.library_view
    assert tab_chain(view.search, 2) == [view.sort, view.list]
    reader = window.open_module(window.library_view.model.modules()[0])
    reader.next_page()
    expected = [reader.contents, reader.browser, reader.previous_button, reader.next_button]
    assert tab_chain(reader.back_button, 4) == expected


def test_about_and_shortcuts(
    three_modules: Path,
    learner_store: RecordsStore,
    app_paths: AppPaths,
    open_window: WindowFactory,
) -> None:
    window = open_window(learner_store)
    about = window.show_about()
    text = about.text.text()
    heading = about.findChild(QLabel, "heading")
    assert heading is not None and __version__ in heading.text()
    assert "MIT licence" in text
    assert str(app_paths.data_dir) in text
    shortcuts = window.show_shortcuts()
    table = shortcuts.findChild(QTableWidget)
    assert table is not None
    cells = [(table.item(r, 0), table.item(r, 1)) for r in range(table.rowCount())]
    rows = {command.text(): keys.text() for command, keys in cells if command and keys}
    assert rows["Quit"] == "Ctrl+Q"
    assert "Alt+Right" in rows["Next page"] and "Ctrl+PgDown" in rows["Next page"]
    assert "Esc" in rows["Back to library"]
    assert rows["Zoom in"].startswith("Ctrl++")
