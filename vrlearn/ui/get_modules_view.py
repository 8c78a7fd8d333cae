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

This file lays the screen out and shows the catalogue; the address bar is in
get_modules_address.py, the downloads in get_modules_downloads.py, one entry in get_modules_row.py.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from vrlearn import __version__
from vrlearn.catalogue.sizes import disk_size
from vrlearn.modules.library import Library
from vrlearn.paths import AppPaths
from vrlearn.ui import theme
from vrlearn.ui.background import Job, Progress
from vrlearn.ui.get_modules_address import NO_CATALOGUE, AddressBar
from vrlearn.ui.get_modules_downloads import Download, Downloads, free_space
from vrlearn.ui.get_modules_row import EntryRow

if TYPE_CHECKING:
    from vrlearn.catalogue import Catalogue, CatalogueEntry

__all__ = ["NO_CATALOGUE", "GetModulesView", "when"]

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


def when(moment: datetime) -> str:
    """A fetch time in the laptop's time zone: "26 November 2026, 14:05"."""
    local = moment.astimezone()
    return f"{local.day} {local:%B %Y}, {local:%H:%M}"


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
        self.refresh_job: Job | None = None
        self.download_control = Downloads(paths, lambda: self.rows, self)
        self.download_control.installed.connect(self.installed)
        self.download_control.status_changed.connect(self.status_changed)
        self.download_control.statuses_changed.connect(self._update_rows)
        self.download_control.finished.connect(self._update_rows)
        self.download_control.finished.connect(self._update_space)

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

        margin = self.fontMetrics().height()
        spacing = round(margin * 0.6)
        self.address_bar = AddressBar(paths.settings_file, spacing)
        self.address_bar.saved.connect(self._address_saved)
        self.address_bar.refresh_button.clicked.connect(self.refresh)
        self.address = self.address_bar.address
        self.save_button = self.address_bar.save_button
        self.refresh_button = self.address_bar.refresh_button
        self.address_error = self.address_bar.address_error
        self.explanation = self.address_bar.explanation
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(margin * 2, margin, margin * 2, margin)
        layout.setSpacing(spacing)
        layout.addLayout(top)
        layout.addWidget(self.address_bar)
        layout.addWidget(self.state_label)
        layout.addWidget(self.entry_scroll, 1)
        self.set_zoom(100)

    @property
    def downloads(self) -> dict[str, Download]:
        """The downloads running, by module id."""
        return self.download_control.active

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
        self.address_bar.set_url(url)
        cached = load_cached_catalogue(self._paths.catalogue_cache)
        if cached is not None and cached.feed_url == url:
            self.show_catalogue(cached, f"Last updated {when(cached.fetched_at)}.")
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
        return self.address_bar.save()

    def _address_saved(self, url: str | None) -> None:
        self.status_changed.emit("Catalogue address saved.")
        if url is None:
            self.catalogue = None
            self._set_rows(())
            self.state_label.setText("")
        else:
            self.refresh()

    def refresh(self) -> Job | None:
        """Fetch the catalogue in the background (the last one stays on screen meanwhile)."""
        url = self.address_bar.url()
        if not url:
            self.address_bar.show_explanation()
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
        from vrlearn.catalogue import entry_status, partial_size

        library = self._library()
        installed = {module.id: module.version for module in library.modules}
        for module_id, row in self.rows.items():
            if module_id in self.downloads:
                continue
            status = entry_status(row.entry, installed, __version__)
            row.show_entry_status(
                status, installed, partial_size(row.entry, self._paths.downloads_dir)
            )

    # -- downloads (get_modules_downloads.py) -------------------------------------------------

    def start_download(self, entry: CatalogueEntry) -> Job | None:
        """Download (or resume) and install `entry` in the background."""
        return self.download_control.start(entry)

    def pause(self, module_id: str) -> None:
        """Stop the download; what has arrived stays on disk for Resume (even after a restart)."""
        self.download_control.pause(module_id)

    def cancel(self, entry: CatalogueEntry) -> None:
        """Stop the download and delete what has arrived."""
        self.download_control.cancel(entry)

    def pause_downloads(self) -> None:
        """Closing: pause every download (the parts stay on disk) and wait briefly for them."""
        self.download_control.pause_all()
