"""The composition root: builds the services once and hands them to the main window.

Start-up order: one QApplication → the data-folder lock (a second copy exits with 1) → the records
(a store that cannot be opened exits with 2, after saying why) → the library scan → the window
with the records' recovery notices in its banner → once the library is on screen, on first run,
the profile dialog. With VRLEARN_QUIT_WHEN_SHOWN set (the start-up benchmark), the app prints
`library-shown` when the library is on screen and quits.
"""

from __future__ import annotations

import gc
import logging
import os
from typing import TYPE_CHECKING

# The domain code (no Qt) is imported before PySide6: once PySide6 is imported, every import
# statement runs through its Python-level import hook, which made start-up 15-40 ms slower.
import vrlearn.modules.progress  # noqa: F401  (the library list's progress column)
from vrlearn import __version__
from vrlearn.modules.library import scan_library
from vrlearn.paths import AppPaths
from vrlearn.records import RecordsError, RecordsStore

# isort: split
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from vrlearn.instance_lock import DataFolderInUse, InstanceLock
from vrlearn.ui.certificate_flow import install_certificates
from vrlearn.ui.learner_session import LearnerSession
from vrlearn.ui.main_window import MainWindow
from vrlearn.ui.theme import apply_theme

if TYPE_CHECKING:
    from vrlearn.certificates.issuing import CertificateIssuer

log = logging.getLogger(__name__)

EXIT_ALREADY_RUNNING = 1
EXIT_CANNOT_START = 2
QUIT_WHEN_SHOWN_ENV = "VRLEARN_QUIT_WHEN_SHOWN"  # start-up benchmark: report and quit


def create_application(argv: list[str]) -> QApplication:
    """The one QApplication (reused if it exists, as in tests), named and themed."""
    QCoreApplication.setOrganizationName("VRLearn")
    QCoreApplication.setApplicationName("VR Learn")
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    apply_theme(app)
    return app


def build_main_window(paths: AppPaths, store: RecordsStore | None = None) -> MainWindow:
    """Scan the library and build the (not yet shown) main window.

    Without a `store`, the records are opened here and closed when the window closes; this is
    what the start-up benchmark calls: `window = build_main_window(paths); window.show()`, then
    wait for `window.library_shown`. A QApplication must exist (see `create_application`).
    """
    owned = store is None
    records = RecordsStore.open(paths.records_dir) if store is None else store
    library = scan_library(paths.content_dirs, paths.library_index)
    session = LearnerSession(records, library.modules)
    window = MainWindow(session, library, paths)
    session.setParent(window)
    install_certificates(window, lambda: _certificate_issuer(records, paths))
    if owned:
        window.closed.connect(records.close)
    screen = window.screen().availableGeometry()
    hint = window.sizeHint()
    window.resize(
        min(hint.width(), screen.width() * 9 // 10), min(hint.height(), screen.height() * 9 // 10)
    )
    return window


def _certificate_issuer(records: RecordsStore, paths: AppPaths) -> CertificateIssuer:
    from vrlearn.certificates.issuing import CertificateIssuer  # cryptography: not at start-up

    return CertificateIssuer(records, paths.keys_dir)


def _report_shown_and_quit(app: QApplication) -> None:
    print("library-shown", flush=True)
    app.quit()


def run_gui(paths: AppPaths, argv: list[str]) -> int:
    """Run the player until its window closes; returns the process exit code."""
    app = create_application(argv)
    lock = InstanceLock(paths.lock_file)
    try:
        lock.acquire()
    except DataFolderInUse as error:
        log.warning("%s", error)
        from vrlearn.ui import messages  # message boxes: only when start-up fails

        messages.warning(None, "VR Learn is already open", str(error))
        return EXIT_ALREADY_RUNNING
    except OSError as error:
        log.error("cannot lock the data folder: %s", error)
        from vrlearn.ui import messages

        messages.critical(None, "VR Learn cannot start", str(error))
        return EXIT_CANNOT_START
    try:
        try:
            store = RecordsStore.open(paths.records_dir)
        except RecordsError as error:
            log.error("cannot open the records: %s", error)
            from vrlearn.ui import messages

            messages.critical(
                None,
                "VR Learn cannot open your records",
                str(error),
                details="Nothing has been changed. Ask your IT service desk for help if this "
                "keeps happening, and mention the folder named above.",
            )
            return EXIT_CANNOT_START
        try:
            window = build_main_window(paths, store)
            window.show_notices(store.notices)
            store.notices.clear()
            window.library_shown.connect(gc.enable)  # paused for start-up by cli.cmd_gui
            if os.environ.get(QUIT_WHEN_SHOWN_ENV):
                window.library_shown.connect(lambda: _report_shown_and_quit(app))
            else:  # the first-run dialog waits until the library is on screen
                window.library_shown.connect(window.ask_for_profile_if_missing)
            window.show()
            return app.exec()
        finally:
            store.close()
    finally:
        lock.release()
