"""Imported text as Markdown: plain text shows as written, simple HTML keeps its shape."""

from __future__ import annotations

import pytest

from vrlearn.quiz.markdown_text import html_to_markdown, plain_to_markdown


@pytest.mark.parametrize(
    ("plain", "markdown"),
    [
        ("Grant's tomb.", "Grant's tomb."),
        ("2 * 3 and a_b", "2 \\* 3 and a\\_b"),
        (
            "[link](x) <b> `code` # not a heading",
            "\\[link\\](x) \\<b\\> \\`code\\` \\# not a heading",
        ),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("1.5 stays", "1.5 stays"),
        ("line one\nline two", "line one\\\nline two"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_plain_text_is_escaped(plain: str, markdown: str) -> None:
    assert plain_to_markdown(plain) == markdown


def test_simple_html_becomes_markdown() -> None:
    markdown, unshowable = html_to_markdown(
        "<p>One <strong>bold</strong> and <i>italic</i>.</p>\n<p>Two<br>lines</p>"
        "<ul><li>first</li><li>second</li></ul><!-- a comment --><script>alert(1)</script>"
        "<p><span style='x'>&lt;tag&gt; &nbsp;kept</span></p>"
    )
    assert markdown == (
        "One **bold** and *italic*.\n\nTwo\\\nlines\n\n- first\n- second\n\n\\<tag\\> \xa0kept"
    )
    assert unshowable == ("script",)


def test_unshowable_elements_are_named() -> None:
    _, unshowable = html_to_markdown('<table><tr><td><img src="a.png"></td></tr></table><video>')
    assert unshowable == ("img", "table", "video")
