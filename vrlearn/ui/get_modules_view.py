"""File ▸ Get modules…: the team's catalogue, what is installed or has an update, and downloads.

The catalogue's address comes from the settings (none by default: the screen explains what a
catalogue is and that the team lead has the address). Opening the screen shows the last
catalogue fetched at once and checks for a newer one in the background; if that fails (offline,
server down) the last one stays on screen with when it was fetched and why it could not be
refreshed. Each entry says its status in words and offers Download or Update. Downloads run in
the background (`background.Job` around `catalogue.download_and_install`) with Pause, Resume and
Cancel; a paused download is a `.part` file in the downloads folder, so it survives closing VR
Learn and shows as "Paused at 40 %" next time. After the size and SHA-256 check the package is
installed and the library is rescanned (`installed`). Imported on first use, never at start-up.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vrlearn import __version__
from vrlearn.catalogue.sizes import megabytes
from vrlearn.modules.library import Library
from vrlearn.paths import AppPaths
from vrlearn.ui import messages, theme
from vrlearn.ui.background import Job, Progress
from vrlearn.ui.get_modules_row import EntryRow

if TYPE_CHECKING:
    from vrlearn.catalogue import Catalogue, CatalogueEntry
    from vrlearn.packages import InstallResult

log = logging.getLogger(__name__)

STYLE = f"""
#getModulesView {{ background: {theme.PALE_GREY}; }}
#catalogueScroll, #catalogueScroll > QWidget#qt_scrollarea_viewport, #catalogueEntries {{
    background: transparent; border: none;
}}
QFrame#catalogueEntry {{
    background: white; border: 1px solid {theme.BORDER}; border-radius: 0.25em;
}}
QLabel#entryStatus, QLabel#entryTitle {{ color: {theme.TEXT}; }}
"""
NO_CATALOGUE = (
    "A catalogue is a list of training modules that your team shares from a web address. "
    "VR Learn does not come with one. Ask your team lead for your team's catalogue address, "
    "paste it above and choose Save. You can also import a module file you were given, "
    "with File ▸ Import module…"
)


def when(moment: datetime) -> str:
    """A fetch time in the laptop's time zone: "26 November 2026, 14:05"."""
    local = moment.astimezone()
    return f"{local.day} {local:%B %Y}, {local:%H:%M}"


def disk_size(count: int) -> str:
    """Free space as people read it: "76.2 GB", or in MB below a gigabyte."""
    if count >= 1024**3:
        return f"{count / 1024**3:,.1f} GB"
    return megabytes(count)


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


