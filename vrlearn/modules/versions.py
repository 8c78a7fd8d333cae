"""Module versions: MAJOR.MINOR.PATCH, compared as numbers (1.10.0 is newer than 1.9.0)."""

from __future__ import annotations

import re

VERSION_PATTERN = re.compile(r"(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})")

Version = tuple[int, int, int]


def parse_version(text: str) -> Version:
    """`"1.2.3"` → `(1, 2, 3)`; anything else raises ValueError naming the text."""
    match = VERSION_PATTERN.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a version (use MAJOR.MINOR.PATCH, e.g. 1.0.0)")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def is_newer(candidate: str, than: str) -> bool:
    """True when `candidate` is a strictly higher version than `than`."""
    return parse_version(candidate) > parse_version(than)
