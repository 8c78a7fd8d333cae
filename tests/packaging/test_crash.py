"""Unhandled errors: logged with their traceback to the data folder's log, dialog or not.

Real parts: the real log file (vrlearn.log.configure), a real Qt slot raising inside the event
loop (PySide6 hands the error to sys.excepthook), a real thread, and the real dialog widget.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import REPO
from vrlearn import crash, log
from vrlearn.ui import messages
from vrlearn.ui.crash_dialog import CrashDialog


class Clicker(QObject):
    clicked = Signal()


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[Path]:
    """The crash handler installed over a real log file; everything put back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    hooks = sys.excepthook, threading.excepthook
    log_file = log.configure(tmp_path / "logs")
    assert log_file is not None
    yield log_file
    sys.excepthook, threading.excepthook = hooks
    crash.install(show_dialog=True, log_file=None)  # module settings back to the default
    sys.excepthook, threading.excepthook = hooks
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    messages.set_dialogs_enabled(True)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Dialogs the handler would show (recorded instead of blocking the test)."""
    calls: list[str] = []
    monkeypatch.setattr(crash, "show_dialog", lambda details, _log: calls.append(details))
    return calls


def raise_in_slot(qtbot: QtBot) -> None:
    clicker = Clicker()

    def broken_slot() -> None:
        raise ZeroDivisionError("a slot that divides by zero")

    clicker.clicked.connect(broken_slot)
    QTimer.singleShot(0, clicker.clicked.emit)
    qtbot.wait(50)


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_with_its_traceback(
    qtbot: QtBot, logged: Path, shown: list[str]
) -> None:
    crash.install(show_dialog=False, log_file=logged)
    raise_in_slot(qtbot)
    text = logged.read_text(encoding="utf-8")
    assert "CRITICAL vrlearn.crash: unhandled error:" in text
    assert "Traceback (most recent call last):" in text
    assert "in broken_slot" in text and "ZeroDivisionError: a slot that divides by zero" in text
    assert shown == []  # --no-crash-dialog: nothing to block on


@pytest.mark.qt_no_exception_capture
def test_with_dialogs_turned_off_for_tests_nothing_is_shown(
    qtbot: QtBot, logged: Path, shown: list[str]
) -> None:
    crash.install(show_dialog=True, log_file=logged)
    messages.set_dialogs_enabled(False)
    raise_in_slot(qtbot)
    assert "ZeroDivisionError" in logged.read_text(encoding="utf-8")
    assert shown == []


@pytest.mark.qt_no_exception_capture
def test_the_dialog_gets_the_details_and_a_second_error_only_logs(
    qtbot: QtBot, logged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crash.install(show_dialog=True, log_file=logged)
    calls: list[str] = []

    def dialog_that_breaks_again(details: str, log_file: Path | None) -> None:
        calls.append(details)
        assert crash.dialog_is_open() and log_file == logged
        try:
            raise KeyError("a second error while the dialog is open")
        except KeyError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]

    monkeypatch.setattr(crash, "show_dialog", dialog_that_breaks_again)
    raise_in_slot(qtbot)
    assert len(calls) == 1 and "ZeroDivisionError" in calls[0]
    assert calls[0].startswith("VR Learn ") and "(from source), Python 3." in calls[0]
    text = logged.read_text(encoding="utf-8")
    assert "KeyError: 'a second error while the dialog is open'" in text
    assert not crash.dialog_is_open()


def test_an_error_in_a_thread_is_logged_with_the_thread_name(
    logged: Path, shown: list[str]
) -> None:
    crash.install(show_dialog=False, log_file=logged)

    def work() -> None:
        raise RuntimeError("the background job failed")

    thread = threading.Thread(target=work, name="records-writer")
    thread.start()
    thread.join()
    text = logged.read_text(encoding="utf-8")
    assert "unhandled error in thread records-writer:" in text
    assert "RuntimeError: the background job failed" in text and "in work" in text


def test_a_broken_dialog_is_logged_not_raised(
    qtbot: QtBot, logged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crash.install(show_dialog=True, log_file=logged)

    def broken_dialog(_details: str, _log: Path | None) -> None:
        raise OSError("no display")

    monkeypatch.setattr(crash, "show_dialog", broken_dialog)
    try:
        raise ValueError("first")
    except ValueError:
        crash.handle(sys.exc_info(), where="")  # type: ignore[arg-type]
    text = logged.read_text(encoding="utf-8")
    assert "ValueError: first" in text and "the error dialog could not be shown" in text


def test_the_flag_and_the_environment_turn_the_dialog_off() -> None:
    assert crash.dialog_wanted(False, {}) is True
    assert crash.dialog_wanted(True, {}) is False
    assert crash.dialog_wanted(False, {"VRLEARN_NO_CRASH_DIALOG": "1"}) is False
    assert crash.dialog_wanted(False, {"VRLEARN_NO_CRASH_DIALOG": "0"}) is True


def test_the_dialog_copies_every_detail(qtbot: QtBot, tmp_path: Path) -> None:
    details = "Traceback (most recent call last):\n  ...\nZeroDivisionError: Zoë's page\n"
    dialog = CrashDialog(details, tmp_path / "logs" / "vrlearn.log")
    qtbot.addWidget(dialog)
    assert dialog.details_box.toPlainText() == details
    assert dialog.details_box.isReadOnly()
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == details
    assert dialog.copy_button.text() == "Copied"


def test_the_player_starts_with_the_flag_and_installs_the_handler(tmp_path: Path) -> None:
    """`vrlearn --no-crash-dialog` opens the player (to the library) in a real process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "VRLEARN_QUIT_WHEN_SHOWN": "1"}
    code = (
        "import sys, vrlearn.crash as c\n"
        "from vrlearn.__main__ import main\n"
        "rc = main(sys.argv[1:])\n"
        "print('hook', sys.excepthook is c._on_exception, c._settings['dialog'])\n"
        "sys.exit(rc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--data-dir", str(tmp_path / "data"), "--no-crash-dialog"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "library-shown" in result.stdout
    assert "hook True False" in result.stdout  # handler installed, dialog off
    assert (tmp_path / "data" / "logs" / "vrlearn.log").is_file()
