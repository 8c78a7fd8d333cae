"""Message boxes through one small factory, with a switch that turns them off for tests and CI.

With dialogs turned off nothing is shown: each message is logged, appended to `shown`, and a
question returns the next answer queued with `queue_answer` (or its default answer). This keeps
tests and unattended runs from blocking on a modal box, as qutebrowser's `msgbox.py` does.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)

Icon = QMessageBox.Icon
Role = QMessageBox.ButtonRole


@dataclass(frozen=True)
class ShownMessage:
    """A message that would have been shown while dialogs were turned off."""

    icon: Icon
    title: str
    text: str
    details: str = ""


_enabled = True
shown: list[ShownMessage] = []
_answers: list[str] = []


def set_dialogs_enabled(enabled: bool) -> None:
    """Turn real dialogs on or off (off for tests and CI); clears recorded messages and answers."""
    global _enabled
    _enabled = enabled
    shown.clear()
    _answers.clear()


def dialogs_enabled() -> bool:
    return _enabled


def queue_answer(button_text: str) -> None:
    """With dialogs off, the next `choose` returns this button text."""
    _answers.append(button_text)


def _box(parent: QWidget | None, icon: Icon, title: str, text: str, details: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    box.setAccessibleName(title)
    box.setAccessibleDescription(text)
    if details:
        box.setInformativeText(details)
    return box


def _record(icon: Icon, title: str, text: str, details: str) -> None:
    log.info("%s: %s %s", title, text, details)
    shown.append(ShownMessage(icon, title, text, details))


def show(parent: QWidget | None, icon: Icon, title: str, text: str, details: str = "") -> None:
    """Show a message with an OK button and wait until it is closed."""
    if not _enabled:
        _record(icon, title, text, details)
        return
    box = _box(parent, icon, title, text, details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def information(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    show(parent, Icon.Information, title, text, details)


def warning(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    show(parent, Icon.Warning, title, text, details)


def critical(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    show(parent, Icon.Critical, title, text, details)


def choose(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: list[tuple[str, Role]],
    *,
    default: str,
    details: str = "",
) -> str:
    """Ask a question with the given buttons; returns the chosen button's text.

    Closing the box (Esc) returns the button with the reject role, or `default`.
    """
    if not _enabled:
        _record(Icon.Question, title, text, details)
        return _answers.pop(0) if _answers else default
    box = _box(parent, Icon.Question, title, text, details)
    by_button = {}
    for label, role in buttons:
        button = box.addButton(label, role)
        button.setAccessibleName(label.replace("&", ""))
        by_button[button] = label
        if label == default:
            box.setDefaultButton(button)
    box.exec()
    return by_button.get(box.clickedButton(), default)  # type: ignore[call-overload]
