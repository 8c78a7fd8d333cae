"""Hostile entry names: every name in a package must be a plain relative path inside the module.

Refused: absolute paths, drive (`C:`) and UNC (`\\\\server`) prefixes, `..`, `.` and empty parts,
backslashes, NUL and other control characters, characters or names Windows cannot store
(`<>:"|?*`, `CON`, a trailing dot or space), very long names, and two names that are the same
after case-folding and Unicode (NFC) normalisation, or a file that is also used as a folder.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

DRIVE = re.compile(r"^[A-Za-z]:")
WINDOWS_FORBIDDEN = set('<>:"|?*')
WINDOWS_DEVICES = {
    "con", "prn", "aux", "nul",
    *(f"com{n}" for n in range(1, 10)),
    *(f"lpt{n}" for n in range(1, 10)),
}  # fmt: skip


def name_problem(raw: str, max_chars: int = 1000, max_part_bytes: int = 255) -> str | None:
    """Why the entry name `raw` (as stored, before any clean-up) is refused, or None."""
    if raw in ("", "/"):
        return "has an empty name"
    if "\x00" in raw:
        return "has a NUL character in its name"
    if raw.startswith(("\\\\", "//")):
        return "is a network (UNC) path; entries must be relative to the module folder"
    if DRIVE.match(raw):
        return "starts with a drive letter; entries must be relative to the module folder"
    if "\\" in raw:
        return "has a backslash in its name; packages use / between folders"
    if raw.startswith("/"):
        return "is an absolute path; entries must be relative to the module folder"
    if len(raw) > max_chars:
        return f"has a name of {len(raw):,} characters; at most {max_chars:,}"
    parts = raw.removesuffix("/").split("/")
    if any(part == ".." for part in parts):
        return "uses '..' to leave the module folder"
    for part in parts:
        problem = _part_problem(part, max_part_bytes)
        if problem:
            return problem
    return None


def _part_problem(part: str, max_part_bytes: int) -> str | None:
    if part in ("", "."):
        return "has an empty or '.' folder in its name"
    if any(ord(char) < 32 or ord(char) == 127 for char in part):
        return "has a control character in its name"
    if WINDOWS_FORBIDDEN & set(part):
        return 'has one of < > : " | ? * in its name, which Windows cannot store'
    if part.endswith((".", " ")):
        return "has a name ending in a dot or a space, which Windows cannot store"
    if part.split(".")[0].lower() in WINDOWS_DEVICES:
        return f"uses the reserved Windows device name {part!r}"
    if len(part.encode("utf-8")) > max_part_bytes:
        return f"has a folder or file name longer than {max_part_bytes} bytes"
    return None


def folded(name: str) -> str:
    """The name as a case-insensitive, normalising file system sees it."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def collisions(names: Iterable[tuple[str, bool]]) -> list[tuple[str, str]]:
    """Pairs (name, problem) for names that clash: `names` are (name, is_folder) in package order.

    Two entries clash when they are equal after `folded`, or when a file's name is also used
    as a folder by another entry (`a` and `a/b`). Folder entries may repeat a folder already seen.
    """
    found: list[tuple[str, str]] = []
    files: dict[str, str] = {}
    folders: dict[str, str] = {}
    entries = list(names)
    for name, is_folder in entries:
        key = folded(name.removesuffix("/"))
        other = files.get(key) or (folders.get(key) if not is_folder else None)
        if other is not None:
            same = "appears twice" if other == name else f"clashes with {other!r}"
            found.append((name, f"{same} (names must differ in more than case or accents)"))
            continue
        if is_folder:
            folders.setdefault(key, name)
        else:
            files[key] = name
    for name, _is_folder in entries:
        parts = folded(name.removesuffix("/")).split("/")
        for depth in range(1, len(parts)):
            prefix = "/".join(parts[:depth])
            if prefix in files:
                found.append((name, f"is inside {files[prefix]!r}, which is a file, not a folder"))
                break
    return found
