"""Fonts for the quiz screens, which are drawn a little larger than the rest of the interface.

Widgets that the application style sheet styles do not reliably inherit a font set on their
parent, so each quiz screen sets its font on every widget itself: `spread_font` gives the screen's
font to each widget, except those given their own size with `own_font` (headings, prompts, the
review page). A styled widget that is moved to another parent later gets back the font it had
when first styled, so screens are built in place (with their final parent) and spread last.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from vrlearn.ui import theme

OWN_FONT = "ownFont"  # dynamic property: this widget keeps the font it was given


def own_font(widget: QWidget, base: QFont, factor: float = 1.0, *, bold: bool = False) -> None:
    """Give `widget` a font `factor` times `base`, which `spread_font` will leave alone."""
    widget.setFont(theme.scaled_font(base, factor, bold=bold))
    widget.setProperty(OWN_FONT, True)


def spread_font(root: QWidget, font: QFont) -> None:
    """Set `font` on `root` and every widget inside it that has no font of its own."""
    root.setFont(font)
    for widget in root.findChildren(QWidget):
        if widget.property(OWN_FONT):
            continue
        if any(parent.property(OWN_FONT) for parent in _parents(widget, root)):
            continue
        widget.setFont(font)


def _parents(widget: QWidget, root: QWidget) -> list[QWidget]:
    found = []
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        found.append(parent)
        parent = parent.parentWidget()
    return found
