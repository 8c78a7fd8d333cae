"""The main window: menus, the notice banner, and the library or the reader.

Only the library is built at start; the reader (and each dialog) is imported and created the first
time it is needed, so start-up pays for nothing the learner has not asked for yet.
`library_shown` is emitted once, after the populated library has first been painted (start-up
benchmarks measure up to that signal; `library_is_shown` says whether it has happened).
Getting modules (import, remove, the Get modules screen) is imported on first use too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSize, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from vrlearn.modules.library import Library
from vrlearn.modules.model import BrokenModule, Module
from vrlearn.paths import AppPaths
from vrlearn.ui.actions import WindowActions
from vrlearn.ui.learner_session import LearnerSession
from vrlearn.ui.library_view import LibraryView
from vrlearn.ui.notice_bar import NoticeBar

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QMenu

    from vrlearn.records import LearnerProfile
    from vrlearn.ui.about_dialog import AboutDialog
    from vrlearn.ui.certificate_flow import CertificateFlow
    from vrlearn.ui.get_modules_view import GetModulesView
    from vrlearn.ui.import_flow import ImportFlow
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
        self.importing: ImportFlow | None = None  # made on first import or remove
        self.get_modules_view: GetModulesView | None = None  # made when first shown
        self.library_menu: QMenu | None = None  # the last right-click menu (for tests)

        self.commands = WindowActions(self)
        self.commands.fill_menus(self.menuBar())
        self.notice_bar = NoticeBar()
        self.library_view = LibraryView()
        self.library_view.list.addAction(self.commands.remove_module)  # Delete in the list
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
        self.library_view.set_empty_note(
            f"No modules were found in:\n{folders}\n\nTo add one, choose File ▸ Get modules… or "
            "File ▸ Import module…, or drag a .vrmod file here."
        )
        self._show_learner(session.learner)  # the progress was just read by set_library
        self._enable_reader_actions(False)
        self._update_remove_action(None)
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
        commands.get_modules.triggered.connect(self.show_get_modules)
        commands.import_module.triggered.connect(lambda: self.import_flow().choose_package())
        commands.import_folder.triggered.connect(lambda: self.import_flow().choose_folder())
        commands.remove_module.triggered.connect(
            lambda: self.import_flow().remove(self.library_view.current_module())
        )
        self.library_view.paths_dropped.connect(self._import_dropped)
        self.library_view.menu_requested.connect(self._library_menu)
        self.library_view.current_module_changed.connect(self._update_remove_action)
        self.library_view.get_modules_requested.connect(self.show_get_modules)
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

    def reload_library(self, select: str | None = None) -> Library:
        """Scan the content folders again (after an import or a removal), keeping the search
        and the selected module (or selecting `select`)."""
        from vrlearn.modules.library import scan_library

        current = self.library_view.current_module()
        library = scan_library(self._paths.content_dirs, self._paths.library_index)
        self._library = library
        self._session.set_modules(library.modules)
        self.library_view.set_library(library, self._session.progress_summary())
        wanted = select or (current.id if current is not None else None)
        if wanted is not None:
            self.library_view.select_module(wanted)
        self._update_remove_action(self.library_view.current_module())
        return library

    def let_go_of_module_files(self) -> None:
        """Before an import, a download's install or a removal: leave the reader for the
        library and free the video player, which keeps the open video's file open (Windows
        cannot replace or delete an open file). Progress is saved as the reader is left."""
        reader = self.reader
        if reader is None:
            return
        if self.stack.currentWidget() is reader:
            reader.leave_full_screen()
            self.show_library()
        reader.close_media()

    def import_flow(self) -> ImportFlow:
        """Import and remove commands (made on first use)."""
        if self.importing is None:
            from vrlearn.ui.import_flow import ImportFlow

            self.importing = ImportFlow(self, self._paths)
        return self.importing

    def removal_refusal(self, module: Module | None) -> str | None:
        """Why `module` cannot be removed (none chosen, or it came with VR Learn), or None."""
        if module is None:
            return "Choose a module you installed in the library first."
        if module.folder.parent != self._paths.modules_dir:
            return f"“{module.title}” came with VR Learn, so it cannot be removed."
        return None

    def show_get_modules(self) -> GetModulesView:
        """The Get modules screen (Esc or Back returns to the library)."""
        self.let_go_of_module_files()  # a download may update the module open in the reader
        if self.get_modules_view is None:
            from vrlearn.ui.get_modules_view import GetModulesView

            view = GetModulesView(self._paths, lambda: self._library, self)
            view.set_zoom(self._zoom)
            view.library_requested.connect(self.show_library)
            view.installed.connect(lambda result: self.reload_library(result.module_id))
            view.status_changed.connect(lambda text: self.statusBar().showMessage(text, 8000))
            self.stack.addWidget(view)
            self.get_modules_view = view
        self.stack.setCurrentWidget(self.get_modules_view)
        self._enable_reader_actions(False)
        self.commands.back_to_library.setEnabled(True)
        self.get_modules_view.shown()
        return self.get_modules_view

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
        if self.get_modules_view is not None:
            self.get_modules_view.set_zoom(percent)
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
        if self.get_modules_view is not None:
            self.get_modules_view.pause_downloads()  # kept on disk; resumed next time
        if self.importing is not None:
            self.importing.cancel_and_wait()  # nothing half-installed is left behind
        super().closeEvent(event)
        if event.isAccepted():
            if self.reader is not None:
                self.reader.release_media()
            self.closed.emit()

    def _progress_saved_before_closing(self) -> bool:
        """Flush the records; if that fails, let the learner retry, quit anyway, or stay."""
        while (problem := self._session.flush()) is not None:
            from vrlearn.ui import messages  # only when there is something to ask

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

    def _update_remove_action(self, module: Module | None) -> None:
        refusal = self.removal_refusal(module)
        action = self.commands.remove_module
        action.setEnabled(refusal is None)
        if refusal is None and module is not None:
            refusal = f"Remove “{module.title}” from this laptop"
        action.setToolTip(refusal or "")
        action.setStatusTip(refusal or "")

    def _import_dropped(self, sources: list[Path]) -> None:
        self.import_flow().import_paths(sources)

    def _library_menu(self, module: Module | None, position: QPoint) -> None:
        """Right-click on the library: open or remove the module, import another."""
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        menu.setAccessibleName("Module commands")
        if module is not None:
            menu.addAction("&Open").triggered.connect(lambda: self.open_module(module))
            menu.addAction(self.commands.remove_module)
            menu.addSeparator()
        menu.addActions([self.commands.import_module, self.commands.import_folder])
        menu.aboutToHide.connect(menu.deleteLater)
        self.library_menu = menu  # for tests
        menu.popup(position)

    def _enable_reader_actions(self, enabled: bool) -> None:
        for action in self.commands.reader_actions():
            action.setEnabled(enabled)

    def _next_zoom(self, step: int) -> int:
        levels = list(ZOOM_LEVELS)
        if step > 0:
            return next((level for level in levels if level > self._zoom), levels[-1])
        return next((level for level in reversed(levels) if level < self._zoom), levels[0])

    def _show_learner(self, learner: LearnerProfile | None) -> None:
        text = "No profile yet" if learner is None else f"{learner.name} · {learner.role}"
        self.library_view.set_learner_text(text)

    def _learner_changed(self, learner: LearnerProfile | None) -> None:
        self._show_learner(learner)
        if learner is None:
            return
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
