"""Self-test checks of the app itself: versions, Qt, the data folder and the records store."""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import uuid
from pathlib import Path

from vrlearn import __version__
from vrlearn.self_test.runner import CheckContext, CheckResult


def check_app(_context: CheckContext) -> CheckResult:
    frozen = " (packaged)" if getattr(sys, "frozen", False) else ""
    detail = (
        f"VR Learn {__version__}{frozen} on Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()} ({platform.machine()})"
    )
    return CheckResult("app", True, detail)


def check_qt(_context: CheckContext) -> CheckResult:
    """Qt starts (on the offscreen platform: the self-test needs no display)."""
    import PySide6
    from PySide6.QtCore import QLibraryInfo, qVersion
    from PySide6.QtGui import QGuiApplication

    app = ensure_application()
    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    available = sorted(
        name.removeprefix("libq").split(".")[0]
        for name in _listdir(os.path.join(plugins, "platforms"))
        if name.endswith((".so", ".dll", ".dylib"))
    )
    detail = (
        f"Qt {qVersion()} (PySide6 {PySide6.__version__}), platform "
        f"{QGuiApplication.platformName()} for this test; platform plugins: "
        f"{', '.join(available) or 'none found'}"
    )
    return CheckResult("qt", app is not None, detail)


def check_data_folder(context: CheckContext) -> CheckResult:
    """The data folder exists (or can be made) and a file can be written, read and removed."""
    folder = context.data_dir
    probe = folder / f".self-test-{uuid.uuid4().hex}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"VR Learn self-test\n")
        ok = probe.read_bytes() == b"VR Learn self-test\n"
    except OSError as error:
        return CheckResult("data_folder", False, f"{folder} is not writable: {error}")
    finally:
        try:
            probe.unlink()
        except OSError:
            pass
    return CheckResult("data_folder", ok, f"{folder} is writable")


def check_records(context: CheckContext) -> CheckResult:
    """A records store in a scratch folder: save a learner and progress, reopen, read back."""
    from vrlearn.records import RecordsError, RecordsStore

    folder = tempfile.mkdtemp(prefix="records-", dir=context.scratch_dir)
    try:
        with RecordsStore.open(Path(folder)) as store:
            learner = store.save_learner("Self Test", "IT support")
            store.mark_page_viewed(learner.learner_id, "self-test", "page")
            store.save_video_state(learner.learner_id, "self-test", "video", 1.0, [[0, 1]], 2.0)
        with RecordsStore.open(Path(folder)) as store:
            viewed = store.viewed_items(learner.learner_id, "self-test")
            video = store.video_state(learner.learner_id, "self-test", "video")
            report = store.check()
    except (RecordsError, OSError, ValueError) as error:
        return CheckResult("records", False, f"the records store failed: {error}")
    ok = viewed == {"page"} and video is not None and video["coverage"] == 0.5 and report.ok
    detail = "saved, reopened and read back a learner, a page view and a video position"
    return CheckResult("records", ok, detail if ok else f"read back wrong data: {report.lines()}")


def ensure_application() -> object:
    """The QGuiApplication, created on the offscreen platform if there is none yet."""
    from PySide6.QtGui import QGuiApplication

    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(["vrlearn-self-test"])


def _listdir(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []
