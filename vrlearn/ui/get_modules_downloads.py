"""The downloads of the Get modules screen: start, pause, cancel, progress, installed or failed.

Each download is a `background.Job` around `catalogue.download_and_install`. Before it starts,
the free space is checked for the package and then the installed module. Pause stops it and
keeps the `.part` in the downloads folder, so Resume (even after closing VR Learn) goes on from
there; Cancel stops it and deletes the part. The entry's row shows the progress and any problem;
`installed` carries each InstallResult (the window rescans the library), and `statuses_changed`
and `finished` tell the screen to bring the statuses (and the free space) up to date.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from vrlearn.catalogue.sizes import megabytes
from vrlearn.paths import AppPaths
from vrlearn.ui import messages
from vrlearn.ui.background import Job, Progress
from vrlearn.ui.get_modules_row import EntryRow

if TYPE_CHECKING:
    from vrlearn.catalogue import CatalogueEntry
    from vrlearn.packages import InstallResult


def free_space(folder: Path) -> int | None:
    """Bytes free on the disk that holds `folder`; None if the disk cannot be asked."""
    from vrlearn.catalogue import free_space as free_bytes

    try:
        return free_bytes(folder)
    except OSError:
        return None


class Download:
    """One entry's download job and whether the learner asked to cancel (not just pause) it."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.cancel_requested = False


class Downloads(QObject):
    """The downloads running, by module id (`active`), and what the buttons of a row do."""

    installed = Signal(object)  # InstallResult
    status_changed = Signal(str)  # a short message for the status bar
    statuses_changed = Signal()  # a paused download was cancelled
    finished = Signal()  # a download ended: statuses and free space may differ

    def __init__(
        self, paths: AppPaths, rows: Callable[[], dict[str, EntryRow]], screen: QWidget
    ) -> None:
        super().__init__(screen)
        self._paths = paths
        self._rows = rows  # the screen's rows, by module id, as they are now
        self._screen = screen  # the parent of the messages
        self.active: dict[str, Download] = {}

    def start(self, entry: CatalogueEntry) -> Job | None:
        """Download (or resume) and install `entry` in the background."""
        from vrlearn.catalogue import partial_size

        if entry.id in self.active:
            return self.active[entry.id].job
        row = self._rows().get(entry.id)
        needed = entry.size - partial_size(entry, self._paths.downloads_dir)
        free = free_space(self._paths.data_dir)
        if free is not None and free < needed * 2:  # the package, then the installed module
            text = (
                f"There is not enough free disk space for “{entry.title}”: it needs about "
                f"{megabytes(needed * 2)} and {megabytes(free)} is free."
            )
            if row is not None:
                row.show_error(text)
            messages.warning(self._screen, "Not enough disk space", text)
            return None
        paths = self._paths

        def work(progress: Progress, stop: threading.Event) -> InstallResult:
            from vrlearn.catalogue import download_and_install

            return download_and_install(entry, paths, progress=progress, stop=stop)

        job = Job(work, self, name=f"download {entry.id}")
        download = Download(job)
        self.active[entry.id] = download
        job.progressed.connect(lambda done, total: self._progressed(entry.id, done, total))
        job.succeeded.connect(lambda result: self._installed(entry, result))
        job.failed.connect(lambda error: self._failed(entry, download, error))
        job.finished.connect(lambda: self._finished(entry.id, job))
        if row is not None:
            row.show_error("")
            row.show_progress(partial_size(entry, self._paths.downloads_dir), entry.size)
            row.pause_button.setFocus()
        self.status_changed.emit(f"Downloading “{entry.title}”…")
        job.start()
        return job

    def pause(self, module_id: str) -> None:
        """Stop the download; what has arrived stays on disk for Resume (even after a restart)."""
        download = self.active.get(module_id)
        if download is not None:
            download.job.cancel()
            row = self._rows().get(module_id)
            if row is not None:
                row.status_label.setText("Pausing…")
                row.pause_button.setEnabled(False)

    def cancel(self, entry: CatalogueEntry) -> None:
        """Stop the download and delete what has arrived."""
        download = self.active.get(entry.id)
        if download is not None:
            download.cancel_requested = True
            download.job.cancel()
            return
        from vrlearn.catalogue import discard_partial

        discard_partial(entry, self._paths.downloads_dir)
        self.status_changed.emit(f"Download of “{entry.title}” cancelled.")
        self.statuses_changed.emit()

    def pause_all(self) -> None:
        """Closing: pause every download (the parts stay on disk) and wait briefly for them."""
        jobs = [download.job for download in self.active.values()]
        for job in jobs:
            job.cancel()
        for job in jobs:
            job.wait(5)

    def _progressed(self, module_id: str, done: int, total: int) -> None:
        row = self._rows().get(module_id)
        download = self.active.get(module_id)
        if row is not None and download is not None and not download.job.cancelled:
            row.show_progress(done, total)

    def _installed(self, entry: CatalogueEntry, result: InstallResult) -> None:
        from vrlearn.ui.import_flow import installed_text

        text = installed_text(result)
        self.active.pop(entry.id, None)
        self.installed.emit(result)  # the window rescans the library
        self.status_changed.emit(text)
        row = self._rows().get(entry.id)
        if row is not None:
            row.show_error("")

    def _failed(self, entry: CatalogueEntry, download: Download, error: Exception) -> None:
        from vrlearn.catalogue import DownloadStopped, discard_partial
        from vrlearn.packages import ImportCancelled

        self.active.pop(entry.id, None)
        row = self._rows().get(entry.id)
        if isinstance(error, (DownloadStopped, ImportCancelled)):
            if download.cancel_requested:
                discard_partial(entry, self._paths.downloads_dir)
                self.status_changed.emit(f"Download of “{entry.title}” cancelled.")
            else:
                self.status_changed.emit(f"Download of “{entry.title}” paused.")
            return
        reason = str(error) or type(error).__name__
        problems = "\n".join(str(problem) for problem in getattr(error, "problems", ()))
        if row is not None:
            row.show_error(f"Not installed: {reason}")
        messages.warning(
            self._screen,
            "The module was not installed",
            f"“{entry.title}” was not installed: {reason}",
            details=problems or "Your modules are as they were.",
        )

    def _finished(self, module_id: str, job: Job) -> None:
        download = self.active.get(module_id)
        if download is not None and download.job is job:
            del self.active[module_id]
        row = self._rows().get(module_id)
        if row is not None:
            row.pause_button.setEnabled(True)
        self.finished.emit()