class GetModulesView(QWidget):
    """The catalogue screen; `installed` is emitted with each InstallResult."""

    library_requested = Signal()
    installed = Signal(object)  # InstallResult
    status_changed = Signal(str)  # a short message for the status bar

    def __init__(
        self, paths: AppPaths, library: Callable[[], Library], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("getModulesView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAccessibleName("Get modules")
        self.setStyleSheet(STYLE)  # here, not in the app's style sheet: this screen is optional
        self._paths = paths
        self._library = library
        self._base_point_size = self.font().pointSizeF()
        self._started = False
        self.catalogue: Catalogue | None = None
        self.rows: dict[str, EntryRow] = {}
        self.downloads: dict[str, Download] = {}
        self.refresh_job: Job | None = None

        self.back_button = QPushButton("← Back to library")
        self.back_button.setObjectName("linkButton")
        self.back_button.setAccessibleName("Back to library")
        self.back_button.clicked.connect(self.library_requested)
        self.heading = QLabel("Get modules")
        self.heading.setObjectName("heading")
        self.heading.setAccessibleName("Get modules")
        self.space_label = QLabel()
        self.space_label.setObjectName("secondaryText")
        self.space_label.setAccessibleName("Free disk space")

        self.address = QLineEdit()
        self.address.setAccessibleName("Catalogue address")
        self.address.setPlaceholderText("https://… (from your team lead)")
        self.address.returnPressed.connect(self.save_address)
        address_label = QLabel("Catalogue &address:")
        address_label.setBuddy(self.address)
        self.save_button = QPushButton("&Save")
        self.save_button.setAccessibleName("Save the catalogue address")
        self.save_button.clicked.connect(self.save_address)
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setObjectName("primaryButton")
        self.refresh_button.setAccessibleName("Refresh the catalogue")
        self.refresh_button.clicked.connect(self.refresh)
        self.address_error = QLabel()
        self.address_error.setObjectName("fieldError")
        self.address_error.setWordWrap(True)
        self.address_error.hide()

        self.explanation = QLabel(NO_CATALOGUE)
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName("What a catalogue is")
        self.state_label = QLabel()
        self.state_label.setObjectName("secondaryText")
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName("Catalogue status")
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.entries = QWidget()
        self.entries.setObjectName("catalogueEntries")
        self.entries_layout = QVBoxLayout(self.entries)
        self.entries_layout.setContentsMargins(0, 0, 0, 0)
        self.entries_layout.addStretch()
        self.entry_scroll = QScrollArea()
        self.entry_scroll.setObjectName("catalogueScroll")
        self.entry_scroll.setWidgetResizable(True)
        self.entry_scroll.setWidget(self.entries)
        self.entry_scroll.setAccessibleName("Modules in the catalogue")
        self.entry_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        top.addWidget(self.heading)
        top.addStretch()
        top.addWidget(self.space_label)
        address_row = QHBoxLayout()
        address_row.addWidget(address_label)
        address_row.addWidget(self.address, 1)
        address_row.addWidget(self.save_button)
        address_row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        margin = self.fontMetrics().height()
        layout.setContentsMargins(margin * 2, margin, margin * 2, margin)
        layout.setSpacing(round(margin * 0.6))
        layout.addLayout(top)
        layout.addLayout(address_row)
        layout.addWidget(self.address_error)
        layout.addWidget(self.explanation)
        layout.addWidget(self.state_label)
        layout.addWidget(self.entry_scroll, 1)
        self.set_zoom(100)

    # -- showing ------------------------------------------------------------------------------

    def shown(self) -> None:
        """Called each time the screen is shown: the first time, read the settings and the last
        catalogue, then check for a newer one; later, bring statuses and free space up to date."""
        self._update_space()
        if self._started:
            self._update_rows()
            return
        self._started = True
        from vrlearn.catalogue import load_cached_catalogue
        from vrlearn.settings import load_settings

        settings = load_settings(self._paths.settings_file)
        if settings.notice:
            self.status_changed.emit(settings.notice)
        url = settings.catalogue_url or ""
        self.address.setText(url)
        cached = load_cached_catalogue(self._paths.catalogue_cache)
        if cached is not None and cached.feed_url == url:
            self.show_catalogue(cached, f"Last updated {when(cached.fetched_at)}.")
        self._show_explanation()
        if url:
            self.refresh()
            self.refresh_button.setFocus()
        else:
            self.address.setFocus()

    def set_zoom(self, percent: int) -> None:
        """Text scales with View ▸ Zoom, like the library and the reader."""
        font = self.font()
        if self._base_point_size > 0:
            font.setPointSizeF(self._base_point_size * percent / 100)
        for widget in (self.entries, self.explanation, self.state_label):
            widget.setFont(font)
        for row in self.rows.values():
            row.set_text_font(font)
        self.heading.setFont(theme.scaled_font(font, 1.7, bold=True))

    def _show_explanation(self) -> None:
        self.explanation.setVisible(not self.address.text().strip())

    def _update_space(self) -> None:
        free = free_space(self._paths.data_dir)
        self.space_label.setText(
            f"Free disk space: {disk_size(free)}"
            if free is not None
            else "Free disk space: unknown"
        )

    # -- the catalogue ------------------------------------------------------------------------

    def save_address(self) -> bool:
        """Save the address typed (empty: no catalogue) and fetch it; False if it is not valid."""
        from vrlearn.settings import load_settings, save_settings

        url = self.address.text().strip() or None
        settings = load_settings(self._paths.settings_file)
        try:
            settings = settings.with_catalogue_url(url)
        except ValueError as error:
            self.address_error.setText(f"Not saved: {error}")
            self.address_error.show()
            self.address.setFocus()
            return False
        try:
            save_settings(self._paths.settings_file, settings)
        except OSError as error:
            messages.warning(
                self, "The address was not saved", f"Your settings could not be saved: {error}"
            )
            return False
        self.address_error.hide()
        self._show_explanation()
        self.status_changed.emit("Catalogue address saved.")
        if url is None:
            self.catalogue = None
            self._set_rows(())
            self.state_label.setText("")
        else:
            self.refresh()
        return True

    def refresh(self) -> Job | None:
        """Fetch the catalogue in the background (the last one stays on screen meanwhile)."""
        url = self.address.text().strip()
        if not url:
            self._show_explanation()
            self.address.setFocus()
            return None
        if self.refresh_job is not None and self.refresh_job.running:
            return self.refresh_job
        cache = self._paths.catalogue_cache

        def work(progress: Progress, stop: threading.Event) -> Catalogue:
            from vrlearn.catalogue import fetch_catalogue

            return fetch_catalogue(url, cache)

        job = Job(work, self, name="fetch catalogue")
        job.succeeded.connect(
            lambda catalogue: self.show_catalogue(
                catalogue, f"Last updated {when(catalogue.fetched_at)}."
            )
        )
        job.failed.connect(lambda error: self._fetch_failed(url, error))
        job.finished.connect(lambda: self.refresh_button.setEnabled(True))
        self.refresh_button.setEnabled(False)
        self.state_label.setText("Checking the catalogue for new modules…")
        self.refresh_job = job
        job.start()
        return job

    def _fetch_failed(self, url: str, error: Exception) -> None:
        from vrlearn.catalogue import load_cached_catalogue

        reason = str(error) or type(error).__name__
        cached = load_cached_catalogue(self._paths.catalogue_cache)
        if cached is not None and cached.feed_url == url:
            self.show_catalogue(
                cached,
                f"Could not check for new modules: {reason}\n"
                f"Showing the catalogue as last updated on {when(cached.fetched_at)}.",
            )
        else:
            self.catalogue = None
            self._set_rows(())
            self.state_label.setText(f"The catalogue could not be fetched: {reason}")
        self.status_changed.emit("The catalogue could not be refreshed.")

    def show_catalogue(self, catalogue: Catalogue, state: str) -> None:
        self.catalogue = catalogue
        if catalogue.problems:
            count = len(catalogue.problems)
            noun = "entry was" if count == 1 else "entries were"
            state += f"\n{count} {noun} left out because of mistakes in the catalogue: "
            state += "; ".join(catalogue.problems[:3]) + ("; …" if count > 3 else "")
        if not catalogue.entries:
            state += "\nThe catalogue lists no modules yet."
        self.state_label.setText(state)
        self._set_rows(catalogue.entries)

    def _set_rows(self, entries: tuple[CatalogueEntry, ...] | list[CatalogueEntry]) -> None:
        kept: dict[str, EntryRow] = {}
        for entry in entries:
            row = self.rows.pop(entry.id, None)
            if row is not None and row.entry == entry:
                kept[entry.id] = row
                continue
            if row is not None and entry.id in self.downloads:  # a newer version mid-download
                kept[entry.id] = row
                continue
            if row is not None:
                row.deleteLater()
            row = EntryRow(entry, self.entries)
            row.set_text_font(self.entries.font())
            row.action_clicked.connect(lambda e=entry: self.start_download(e))
            row.pause_clicked.connect(lambda e=entry: self.pause(e.id))
            row.cancel_clicked.connect(lambda e=entry: self.cancel(e))
            kept[entry.id] = row
        for row in self.rows.values():
            row.deleteLater()
        self.rows = kept
        while self.entries_layout.count() > 1:  # everything but the stretch
            self.entries_layout.takeAt(0)
        for index, row in enumerate(kept.values()):
            self.entries_layout.insertWidget(index, row)
            row.show()  # now, not when the layout's queued show arrives
        previous: QWidget = self.refresh_button
        for row in kept.values():
            for button in (row.pause_button, row.cancel_button, row.action_button):
                QWidget.setTabOrder(previous, button)
                previous = button
        self._update_rows()

    def _update_rows(self) -> None:
        from vrlearn.catalogue import EntryStatus, entry_status, partial_size

        library = self._library()
        installed = {module.id: module.version for module in library.modules}
        for module_id, row in self.rows.items():
            if module_id in self.downloads:
                continue
            entry = row.entry
            status = entry_status(entry, installed, __version__)
            partial = partial_size(entry, self._paths.downloads_dir)
            if status is EntryStatus.INSTALLED:
                row.show_status(
                    f"Installed (version {installed.get(entry.id, entry.version)})", None
                )
            elif status is EntryStatus.NEEDS_NEWER_APP:
                row.show_status(
                    f"Needs VR Learn {entry.min_app_version} (this is {__version__}); "
                    "ask your IT service desk for the newer version",
                    None,
                )
            elif partial > 0:
                row.show_paused(partial)
            elif status is EntryStatus.UPDATE:
                have = installed.get(entry.id, "?")
                row.show_status(f"Update available ({have} → {entry.version})", "Update")
            else:
                row.show_status("Available", "Download")

    # -- downloads ----------------------------------------------------------------------------

    def start_download(self, entry: CatalogueEntry) -> Job | None:
        """Download (or resume) and install `entry` in the background."""
        from vrlearn.catalogue import partial_size

        if entry.id in self.downloads:
            return self.downloads[entry.id].job
        row = self.rows.get(entry.id)
        needed = entry.size - partial_size(entry, self._paths.downloads_dir)
        free = free_space(self._paths.data_dir)
        if free is not None and free < needed * 2:  # the package, then the installed module
            text = (
                f"There is not enough free disk space for “{entry.title}”: it needs about "
                f"{megabytes(needed * 2)} and {megabytes(free)} is free."
            )
            if row is not None:
                row.show_error(text)
            messages.warning(self, "Not enough disk space", text)
            return None
        paths = self._paths

        def work(progress: Progress, stop: threading.Event) -> InstallResult:
            from vrlearn.catalogue import download_and_install

            return download_and_install(entry, paths, progress=progress, stop=stop)

        job = Job(work, self, name=f"download {entry.id}")
        download = Download(job)
        self.downloads[entry.id] = download
        job.progressed.connect(lambda done, total: self._progressed(entry.id, done, total))
        job.succeeded.connect(lambda result: self._installed(entry, result))
        job.failed.connect(lambda error: self._download_failed(entry, download, error))
        job.finished.connect(lambda: self._download_finished(entry.id, job))
        if row is not None:
            row.show_error("")
            row.show_progress(partial_size(entry, self._paths.downloads_dir), entry.size)
            row.pause_button.setFocus()
        self.status_changed.emit(f"Downloading “{entry.title}”…")
        job.start()
        return job

    def pause(self, module_id: str) -> None:
        """Stop the download; what has arrived stays on disk for Resume (even after a restart)."""
        download = self.downloads.get(module_id)
        if download is not None:
            download.job.cancel()
            row = self.rows.get(module_id)
            if row is not None:
                row.status_label.setText("Pausing…")
                row.pause_button.setEnabled(False)

    def cancel(self, entry: CatalogueEntry) -> None:
        """Stop the download and delete what has arrived."""
        download = self.downloads.get(entry.id)
        if download is not None:
            download.cancel_requested = True
            download.job.cancel()
            return
        from vrlearn.catalogue import discard_partial

        discard_partial(entry, self._paths.downloads_dir)
        self.status_changed.emit(f"Download of “{entry.title}” cancelled.")
        self._update_rows()

    def pause_downloads(self) -> None:
        """Closing: pause every download (the parts stay on disk) and wait briefly for them."""
        jobs = [download.job for download in self.downloads.values()]
        for job in jobs:
            job.cancel()
        for job in jobs:
            job.wait(5)

    def _progressed(self, module_id: str, done: int, total: int) -> None:
        row = self.rows.get(module_id)
        download = self.downloads.get(module_id)
        if row is not None and download is not None and not download.job.cancelled:
            row.show_progress(done, total)

    def _installed(self, entry: CatalogueEntry, result: InstallResult) -> None:
        from vrlearn.ui.import_flow import installed_text

        text = installed_text(result)
        self.downloads.pop(entry.id, None)
        self.installed.emit(result)  # the window rescans the library
        self.status_changed.emit(text)
        row = self.rows.get(entry.id)
        if row is not None:
            row.show_error("")

    def _download_failed(self, entry: CatalogueEntry, download: Download, error: Exception) -> None:
        from vrlearn.catalogue import DownloadStopped, discard_partial
        from vrlearn.packages import ImportCancelled

        self.downloads.pop(entry.id, None)
        row = self.rows.get(entry.id)
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
            self,
            "The module was not installed",
            f"“{entry.title}” was not installed: {reason}",
            details=problems or "Your modules are as they were.",
        )

    def _download_finished(self, module_id: str, job: Job) -> None:
        download = self.downloads.get(module_id)
        if download is not None and download.job is job:
            del self.downloads[module_id]
        row = self.rows.get(module_id)
        if row is not None:
            row.pause_button.setEnabled(True)
        self._update_rows()
        self._update_space()
