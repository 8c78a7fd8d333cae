"""The SHA-256 of a module's content: every file in its folder, so a certificate pins exactly
what the learner studied.

The hash is computed over the files sorted by their relative path (with "/" separators, as UTF-8
bytes), each contributing::

    <path bytes> NUL <size as 8 bytes, big-endian> <file bytes>

so that neither moving bytes between files nor renaming a file can give the same hash. Every
regular file is included (manifest, pages, images, quizzes, videos, captions), and symbolic
links that stay inside the folder are followed, as `files.py` does when the module is read.
Links leading outside the folder, and anything that is not a file, are left out.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

__all__ = ["module_content_sha256"]

_CHUNK = 1024 * 1024


def module_files(folder: Path) -> list[tuple[str, Path]]:
    """(relative "/" path, file) of every file counted in the hash, sorted by path bytes."""
    root = folder.resolve()
    found: list[tuple[str, Path]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if _inside(root, here / d)]
        for name in filenames:
            path = here / name
            if path.is_file() and _inside(root, path):
                found.append((path.relative_to(root).as_posix(), path))
    found.sort(key=lambda pair: pair[0].encode("utf-8", "surrogateescape"))
    return found


def _inside(root: Path, path: Path) -> bool:
    if not path.is_symlink():
        return True
    try:
        path.resolve().relative_to(root)
    except (OSError, ValueError):
        return False
    return True


def module_content_sha256(folder: Path) -> str:
    """The hex SHA-256 of every file in the module folder (see the module docstring).

    Raises OSError if a file cannot be read.
    """
    digest = hashlib.sha256()
    for rel, path in module_files(folder):
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            digest.update(rel.encode("utf-8", "surrogateescape"))
            digest.update(b"\0")
            digest.update(size.to_bytes(8, "big"))
            copied = 0
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                copied += len(chunk)
            if copied != size:
                raise OSError(f"{path} changed while it was being read")
    return digest.hexdigest()
