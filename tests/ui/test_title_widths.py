"""TitleWidths answers "does any title need two lines?" as measuring every title would, whatever
order the questions come in (narrow first, then wide, then narrow again)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from vrlearn.ui.library_delegate import TitleWidths, _title_font

TITLES = [
    "Vocational rehabilitation after stroke: the essentials",
    "Assessing work and working with employers",
    "Building VR into services",
    "AVATAR WAVE: To Ta Yo, kerning pairs",  # pairs that kerning pulls together
    "ﬁt notes ﬂow — ligatures and Siân Ŵyn",
    "Stroke basics",
    "",
]


def test_the_answer_matches_measuring_every_title_whole(qapp: QApplication) -> None:
    for size in (9.0, 13.0, 24.0):
        font = QFont(qapp.font())
        font.setPointSizeF(size)
        whole = QFontMetrics(_title_font(font))
        widths = TitleWidths(TITLES, font)
        widest = max(whole.horizontalAdvance(title) for title in TITLES)
        for line in [*range(20, widest + 40, 3), widest, widest - 1, 40, widest + 5]:
            assert widths.any_wider_than(line) == (widest > line), (size, line)


def test_no_titles_fit_any_line(qapp: QApplication) -> None:
    assert not TitleWidths([], qapp.font()).any_wider_than(10)
