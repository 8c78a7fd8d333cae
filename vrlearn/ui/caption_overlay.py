"""The current caption, drawn by the reader when the player does not draw captions itself.

libVLC draws captions on the picture; QtMultimedia (the fallback) and the test player do not
(`VideoBackend.draws_captions` is False), so this strip under the picture shows the cue at the
current time, white on black like broadcast captions. It keeps room for two lines, so the video
does not jump when a caption appears.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from vrlearn.media.captions import Cue
from vrlearn.media.transcript import cue_at
from vrlearn.ui import theme


class CaptionOverlay(QLabel):
    """Shows the cue at the time given to `set_time`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captionOverlay")
        self.setAccessibleName("Caption")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setFont(theme.scaled_font(self.font(), 1.2))
        self.setMinimumHeight(round(self.fontMetrics().lineSpacing() * 2.6))
        self.setStyleSheet("QLabel#captionOverlay { background: black; color: white; }")
        self._cues: tuple[Cue, ...] = ()
        self._shown: int | None = None

    def set_cues(self, cues: Sequence[Cue]) -> None:
        self._cues = tuple(cues)
        self._shown = None
        self.clear()

    def set_time(self, seconds: float) -> None:
        index = cue_at(self._cues, seconds) if self._cues else None
        if index == self._shown:
            return
        self._shown = index
        self.setText(self._cues[index].text if index is not None else "")
        self.setAccessibleDescription(self.text())
