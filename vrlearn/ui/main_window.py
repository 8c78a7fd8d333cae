"""The main window: menus, the notice banner, and the library or the reader.

Only the library is built at start; the reader (and each dialog) is imported and created the first
time it is needed, so start-up pays for nothing the learner has not asked for yet.
`library_shown` is emitted once, after the populated library has first been painted (start-up
benchmarks measure up to that signal; `library_is_shown` says whether it has happened).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from vrlearn.modules.library import Library
from vrlearn.modules.model import BrokenModule, Module
from vrlearn.paths import AppPaths
from vrlearn.ui.actions import WindowActions
from vrlearn.ui.learner_session import LearnerSession
from vrlearn.ui.library_view import LibraryView
from vrlearn.ui.notice_bar import NoticeBar

if TYPE_CHECKING:
    from vrlearn.records import LearnerProfile
    from vrlearn.ui.about_dialog import AboutDialog
    from vrlearn.ui.certificate_flow import CertificateFlow
    from vrlearn.ui.profile_dialog import ProfileDialog
    from vrlearn.ui.reader_view import ReaderView
    from vrlearn.ui.shortcuts_dialog import ShortcutsDialog

log = logging.getLogger(__name__)
ZOOM_LEVELS = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
NO_PROFILE_NOTICE = "Your progress is not saved until you add your profile (File ▸ Profile…)."


class MainWindow(QMainWindow):
    """The library and the module reader, one at a time."""

    library_shown = Signal()
    module_opened = Signal(object)  # Module
    closed = Signal()

    def __init__(
        self,
        session: LearnerSession,
        library: Library,
        paths: AppPaths,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("VR Learn")
        self.setAccessibleName("VR Learn")
        self._session = session
        self._paths = paths
        self._zoom = 100
        self.library_is_shown = False
        self.reader: ReaderView | None = None
        self.profile_dialog: ProfileDialog | None = None
        self.certificates: CertificateFlow | None = None  # see install_certificates

        self.commands = WindowActions(self)
        self.commands.fill_menus(self.menuBar())
        self.notice_bar = NoticeBar()
        self.library_view = LibraryView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.library_view)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notice_bar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._connect()

        self._library = library
        self.library_view.set_library(library, session.progress_summary())
        folders = "\n".join(str(folder) for folder in paths.content_dirs)
        self.library_view.set_empty_note(f"No modules were found in:\n{folders}")
        self._learner_changed(session.learner)
        self._enable_reader_actions(False)
        self.library_view.first_painted.connect(
            lambda: QTimer.singleShot(0, self._announce_library_shown)
        )

    def _connect(self) -> None:
        commands = self.commands
        commands.profile.triggered.connect(lambda: self.edit_profile())
        commands.quit.triggered.connect(self.close)
        commands.find.triggered.connect(self.find_modules)
        commands.zoom_in.triggered.connect(lambda: self.set_zoom(self._next_zoom(+1)))
        commands.zoom_out.triggered.connect(lambda: self.set_zoom(self._next_zoom(-1)))
        commands.zoom_reset.triggered.connect(lambda: self.set_zoom(100))
        commands.previous_page.triggered.connect(
            lambda: self.reader and self.reader.previous_page()
        )
        commands.next_page.triggered.connect(lambda: self.reader and self.reader.next_page())
        commands.back_to_library.triggered.connect(self._back_to_library)
        commands.shortcuts.triggered.connect(self.show_shortcuts)
        commands.about.triggered.connect(self.show_about)
        self.library_view.module_chosen.connect(self.open_module)
        self.library_view.broken_module_chosen.connect(self._explain_broken)
        self._session.learner_changed.connect(self._learner_changed)
        self._session.progress_changed.connect(self._progress_changed)
        self._session.module_completed.connect(self._module_completed)
        self._session.records_failed.connect(self.notice_bar.add)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 150, metrics.height() * 46)

    @property
    def library(self) -> Library:
        return self._library

    @property
    def session(self) -> LearnerSession:
        """The learner's session (its signals, such as `module_completed`, are app-wide)."""
        return self._session

    @property
    def zoom_percent(self) -> int:
        return self._zoom

    def show_notices(self, notices: Iterable[str]) -> None:
        """Show messages the learner should read once (e.g. records restored from a backup)."""
        for notice in notices:
            self.notice_bar.add(notice)

    def ask_for_profile_if_missing(self) -> ProfileDialog | None:
        """On first run, ask who is learning (the dialog is window-modal, not blocking)."""
        if self._session.learner is not None:
            return None
        return self.edit_profile(first_run=True)

    def edit_profile(self, first_run: bool = False) -> ProfileDialog:
        from vrlearn.ui.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self._session, first_run=first_run, parent=self)
        if first_run:
            dialog.rejected.connect(lambda: self.notice_bar.add(NO_PROFILE_NOTICE))
        self.profile_dialog = dialog
        dialog.open()
        return dialog

    def open_module(self, module: Module) -> ReaderView:
        reader = self._ensure_reader()
        reader.open_module(module)
        self.stack.setCurrentWidget(reader)
        self._enable_reader_actions(True)
        self.module_opened.emit(module)
        return reader

    def show_library(self) -> None:
        self.stack.setCurrentWidget(self.library_view)
        self._enable_reader_actions(False)
        self.library_view.focus_list()

    def find_modules(self) -> None:
        self.show_library()
        self.library_view.search.setFocus()
        self.library_view.search.selectAll()

    def set_zoom(self, percent: int) -> None:
        """Text size for pages and the library; kept for the rest of the session."""
        self._zoom = percent
        self.library_view.set_zoom(percent)
        if self.reader is not None:
            self.reader.set_zoom(percent)
        self.statusBar().showMessage(f"Text size {percent} %", 4000)

    def show_shortcuts(self) -> ShortcutsDialog:
        from vrlearn.ui.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.commands.with_shortcuts(), self)
        dialog.open()
        return dialog

    def show_about(self) -> AboutDialog:
        from vrlearn.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self._paths.data_dir, self)
        dialog.open()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.reader is not None:
            self.reader.pause_media()  # saves the place in a video before the records flush
        if not self._progress_saved_before_closing():
            event.ignore()
            return
        super().closeEvent(event)
        if event.isAccepted():
            if self.reader is not None:
                self.reader.release_media()
            self.closed.emit()

    def _progress_saved_before_closing(self) -> bool:
        """Flush the records; if that fails, let the learner retry, quit anyway, or stay."""
        from vrlearn.ui import messages

        while (problem := self._session.flush()) is not None:
            answer = messages.choose(
                self,
                "Your progress could not be saved",
                problem,
                [
                    ("Try again", messages.Role.AcceptRole),
                    ("Quit anyway", messages.Role.DestructiveRole),
                    ("Keep VR Learn open", messages.Role.RejectRole),
                ],
                default="Try again",
                details="Progress since the last save will be lost if you quit now.",
            )
            if answer == "Quit anyway":
                return True
            if answer == "Keep VR Learn open":
                return False
        return True

    def _announce_library_shown(self) -> None:
        if not self.library_is_shown:
            self.library_is_shown = True
            self.library_shown.emit()

    def _ensure_reader(self) -> ReaderView:
        if self.reader is None:
            from vrlearn.ui.reader_view import ReaderView

            self.reader = ReaderView(self._session)
            self.reader.set_zoom(self._zoom)
            self.reader.library_requested.connect(self.show_library)
            self.reader.profile_requested.connect(lambda: self.edit_profile())
            self.reader.status_changed.connect(
                lambda text: self.statusBar().showMessage(text, 8000)
            )
            self.reader.full_screen_changed.connect(self._full_screen_changed)
            self.stack.addWidget(self.reader)
        return self.reader

    def _back_to_library(self) -> None:
        """Esc or Alt+Home: leaves a video's full screen first, else goes to the library."""
        if self.reader is not None and self.reader.leave_full_screen():
            return
        self.show_library()

    def _full_screen_changed(self, full: bool) -> None:
        self.menuBar().setVisible(not full)
        self.statusBar().setVisible(not full)
        if full:
            self.notice_bar.hide()
        elif self.notice_bar.notices:
            self.notice_bar.show()

    def _enable_reader_actions(self, enabled: bool) -> None:
        for action in self.commands.reader_actions():
            action.setEnabled(enabled)

    def _next_zoom(self, step: int) -> int:
        levels = list(ZOOM_LEVELS)
        if step > 0:
            return next((level for level in levels if level > self._zoom), levels[-1])
        return next((level for level in reversed(levels) if level < self._zoom), levels[0])

    def _learner_changed(self, learner: LearnerProfile | None) -> None:
        if learner is None:
            self.library_view.set_learner_text("No profile yet")
            return
        self.library_view.set_learner_text(f"{learner.name} · {learner.role}")
        self.library_view.set_all_progress(self._session.progress_summary())
        if self.reader is not None:
            self.reader.refresh_quiz()

    def _progress_changed(self, module_id: str) -> None:
        self.library_view.set_progress(module_id, self._session.done_items(module_id))

    def _module_completed(self, module_id: str) -> None:
        module = self._library.find(module_id)
        title = module.title if module is not None else module_id
        notice = f"✓ Module completed: “{title}”. Well done!"
        self.notice_bar.add(notice)
        self.statusBar().showMessage(notice, 8000)

    def _explain_broken(self, broken: BrokenModule) -> None:
        from vrlearn.ui import messages

        problems = "\n".join(str(problem) for problem in broken.problems)
        messages.warning(
            self,
            "This module cannot be opened",
            f"“{broken.display_title}” cannot be opened: {broken.reason}",
            details=f"Folder: {broken.folder}\n\n{problems}",
        )
