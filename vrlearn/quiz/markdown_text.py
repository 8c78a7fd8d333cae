"""Imported question text as the Markdown a quiz shows.

Plain text is escaped so that it shows exactly as written. Simple HTML (paragraphs, line breaks,
lists, bold, italic, links) becomes the same in Markdown; elements that cannot be shown offline
from inside the module (images, tables, media, scripts, forms) are named so the import can refuse
the question instead of silently losing part of it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&])")
_LINE_START = re.compile(r"^([ \t]*)([-+=]|\d+[.)])(?=\s|$)", re.MULTILINE)
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre", "blockquote"}
_STRONG = {"b", "strong"}
_EMPHASIS = {"i", "em"}
_SKIPPED = {"script", "style"}
UNSHOWABLE = {
    "img", "table", "iframe", "video", "audio", "object", "embed", "script", "svg", "math",
    "canvas", "form", "input", "select", "textarea", "button",
}  # fmt: skip


def plain_to_markdown(text: str) -> str:
    """Plain text that renders as itself in Markdown; line breaks stay line breaks."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    escaped = _LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)[:-1]}\\{m.group(2)[-1]}", escaped)
    return escaped.replace("\n", "\\\n")


def html_to_markdown(html: str) -> tuple[str, tuple[str, ...]]:
    """Markdown for `html`, and the names of elements in it that cannot be shown."""
    converter = _Converter()
    converter.feed(html)
    converter.close()
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", "".join(converter.out))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, tuple(sorted(converter.unshowable))


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.unshowable: set[str] = set()
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in UNSHOWABLE:
            self.unshowable.add(tag)
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCK:
            self.out.append("\n\n")
        elif tag == "br":
            self.out.append("\\\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag in _STRONG:
            self.out.append("**")
        elif tag in _EMPHASIS:
            self.out.append("*")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in _BLOCK:
            self.out.append("\n\n")
        elif tag in _STRONG:
            self.out.append("**")
        elif tag in _EMPHASIS:
            self.out.append("*")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        text = _HTML_SPACE.sub(" ", data)
        at_line_start = not self.out or self.out[-1].endswith("\n")
        if at_line_start:
            text = text.lstrip()
        self.out.append(plain_to_markdown(text) if text else "")
