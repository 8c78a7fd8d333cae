"""What the video view asks of the outside world, behind small factories tests can replace.

- `make_backend(parent)`: the video player for a reader (`media.choose.choose_backend()`); tests
  put a `FakeBackend` or a libVLC player without sound here.
- `ask_save_path(parent, title, suggested)`: where to save a transcript (a file dialog), or None.
- `ask_printer(parent)`: a printer chosen in the print dialog, or None.

Replace an attribute of `hooks` (e.g. with pytest's monkeypatch) to bypass the real dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from vrlearn.media.choose import BackendChoice


def _make_backend(parent: QObject | None) -> BackendChoice:
    from vrlearn.media.choose import choose_backend

    return choose_backend(parent=parent)


def _ask_save_path(parent: QWidget | None, title: str, suggested: Path) -> Path | None:
    name, _filter = QFileDialog.getSaveFileName(
        parent, title, str(suggested), "Text files (*.txt);;All files (*)"
    )
    return Path(name) if name else None


def _ask_printer(parent: QWidget | None) -> QPrinter | None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print transcript")
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


@dataclass
class VideoHooks:
    make_backend: Callable[[QObject | None], BackendChoice] = _make_backend
    ask_save_path: Callable[[QWidget | None, str, Path], Path | None] = _ask_save_path
    ask_printer: Callable[[QWidget | None], QPrinter | None] = _ask_printer


hooks = VideoHooks()
