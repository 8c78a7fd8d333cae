"""The video view's keys: Space, Left, Right, F, C, M, and Esc while in full screen.

They work while the focus is anywhere in the video view; a focused widget that uses a key itself
keeps it (a button takes Space, the search box takes what is typed, the seek bar the arrows).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

SKIP_SECONDS = 10.0
NO_MODIFIERS = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class KeyTarget(Protocol):
    """What the keys control (the video view)."""

    @property
    def is_full_screen(self) -> bool: ...

    def toggle_play(self) -> None: ...

    def skip(self, delta: float) -> None: ...

    def toggle_full_screen(self) -> None: ...

    def leave_full_screen(self) -> bool: ...

    def toggle_captions(self) -> None: ...

    def toggle_mute(self) -> None: ...


def key_action(target: KeyTarget, event: QKeyEvent) -> Callable[[], object] | None:
    """What a key press does, or None if it is not a video key."""
    if event.modifiers() not in NO_MODIFIERS:
        return None
    actions: dict[int, Callable[[], object]] = {
        Qt.Key.Key_Space.value: target.toggle_play,
        Qt.Key.Key_Left.value: lambda: target.skip(-SKIP_SECONDS),
        Qt.Key.Key_Right.value: lambda: target.skip(SKIP_SECONDS),
        Qt.Key.Key_F.value: target.toggle_full_screen,
        Qt.Key.Key_C.value: target.toggle_captions,
        Qt.Key.Key_M.value: target.toggle_mute,
    }
    if target.is_full_screen:
        actions[Qt.Key.Key_Escape.value] = target.leave_full_screen
    return actions.get(int(event.key()))


def overrides_shortcut(target: KeyTarget, event: QEvent) -> bool:
    """In full screen Esc leaves it, instead of the window's Esc shortcut (back to library)."""
    return (
        event.type() == QEvent.Type.ShortcutOverride
        and isinstance(event, QKeyEvent)
        and event.key() == Qt.Key.Key_Escape
        and target.is_full_screen
    )
