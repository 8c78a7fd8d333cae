"""Web links from a page: ask first, then open them in the system browser or copy them.

VR Learn itself never loads anything from the network.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QWidget

from vrlearn.ui import messages

OPEN = "Open in browser"
COPY = "Copy link"
CANCEL = "Cancel"


def offer_web_link(parent: QWidget, url: QUrl) -> str:
    """Ask what to do with a web link; returns a short status message describing the outcome."""
    address = url.toString()
    answer = messages.choose(
        parent,
        "Open a web link?",
        "This link leads outside VR Learn. Open it in your web browser? "
        "You need an internet connection for it.",
        [
            (OPEN, messages.Role.AcceptRole),
            (COPY, messages.Role.ActionRole),
            (CANCEL, messages.Role.RejectRole),
        ],
        default=CANCEL,
        details=address,
    )
    if answer == OPEN:
        if QDesktopServices.openUrl(url):
            return f"Opened in your web browser: {address}"
        return f"Your web browser could not be started. The link is: {address}"
    if answer == COPY:
        QGuiApplication.clipboard().setText(address)
        return f"Link copied: {address}"
    return ""
