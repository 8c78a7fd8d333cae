"""Quiz text (Markdown) as safe rich text for labels, and as plain text for accessible names.

Raw HTML in the Markdown shows as text, never runs; images are not rendered at all (a label would
try to load the file itself), so `![alt](file)` shows as written. Links show as links but are not
followed: quiz labels take no text interaction.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextDocumentFragment

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return (
        MarkdownIt("commonmark", {"html": False, "typographer": True})
        .enable(["strikethrough"])
        .disable(["image"])
    )


@lru_cache(maxsize=512)
def markdown_html(text: str) -> str:
    """Block rich text (paragraphs, lists) for a prompt or a feedback."""
    return _markdown().render(text).strip()


@lru_cache(maxsize=512)
def inline_html(text: str) -> str:
    """Rich text without paragraph margins, for an option: one paragraph, or blocks if needed."""
    html = markdown_html(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


@lru_cache(maxsize=512)
def plain_text(text: str) -> str:
    """What a screen reader should say for a Markdown text: the words, without the marks."""
    rendered = QTextDocumentFragment.fromHtml(markdown_html(text)).toPlainText()
    return " ".join(rendered.split())
