"""The native window libVLC draws into, inside the reader.

libVLC is given the widget's native window: an X11 window id on Linux (`set_xwindow`; under
Wayland the app must run with QT_QPA_PLATFORM=xcb), an HWND on Windows (`set_hwnd`), an NSView
on macOS (`set_nsobject`). Under the offscreen platform there is no window: the player is
created with `--vout=dummy` instead and nothing is attached. `QWidget.grab()` cannot see what
libVLC draws; take screenshots of the screen, or use `video_take_snapshot`.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

HEADLESS_PLATFORMS = ("offscreen", "minimal")


def has_display() -> bool:
    """False under Qt's offscreen (or minimal) platform, where libVLC must use `--vout=dummy`."""
    return QGuiApplication.platformName() not in HEADLESS_PLATFORMS


def embedding_problem() -> str:
    """Why libVLC cannot draw inside this app's windows, or "" when it can."""
    platform = QGuiApplication.platformName()
    if sys.platform.startswith("linux") and platform not in ("xcb", *HEADLESS_PLATFORMS):
        return (
            f"libVLC cannot show video inside a {platform} window; "
            "start the app with QT_QPA_PLATFORM=xcb"
        )
    return ""


class VideoSurface(QWidget):
    """A black native child window for libVLC to draw the video in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("black"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.setAccessibleName("Video")
        self.setMinimumSize(160, 90)


def attach(player: Any, surface: QWidget) -> None:
    """Tell libVLC to draw into `surface` (a no-op without a display)."""
    if not has_display():
        return
    window = int(surface.winId())
    if sys.platform == "win32":
        player.set_hwnd(window)
    elif sys.platform == "darwin":
        player.set_nsobject(window)
    else:
        player.set_xwindow(window)
    # Let Qt, not libVLC, receive clicks and keys over the video (space, f, arrows...).
    player.video_set_mouse_input(False)
    player.video_set_key_input(False)
