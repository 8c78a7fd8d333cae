"""GIFT text: escapes, `[format]` markers and whitespace, as Moodle's GIFT importer reads them.

The characters `~ = # { } :` and `\\` are written `\\~ \\= \\# \\{ \\} \\: \\\\` when meant
literally, and `\\n` is a line break. A backslash before anything else is itself. Text may start
with a format marker: `[html]`, `[markdown]`, `[plain]` or `[moodle]` (the default); text without
one takes the format of its question. HTML and Markdown text keeps its line breaks; plain and
Moodle text has every run of whitespace (line breaks included) folded into one space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ESCAPES = {"\\": "\\", ":": ":", "#": "#", "=": "=", "{": "{", "}": "}", "~": "~", "n": "\n"}
FORMATS = ("moodle", "html", "markdown", "plain")
DEFAULT_FORMAT = "moodle"

_FORMAT_MARKER = re.compile(r"\s*\[(moodle|html|markdown|plain)\]\s*")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class GiftText:
    """A piece of question text and its GIFT format (moodle, html, markdown or plain)."""

    format: str
    text: str


def find_unescaped(text: str, target: str, start: int = 0) -> int:
    """The index of the first `target` at or after `start` that is not part of an escape, or -1."""
    index = start
    while index < len(text):
        if text[index] == "\\" and text[index + 1 : index + 2] in ESCAPES:
            index += 2
            continue
        if text.startswith(target, index):
            return index
        index += 1
    return -1


def split_unescaped(text: str, separator: str) -> list[tuple[int, str]]:
    """`text` split at each unescaped `separator`, as (offset, part) pairs."""
    parts: list[tuple[int, str]] = []
    start = 0
    while (found := find_unescaped(text, separator, start)) >= 0:
        parts.append((start, text[start:found]))
        start = found + len(separator)
    parts.append((start, text[start:]))
    return parts


def unescape(text: str) -> str:
    """`text` with every GIFT escape replaced by the character it stands for."""
    out: list[str] = []
    index = 0
    while index < len(text):
        pair = text[index + 1 : index + 2]
        if text[index] == "\\" and pair in ESCAPES:
            out.append(ESCAPES[pair])
            index += 2
        else:
            out.append(text[index])
            index += 1
    return "".join(out)


def rich_text(raw: str, inherited: str) -> GiftText:
    """Raw GIFT text (escapes still in it) read with its optional format marker."""
    text_format = inherited
    if match := _FORMAT_MARKER.match(raw):
        text_format = match.group(1)
        raw = raw[match.end() :]
    return GiftText(text_format, normalise(raw, text_format))


def normalise(raw: str, text_format: str) -> str:
    """Whitespace as the format keeps it, trimmed, then escapes decoded."""
    if text_format in ("html", "markdown"):
        kept = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    else:
        kept = _WHITESPACE.sub(" ", raw).strip()
    return unescape(kept)


def plain_text(raw: str) -> str:
    """Text that takes no format marker (matching answers, categories, titles)."""
    return unescape(_WHITESPACE.sub(" ", raw).strip())
