"""Safe lookup of files inside a module folder: nothing a manifest or page names may escape it."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

MAX_PAGE_BYTES = 1_000_000


class UnsafePath(ValueError):
    """A path that points outside the module folder, or cannot be a plain relative path."""


def module_file(folder: Path, relative: str) -> Path:
    """The file `relative` (a `/`-separated path) inside `folder`, or UnsafePath saying why not.

    The file need not exist; if it exists, symlinks are followed and must stay in the folder.
    """
    if not relative:
        raise UnsafePath("is empty")
    if "\x00" in relative:
        raise UnsafePath("contains a NUL character")
    if "\\" in relative:
        raise UnsafePath("contains a backslash; use / between folders")
    posix = PurePosixPath(relative)
    if posix.is_absolute() or (len(relative) > 1 and relative[1] == ":"):
        raise UnsafePath("must be a path relative to the module folder")
    if any(part == ".." for part in posix.parts):
        raise UnsafePath("must not use '..' to leave the module folder")
    root = folder.resolve()
    target = root.joinpath(*posix.parts)
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError) as error:
        raise UnsafePath(f"cannot be resolved ({error})") from error
    if not resolved.is_relative_to(root):
        raise UnsafePath("points outside the module folder (through a link)")
    return resolved


def page_relative(page_file: str, reference: str) -> str:
    """A reference made in a page (e.g. `../images/a.svg`) as a path relative to the module root."""
    base = PurePosixPath(page_file).parent
    parts: list[str] = []
    for part in (base / reference).parts:
        if part == "..":
            if not parts:
                raise UnsafePath("must not use '..' to leave the module folder")
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)
