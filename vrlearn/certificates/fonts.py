"""The bundled font that every certificate and CPD log is drawn with (QtGui).

DejaVu Sans (regular and bold, `vrlearn/resources/fonts/`, Bitstream Vera licence in
LICENSE-DejaVu.txt) covers Latin, Greek and Cyrillic including Welsh ŵ ŷ, Polish ł, Irish
fadas and the like, so "Siân Ŵyn-Łukasiewicz" and "Zoë Ó Briain" print the same on every
computer, whatever fonts it has. Qt wheels ship no fonts; the font is loaded into Qt's
application font database from the bundled files the first time it is needed.

`ensure_gui()` makes a QGuiApplication when there is none (the command line), on the offscreen
platform unless one was chosen, so certificates render without a display.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from vrlearn.paths import resource_path

__all__ = ["FONT_FILES", "FontMissing", "certificate_font", "certificate_font_family", "ensure_gui"]

log = logging.getLogger(__name__)

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
_family: str | None = None
_app: QGuiApplication | None = None


class FontMissing(RuntimeError):
    """The bundled font could not be loaded (the installation is incomplete)."""


def ensure_gui() -> None:
    """Make sure a Qt GUI application exists (fonts and painting need one)."""
    global _app
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication(["vrlearn"])


def certificate_font_family() -> str:
    """The family name of the bundled font, loading it on first use."""
    global _family
    if _family is not None:
        return _family
    ensure_gui()
    families: set[str] = set()
    for name in FONT_FILES:
        path = resource_path("vrlearn", "resources", "fonts", name)
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            raise FontMissing(f"The certificate font {path} could not be loaded.")
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    if len(families) != 1:
        raise FontMissing(f"The certificate fonts have unexpected family names: {families}")
    _family = families.pop()
    log.debug("certificate font %s loaded", _family)
    return _family


def certificate_font(size_units: float, *, bold: bool = False) -> QFont:
    """The bundled font at `size_units` (the renderer's units, a pixel size), unhinted so that
    measurements do not depend on the device."""
    font = QFont(certificate_font_family())
    font.setPixelSize(max(1, round(size_units)))
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.PreferOutline)
    font.setKerning(True)
    # No ligatures: text copied or searched in the PDF reads "fi", not "ﬁ".
    font.setFeature(QFont.Tag("liga"), 0)
    return font
