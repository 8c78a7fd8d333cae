"""Is it the package? Checks on what a server sends for a download, and on a file kept before.

Plain functions on headers and bytes, so `download.py` reads as the steps of a download:
`could_be_zip` and `looks_like_html` look at the first bytes, `is_html` and `content_range` at
the headers, `whole_file_matches` at a finished `.vrmod` left from an earlier run.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from vrlearn.catalogue.feed import CatalogueEntry

__all__ = [
    "READ_SIZE",
    "ZIP_SIGNATURE",
    "content_range",
    "could_be_zip",
    "is_html",
    "looks_like_html",
    "whole_file_matches",
]

ZIP_SIGNATURE = b"PK\x03\x04"
READ_SIZE = 1024 * 1024  # bytes read at a time from a file on disk


def whole_file_matches(path: Path, entry: CatalogueEntry) -> bool:
    """True when the file at `path` has the size and SHA-256 the catalogue lists for `entry`."""
    try:
        if path.stat().st_size != entry.size:
            return False
        hasher = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(READ_SIZE):
                hasher.update(chunk)
    except OSError:
        return False
    return hasher.hexdigest() == entry.sha256


def content_range(header: str) -> tuple[int, int, int] | None:
    """`bytes 100-199/200` → (100, 199, 200); None for anything else."""
    unit, _, spec = header.strip().partition(" ")
    span, _, total = spec.partition("/")
    first, _, last = span.partition("-")
    if unit.lower() != "bytes" or not (first.isdigit() and last.isdigit() and total.isdigit()):
        return None
    return int(first), int(last), int(total)


def could_be_zip(head: bytes) -> bool:
    """True when `head` (some first bytes, at least one) is the start of a zip file."""
    return head[: len(ZIP_SIGNATURE)] == ZIP_SIGNATURE[: len(head)] and len(head) > 0


def is_html(content_type: str) -> bool:
    """True for a Content-Type that says a web page."""
    return content_type.split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml")


def looks_like_html(head: bytes) -> bool:
    """True when the first bytes look like a web page (or any markup)."""
    start = head.lstrip().lower()
    return start.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<"))
