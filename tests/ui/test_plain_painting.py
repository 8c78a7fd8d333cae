"""plain_painting draws what QPainter's own calls would: fills, frames, coloured and cut text."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication

from vrlearn.ui import plain_painting
from vrlearn.ui.plain_painting import (
    ELLIPSIS,
    elided,
    fill,
    frame,
    one_line,
    text,
    text_right,
    two_lines,
)


def canvas(width: int = 300, height: int = 60) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    return image


def colours_in(image: QImage, area: QRect) -> set[str]:
    return {
        image.pixelColor(x, y).name()
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    }


def test_fill_and_frame_cover_exactly_their_pixels(qapp: QApplication) -> None:
    image = canvas()
    painter = QPainter(image)
    fill(painter, QRect(10, 10, 20, 10), "#005EB8")
    frame(painter, QRect(100, 10, 30, 20), "#FFEB3B", 3)
    painter.end()
    assert colours_in(image, QRect(10, 10, 20, 10)) == {"#005eb8"}
    assert colours_in(image, QRect(9, 9, 22, 1)) == {"#ffffff"}  # not a pixel more
    assert colours_in(image, QRect(100, 10, 30, 3)) == {"#ffeb3b"}  # top edge, 3 pixels thick
    assert colours_in(image, QRect(127, 10, 3, 20)) == {"#ffeb3b"}  # right edge
    assert colours_in(image, QRect(103, 13, 24, 14)) == {"#ffffff"}  # inside stays


def test_text_is_drawn_in_its_colour_and_the_painters_font(qapp: QApplication) -> None:
    image = canvas()
    painter = QPainter(image)
    font = QFont(qapp.font())
    font.setPointSizeF(18)
    painter.setFont(font)
    text(painter, 5, 5, "Fit notes", "#D5281B")
    painter.end()
    metrics = QFontMetrics(font)
    inked = QRect(5, 5, metrics.horizontalAdvance("Fit notes"), metrics.height())
    assert "#d5281b" in colours_in(image, inked)  # solid glyph pixels in the colour asked for
    assert colours_in(image, QRect(inked.right() + 3, 0, 20, 60)) == {"#ffffff"}


def test_text_shows_markup_in_a_title_as_written(qapp: QApplication) -> None:
    image, plain = canvas(), canvas()
    for target, words in ((image, "<b>Bold</b> & co"), (plain, "Bold & co")):
        painter = QPainter(target)
        text(painter, 5, 5, words, "#000000")
        painter.end()
    metrics = QFontMetrics(qapp.font())
    marked_width = metrics.horizontalAdvance("<b>Bold</b> & co")
    beyond_plain = QRect(5 + metrics.horizontalAdvance("Bold & co") + 2, 5, 40, metrics.height())
    assert beyond_plain.right() < 5 + marked_width
    assert colours_in(plain, beyond_plain) == {"#ffffff"}
    assert colours_in(image, beyond_plain) != {"#ffffff"}  # the tags are drawn as text
    assert plain_painting._escaped("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"


def test_text_right_ends_at_the_right_edge(qapp: QApplication) -> None:
    image = canvas()
    painter = QPainter(image)
    box = QRect(50, 10, 200, 30)
    text_right(painter, box, QFontMetrics(qapp.font()), "40 min", "#000000")
    painter.end()
    assert colours_in(image, QRect(50, 10, 120, 30)) == {"#ffffff"}
    assert colours_in(image, QRect(200, 10, 50, 30)) != {"#ffffff"}


def test_elided_cuts_to_the_width_with_an_ellipsis(qapp: QApplication) -> None:
    metrics = QFontMetrics(qapp.font())
    title = "Vocational rehabilitation after stroke: the essentials"
    whole = metrics.horizontalAdvance(title)
    assert elided(metrics, title, whole) == title
    cut = elided(metrics, title, whole // 2)
    assert cut.endswith(ELLIPSIS) and title.startswith(cut[:-1])
    assert metrics.horizontalAdvance(cut) <= whole // 2
    prefix, more = cut[:-1], len(cut) - 1
    while title[:more].rstrip() == prefix:
        more += 1
    assert metrics.horizontalAdvance(title[:more].rstrip() + ELLIPSIS) > whole // 2  # the longest
    assert elided(metrics, title, metrics.horizontalAdvance(ELLIPSIS)) == ELLIPSIS
    assert elided(metrics, title, 0) == ""


def test_one_line_joins_lines_and_spaces() -> None:
    assert one_line("  Work\n and   fatigue \t") == "Work and fatigue"


def test_two_lines_break_between_words_and_elide_the_second(qapp: QApplication) -> None:
    metrics = QFontMetrics(qapp.font())
    title = "Vocational rehabilitation after stroke: the essentials"
    assert two_lines(metrics, title, metrics.horizontalAdvance(title)) == (title, "")
    width = metrics.horizontalAdvance("Vocational rehabilitation after")
    first, second = two_lines(metrics, title, width)
    assert (first, second) == ("Vocational rehabilitation after", "stroke: the essentials")
    narrow = metrics.horizontalAdvance("Vocational rehab")
    first, second = two_lines(metrics, title, narrow)
    assert first == "Vocational"
    assert second.endswith(ELLIPSIS) and "rehabilitation after stroke".startswith(second[:-1])
    assert metrics.horizontalAdvance(second) <= narrow


def test_two_lines_elide_a_first_word_wider_than_the_line(qapp: QApplication) -> None:
    metrics = QFontMetrics(qapp.font())
    first, second = two_lines(metrics, "Pneumonoultramicroscopic words", 40)
    assert second == ""
    assert first.endswith(ELLIPSIS) and metrics.horizontalAdvance(first) <= 40
