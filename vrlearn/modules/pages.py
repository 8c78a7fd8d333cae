"""Rendering a Markdown page to safe HTML, and the checks a page must pass.

Raw HTML in a page is shown as text, never run; links and images are limited to what the
CommonMark renderer allows, and images must be files inside the module folder.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from vrlearn.modules.contents import Item
from vrlearn.modules.files import MAX_PAGE_BYTES, UnsafePath, module_file, page_relative
from vrlearn.modules.model import Module, Problem

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

CITATION = re.compile(r"\[@([A-Za-z0-9][A-Za-z0-9_-]*)\]")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg"}


class PageError(Exception):
    """A page that cannot be shown; the message says why in plain words."""


@dataclass(frozen=True)
class RenderedPage:
    title: str
    html: str
    word_count: int


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported on first page, to keep start-up lean

    return MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(
        ["table", "strikethrough"]
    )


def read_page_text(module: Module, item: Item) -> str:
    """The page's Markdown source, or PageError saying what is wrong with the file."""
    try:
        path = module_file(module.folder, item.file)
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise PageError(f"{item.file} is {size / 1e6:.1f} MB; pages may be at most 1 MB.")
        raw = path.read_bytes()
    except UnsafePath as error:
        raise PageError(f"The page file {item.file!r} {error}.") from error
    except FileNotFoundError as error:
        raise PageError(f"The page file {item.file} is missing from the module.") from error
    except OSError as error:
        raise PageError(f"The page file {item.file} cannot be read: {error.strerror}.") from error
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PageError(
            f"{item.file} is not UTF-8 text (first bad byte on line {line})."
        ) from error


def _image_tokens(tokens: list[Token]) -> list[tuple[Token, int]]:
    found = []
    for token in tokens:
        line = token.map[0] + 1 if token.map else 1
        for child in token.children or []:
            if child.type == "image":
                found.append((child, line))
    return found


def check_page(module: Module, item: Item) -> list[Problem]:
    """Every problem in one page: unreadable file, bad images, unknown citations."""
    path = module.folder / item.file
    try:
        text = read_page_text(module, item)
    except PageError as error:
        return [Problem(path, 1, "page", str(error))]
    problems = []
    known = {reference.id for reference in module.references}
    for number, text_line in enumerate(text.splitlines(), start=1):
        for match in CITATION.finditer(text_line):
            if match.group(1) not in known:
                message = f"cites [@{match.group(1)}], which is not in the module's references"
                problems.append(Problem(path, number, "citation", message))
    for token, line in _image_tokens(_markdown().parse(text)):
        source = str(token.attrs.get("src", ""))
        if not token.content.strip():
            problems.append(Problem(path, line, "image", f"{source} needs alt text"))
        if resolve_resource(module, item, source) is None:
            reason = _image_problem(module, item, source)
            problems.append(Problem(path, line, "image", f"{source}: {reason}"))
    return problems


def _image_problem(module: Module, item: Item, source: str) -> str:
    if urlsplit(source).scheme:
        return "only images inside the module folder can be shown (no web or data addresses)"
    try:
        target = module_file(module.folder, page_relative(item.file, unquote(source)))
    except UnsafePath as error:
        return str(error)
    if target.suffix.lower() not in IMAGE_SUFFIXES:
        return "is not a PNG, JPEG, GIF or SVG image"
    return "image file not found"


def resolve_resource(module: Module, item: Item, url: str) -> Path | None:
    """The file inside the module that a page's relative image URL names, else None."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    try:
        target = module_file(module.folder, page_relative(item.file, unquote(parts.path)))
    except UnsafePath:
        return None
    if target.suffix.lower() not in IMAGE_SUFFIXES or not target.is_file():
        return None
    return target


def render_page(module: Module, item: Item) -> RenderedPage:
    """The page as safe HTML, with citations numbered and listed under the page."""
    text = read_page_text(module, item)
    numbers = {reference.id: n for n, reference in enumerate(module.references, start=1)}
    cited: list[str] = []

    def cite(match: re.Match[str]) -> str:
        ref_id = match.group(1)
        if ref_id not in numbers:
            return match.group(0)
        if ref_id not in cited:
            cited.append(ref_id)
        return f"[{numbers[ref_id]}]"

    body = _markdown().render(CITATION.sub(cite, text))
    if cited:
        by_id = {reference.id: reference for reference in module.references}
        entries = "".join(
            f"<li value='{numbers[ref_id]}'>{html.escape(by_id[ref_id].citation)}"
            + (
                f" <span class='url'>{html.escape(by_id[ref_id].url)}</span>"
                if by_id[ref_id].url
                else ""
            )  # fmt: skip
            + "</li>"
            for ref_id in cited
        )
        body += f"<hr/><h4>Sources on this page</h4><ol class='sources'>{entries}</ol>"
    return RenderedPage(item.title, body, len(text.split()))
