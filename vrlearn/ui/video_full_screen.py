"""Full screen for a video: the reader's own window goes full screen, nothing is re-parented.

libVLC draws into a native child window; moving it to a new top-level window would give it a
new native window in the middle of playing. Instead the window the video is in goes full screen
and everything but the picture and its controls is hidden (`hide` here, and whatever listens to
`changed`, such as the reader's contents and the main window's menus). Leaving restores the
window's previous state (maximised or not) and shows what was hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget


class FullScreen(QObject):
    """Puts `owner`'s window in and out of full screen; `changed(True/False)` tells the rest."""

    changed = Signal(bool)

    def __init__(self, owner: QWidget, hidden: Callable[[], Sequence[QWidget]]) -> None:
        super().__init__(owner)
        self._owner = owner
        self._hidden = hidden
        self._shown_before: list[QWidget] = []
        self._state_before = Qt.WindowState.WindowNoState
        self.active = False

    def enter(self) -> None:
        if self.active:
            return
        self.active = True
        window = self._owner.window()
        self._state_before = window.windowState()
        self._shown_before = [w for w in self._hidden() if not w.isHidden()]
        for widget in self._shown_before:
            widget.hide()
        self.changed.emit(True)
        window.showFullScreen()

    def leave(self) -> bool:
        """Back to the window as it was; False if it was not full screen."""
        if not self.active:
            return False
        self.active = False
        window = self._owner.window()
        window.setWindowState(self._state_before & ~Qt.WindowState.WindowFullScreen)
        if not window.isVisible():
            window.show()
        for widget in self._shown_before:
            widget.show()
        self._shown_before = []
        self.changed.emit(False)
        return True
