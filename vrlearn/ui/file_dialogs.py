"""File choosers through one small factory, with the same off switch as `messages`.

With dialogs turned off (`messages.set_dialogs_enabled(False)`, as in tests and CI) nothing is
shown: each request is recorded in `asked`, and the next path queued with `queue_path` is
returned (None, "cancelled", when nothing is queued).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from vrlearn.ui import messages

log = logging.getLogger(__name__)

asked: list[str] = []  # titles of the choosers that would have been shown
_paths: list[Path | None] = []


def queue_path(path: Path | None) -> None:
    """With dialogs off, the next chooser returns `path` (None: the learner cancelled)."""
    _paths.append(path)


def clear() -> None:
    asked.clear()
    _paths.clear()


def _answer(title: str) -> Path | None:
    log.info("file chooser: %s", title)
    asked.append(title)
    return _paths.pop(0) if _paths else None


def save_path(parent: QWidget | None, title: str, suggested: Path, filters: str) -> Path | None:
    """Ask where to save a file; None if cancelled."""
    if not messages.dialogs_enabled():
        return _answer(title)
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    return Path(name) if name else None


def open_path(parent: QWidget | None, title: str, folder: Path, filters: str) -> Path | None:
    """Ask for a file to open; None if cancelled."""
    if not messages.dialogs_enabled():
        return _answer(title)
    name, _ = QFileDialog.getOpenFileName(parent, title, str(folder), filters)
    return Path(name) if name else None


def open_folder(parent: QWidget | None, title: str, folder: Path) -> Path | None:
    """Ask for a folder (e.g. a module folder on a USB stick); None if cancelled."""
    if not messages.dialogs_enabled():
        return _answer(title)
    name = QFileDialog.getExistingDirectory(parent, title, str(folder))
    return Path(name) if name else None
