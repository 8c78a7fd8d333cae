"""Saving and printing a video's transcript: plain text, one caption per line with its time.

The dialogs come from `video_hooks` (tests replace them); the text from
`media.transcript.transcript_text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QWidget

from vrlearn.media.captions import Cue
from vrlearn.media.transcript import transcript_text
from vrlearn.ui.video_hooks import hooks

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


def suggested_path(name: str) -> Path:
    """`name` in the learner's Documents folder (or home folder)."""
    location = QStandardPaths.StandardLocation.DocumentsLocation
    folder = QStandardPaths.writableLocation(location) or str(Path.home())
    return Path(folder) / name


def save_transcript(
    parent: QWidget | None, cues: Sequence[Cue], title: str, file_name: str
) -> Path | None:
    """Ask where, then write the transcript as UTF-8 text; the file written, or None if the
    learner cancelled. OSError when the file cannot be written."""
    path = hooks.ask_save_path(parent, "Save transcript", suggested_path(file_name))
    if path is None:
        return None
    if not path.suffix:
        path = path.with_suffix(".txt")
    path.write_text(transcript_text(cues, title=title), encoding="utf-8")
    return path


def print_transcript(parent: QWidget | None, cues: Sequence[Cue], title: str) -> bool:
    """Ask for a printer, then print the transcript; False if the learner cancelled."""
    printer = hooks.ask_printer(parent)
    if printer is None:
        return False
    document = transcript_document(cues, title, parent.font() if parent else QFont())
    _print(document, printer)
    return True


def transcript_document(cues: Sequence[Cue], title: str, font: QFont) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setPlainText(transcript_text(cues, title=title))
    return document


def _print(document: QTextDocument, printer: QPrinter) -> None:
    document.print_(printer)
