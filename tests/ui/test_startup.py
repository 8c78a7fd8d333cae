"""Start-up through `run_gui`: one copy per data folder, records that cannot open, notices."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from vrlearn.app import EXIT_ALREADY_RUNNING, EXIT_CANNOT_START, run_gui
from vrlearn.instance_lock import InstanceLock
from vrlearn.paths import AppPaths
from vrlearn.records import RecordsStore
from vrlearn.ui import messages
from vrlearn.ui.main_window import MainWindow

HOLD_LOCK = """
import sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
assert lock.tryLock(1000), lock.error()
print("locked", flush=True)
sys.stdin.read()
"""


def run_and_look(paths: AppPaths, look: Callable[[MainWindow], None]) -> int:
    """Run the real start-up; once the library is shown, call `look`, then quit."""
    deadline = time.monotonic() + 10

    def poll() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        shown = [w for w in windows if w.isVisible() and w.library_is_shown]
        if not shown and time.monotonic() < deadline:
            QTimer.singleShot(20, poll)
            return
        try:
            if shown:
                look(shown[0])
        finally:
            for window in shown:
                window.close()
            QApplication.quit()

    QTimer.singleShot(0, poll)
    try:
        return run_gui(paths, ["vrlearn"])
    finally:
        # A quit request still pending when exec() returned would make every later event loop
        # in this process (qtbot.wait, waitSignal...) return at once: run one more, empty exec
        # to use it up, so the tests after this one are not affected.
        QTimer.singleShot(0, QApplication.exit)
        QApplication.exec()


def test_second_copy_is_refused_while_another_holds_the_lock(
    three_modules: Path, app_paths: AppPaths
) -> None:
    app_paths.data_dir.mkdir(parents=True)
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(app_paths.lock_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            assert run_gui(app_paths, ["vrlearn"]) == EXIT_ALREADY_RUNNING
        finally:
            holder.kill()
    message = messages.shown[-1]
    assert message.title == "VR Learn is already open"
    assert f"VR Learn is already open using the data folder {app_paths.data_dir}" in message.text
    # The other copy died without unlocking: its stale lock is taken over.
    assert run_and_look(app_paths, lambda window: None) == 0


def test_second_copy_in_the_same_process_is_refused(
    three_modules: Path, app_paths: AppPaths
) -> None:
    with InstanceLock(app_paths.lock_file):
        assert run_gui(app_paths, ["vrlearn"]) == EXIT_ALREADY_RUNNING
    assert "already open" in messages.shown[-1].text


def test_records_that_cannot_be_opened_give_a_clear_message(
    three_modules: Path, app_paths: AppPaths
) -> None:
    app_paths.data_dir.mkdir(parents=True)
    app_paths.records_dir.write_text("a file where the records folder should be")
    assert run_gui(app_paths, ["vrlearn"]) == EXIT_CANNOT_START
    message = messages.shown[-1]
    assert message.icon == messages.Icon.Critical
    assert message.title == "VR Learn cannot open your records"
    assert str(app_paths.records_dir) in message.text
    with InstanceLock(app_paths.lock_file):  # the failed start released its lock
        pass


def test_records_from_a_newer_version_are_refused(
    three_modules: Path, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vrlearn.records import migrations

    RecordsStore.open(app_paths.records_dir).close()
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 0)
    assert run_gui(app_paths, ["vrlearn"]) == EXIT_CANNOT_START
    assert "newer version of VR Learn" in messages.shown[-1].text


def test_normal_start_shows_library_first_run_dialog_and_recovery_notices(
    three_modules: Path, app_paths: AppPaths
) -> None:
    store = RecordsStore.open(app_paths.records_dir)
    store.save_learner("Sam Taylor", "Physiotherapist")
    store.close()
    (app_paths.records_dir / "learners.json").write_text("{ this is not JSON")
    seen: dict[str, object] = {}

    def look(window: MainWindow) -> None:
        seen["title"] = window.windowTitle()
        seen["titles"] = window.library_view.visible_titles()
        seen["notices"] = window.notice_bar.notices
        seen["dialog"] = window.profile_dialog

    assert run_and_look(app_paths, look) == 0
    assert seen["title"] == "VR Learn"
    assert "Stroke basics" in seen["titles"]  # type: ignore[operator]
    notices = seen["notices"]
    assert isinstance(notices, list) and len(notices) >= 1
    assert any("learner" in notice.lower() for notice in notices)
    assert seen["dialog"] is None  # the learner was restored from the last good copy
    assert QApplication.organizationName() == "VRLearn"
    assert QApplication.applicationName() == "VR Learn"


def test_first_start_asks_for_a_profile(three_modules: Path, app_paths: AppPaths) -> None:
    seen: dict[str, object] = {}

    def look(window: MainWindow) -> None:
        dialog = window.profile_dialog
        seen["dialog_shown"] = dialog is not None and dialog.isVisible()

    assert run_and_look(app_paths, look) == 0
    assert seen["dialog_shown"] is True
