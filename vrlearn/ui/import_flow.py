"""Import and remove modules from the main window: File ▸ Import module…, drag and drop, Delete.

An import runs in the background (`background.Job`) with a progress window that appears after a
moment and can be cancelled. The domain code (`vrlearn.packages.import_module`) checks the whole
package before anything is installed, so on any failure the library is exactly as it was; the
learner sees every problem, each as `where: message`. Several dropped packages are imported one
after the other. Removing asks first, and says that progress and certificates are kept (they
live in the records, not in the module folder). Modules that came with VR Learn (the bundled
content folder) cannot be removed.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from vrlearn.paths import AppPaths
from vrlearn.ui import file_dialogs, messages
from vrlearn.ui.background import Job, Progress, ProgressWindow

if TYPE_CHECKING:
    from vrlearn.modules.model import Module
    from vrlearn.packages import InstallResult
    from vrlearn.ui.main_window import MainWindow

log = logging.getLogger(__name__)

PACKAGE_FILTER = "VR Learn modules (*.vrmod);;All files (*)"
NOTHING_CHANGED = "Nothing was installed and your modules are as they were."


def installed_text(result: InstallResult) -> str:
    """'Installed Stroke basics 1.0.0' or 'Updated Stroke basics to 1.1.0 (from 1.0.0)'."""
    if result.replaced_version is None:
        return f"Installed “{result.title}” {result.version}."
    if result.replaced_version == result.version:
        return f"Reinstalled “{result.title}” {result.version}."
    return f"Updated “{result.title}” to {result.version} (from {result.replaced_version})."


def refusal_details(error: Exception) -> str:
    """Every problem of a refused package, one per line, then what happened to the library."""
    problems = getattr(error, "problems", ())
    lines = [str(problem) for problem in problems]
    return "\n".join([*lines, "", NOTHING_CHANGED] if lines else [NOTHING_CHANGED])


class ImportFlow(QObject):
    """The window's import and remove commands (made on first use)."""

    installed = Signal(object)  # InstallResult
    import_failed = Signal(object)  # the exception (PackageError, ImportCancelled, OSError)
    removed = Signal(str)  # module id

    def __init__(self, window: MainWindow, paths: AppPaths) -> None:
        super().__init__(window)
        self._window = window
        self._paths = paths
        self._queue: list[Path] = []
        self.job: Job | None = None
        self.progress_window: ProgressWindow | None = None
        self._last_folder = Path.home()

    @property
    def busy(self) -> bool:
        return self.job is not None and self.job.running

    def cancel_and_wait(self) -> None:
        """Closing: cancel the import under way (and those waiting) and let it clean up."""
        self._queue.clear()
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.job.wait(10)

    def choose_package(self) -> None:
        """File ▸ Import module…: a `.vrmod` file."""
        path = file_dialogs.open_path(
            self._window, "Import a module", self._last_folder, PACKAGE_FILTER
        )
        if path is not None:
            self.import_paths([path])

    def choose_folder(self) -> None:
        """File ▸ Import module folder…: a folder with a module.toml (e.g. on a USB stick)."""
        path = file_dialogs.open_folder(self._window, "Import a module folder", self._last_folder)
        if path is not None:
            self.import_paths([path])

    def import_paths(self, sources: list[Path]) -> None:
        """Import each source in turn (one at a time, in the background)."""
        self._queue.extend(sources)
        if not self.busy:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            return
        source = self._queue.pop(0)
        self._last_folder = source.parent
        modules_dir = self._paths.modules_dir
        bundled = [folder for folder in self._paths.content_dirs if folder != modules_dir]

        def work(progress: Progress, stop: threading.Event) -> InstallResult:
            from vrlearn.packages import import_module

            return import_module(
                source, modules_dir, bundled_dirs=bundled, progress=progress, cancelled=stop.is_set
            )

        self._window.let_go_of_module_files()
        job = Job(work, self, name=f"import {source.name}")
        job.succeeded.connect(self._succeeded)
        job.failed.connect(lambda error: self._failed(source, error))
        job.finished.connect(self._next)
        if self.progress_window is not None:
            self.progress_window.deleteLater()
        self.progress_window = ProgressWindow(
            job, "Importing a module", f"Checking and installing “{source.name}”…", self._window
        )
        self.job = job
        self._window.statusBar().showMessage(f"Importing “{source.name}”…")
        job.start()

    def _succeeded(self, result: InstallResult) -> None:
        if self.progress_window is not None:
            self.progress_window.dismiss()
        text = installed_text(result)
        self._window.reload_library(select=result.module_id)
        self._window.statusBar().showMessage(text, 8000)
        messages.information(self._window, "Module installed", text)
        self.installed.emit(result)

    def _failed(self, source: Path, error: Exception) -> None:
        from vrlearn.packages import ImportCancelled, PackageError

        if self.progress_window is not None:
            self.progress_window.dismiss()
        self._window.statusBar().clearMessage()
        self.import_failed.emit(error)
        if isinstance(error, ImportCancelled):
            self._window.statusBar().showMessage(f"Import cancelled. {NOTHING_CHANGED}", 8000)
            return
        if isinstance(error, PackageError):  # its sentence is "<name> cannot be imported: why"
            reason = str(error).removeprefix(f"{source.name} cannot be imported: ")
            text = f"“{source.name}” was not installed: {reason}"
        elif isinstance(error, OSError):
            text = f"“{source.name}” could not be installed: {error.strerror or error}"
        else:  # a bug: say so plainly, keep the details in the log
            log.exception("importing %s failed", source, exc_info=error)
            text = f"“{source.name}” could not be installed because of an unexpected error."
        messages.warning(
            self._window, "The module was not installed", text, details=refusal_details(error)
        )

    def remove(self, module: Module | None) -> bool:
        """Remove `module` after asking; True if it was removed."""
        window = self._window
        refusal = window.removal_refusal(module)
        if refusal is not None or module is None:
            messages.information(window, "This module cannot be removed", refusal or "")
            return False
        answer = messages.choose(
            window,
            "Remove module",
            f"Remove “{module.title}” {module.version} from this laptop?",
            [("Remove", messages.Role.DestructiveRole), ("Keep it", messages.Role.RejectRole)],
            default="Keep it",
            details="Your progress and certificates for this module are kept. If you install "
            "it again later, your progress is still there.",
        )
        if answer != "Remove":
            return False
        window.let_go_of_module_files()
        from vrlearn.packages import PackageError, remove_module

        try:
            remove_module(module.id, self._paths.modules_dir)
        except (PackageError, OSError) as error:
            messages.warning(
                window,
                "The module was not removed",
                f"“{module.title}” could not be removed: {error}",
                details=refusal_details(error),
            )
            window.reload_library()
            return False
        window.reload_library()
        text = f"Removed “{module.title}”. Your progress and certificates are kept."
        window.statusBar().showMessage(text, 8000)
        self.removed.emit(module.id)
        return True
