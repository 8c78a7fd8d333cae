"""Colours, font sizes and the small style sheet that give VR Learn its calm NHS-like look.

Colours follow the NHS digital service palette; they only ever accent text that already carries
the meaning (a mark, a word), never replace it. Sizes are derived from the application font in
points so everything scales with the user's font settings.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

NHS_BLUE = "#005EB8"
NHS_DARK_BLUE = "#003087"
TEXT = "#212B32"
SECONDARY_TEXT = "#4C6272"
PALE_GREY = "#F0F4F5"
BORDER = "#D8DDE0"
HOVER = "#F7F9FA"
PALE_BLUE = "#E8F1FA"
GREEN = "#007F3B"
RED = "#D5281B"
FOCUS_YELLOW = "#FFEB3B"
DISABLED_TEXT = "#768692"

STYLE_SHEET = f"""
#libraryView, #readerView {{ background: {PALE_GREY}; }}
#moduleList {{ background: {PALE_GREY}; border: none; color: {TEXT}; }}
#contentsTree, #pageBrowser {{ background: white; border: 1px solid {BORDER}; color: {TEXT}; }}
#contentsTree::item {{ padding: 0.2em 0.1em; }}
#heading {{ color: {TEXT}; }}
#secondaryText {{ color: {SECONDARY_TEXT}; }}
#noticeBar {{ background: #FFF9C4; border-bottom: 1px solid #E0C200; }}
#noticeText {{ color: {TEXT}; }}
#noticeIcon {{ color: {NHS_BLUE}; }}
QPushButton#primaryButton {{
    background: {NHS_BLUE}; color: white; border: none; border-radius: 0.2em;
    padding: 0.35em 1.1em; font-weight: bold;
}}
QPushButton#primaryButton:hover {{ background: {NHS_DARK_BLUE}; }}
QPushButton#primaryButton:disabled {{ background: {BORDER}; color: {SECONDARY_TEXT}; }}
QPushButton#primaryButton:focus, QPushButton#linkButton:focus {{
    background: {FOCUS_YELLOW}; color: {TEXT}; border-bottom: 0.2em solid {TEXT};
}}
QPushButton#linkButton {{
    background: transparent; color: {NHS_BLUE}; border: none; padding: 0.35em 0.6em;
    text-decoration: underline;
}}
QPushButton#linkButton:hover {{ color: {NHS_DARK_BLUE}; }}
QPushButton#linkButton:disabled {{ color: {DISABLED_TEXT}; text-decoration: none; }}
QLabel#fieldError {{ color: {RED}; font-weight: bold; }}
QStackedWidget#quizView {{ background: white; border: 1px solid {BORDER}; }}
#quizScroll, #quizScroll > QWidget#qt_scrollarea_viewport, #quizColumn {{ background: white; }}
#quizView QLabel {{ color: {TEXT}; }}
#quizView QLabel#secondaryText, #quizView QLabel#crumb {{ color: {SECONDARY_TEXT}; }}
QGroupBox#questionBox {{ border: none; margin: 0; padding: 0; }}
QLabel#questionNumber {{ color: {SECONDARY_TEXT}; font-weight: bold; }}
QLabel#quizProgress {{ font-weight: bold; }}
QFrame#optionRow {{ background: white; border: 1px solid {BORDER}; border-radius: 0.25em; }}
QFrame#optionRow:hover {{ background: {HOVER}; border-color: {SECONDARY_TEXT}; }}
QFrame#optionRow[checked="true"] {{ background: {PALE_BLUE}; border: 1px solid {NHS_BLUE}; }}
QFrame#optionRow[focused="true"] {{ border: 2px solid {TEXT}; }}
QProgressBar#answeredBar {{ background: {PALE_GREY}; border: none; border-radius: 2px; }}
QProgressBar#answeredBar::chunk {{ background: {NHS_BLUE}; border-radius: 2px; }}
QLabel#resultMark {{ color: white; background: {RED}; }}
QLabel#resultMark[passed="true"] {{ background: {GREEN}; }}
QPushButton#captionsButton {{ font-weight: bold; }}
QPushButton#captionsButton:checked {{
    background: {TEXT}; color: white; border: 1px solid {TEXT}; border-radius: 0.2em;
    padding: 0.3em 0.8em;
}}
QLabel#videoNotice {{ background: #FFF9C4; color: {TEXT}; padding: 0.3em 0.6em; }}
QLabel#watchedText {{ color: {TEXT}; font-weight: bold; }}
#transcriptList {{ background: white; border: 1px solid {BORDER}; color: {TEXT}; }}
#transcriptList::item {{ padding: 0.25em 0.1em; }}
QLabel#transcriptProblem {{ color: {RED}; font-weight: bold; }}
"""


def scaled_font(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    """A copy of `base` at `factor` times its point size."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    font.setBold(bold)
    return font


def apply_theme(app: QApplication) -> None:
    """Install the palette accents and the style sheet on the application."""
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor(NHS_BLUE))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ColorRole.Link, QColor(NHS_BLUE))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    app.setPalette(palette)
    app.setStyleSheet(STYLE_SHEET)
