"""Saving a file so that it is either whole or untouched: exports, settings, caches.

Temp file in the same folder, flush + fsync, `os.replace`, then fsync of the folder so the new
name survives a power cut too. (The records have their own storage with a kept last-good copy.)
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

__all__ = ["fsync_folder", "fsync_folder_if_possible", "unique_tag", "write_file_atomically"]

log = logging.getLogger(__name__)
_O_DIRECTORY: int = getattr(os, "O_DIRECTORY", 0)


def unique_tag() -> str:
    """`<process id>-<8 random hex digits>` for temporary names beside a file: no other process
    picks the same one, and the process id lets a later run tell whose leftover it is.
    (`os.urandom` rather than `secrets`, whose hashlib import costs start-up 10 ms.)"""
    return f"{os.getpid()}-{os.urandom(4).hex()}"


def write_file_atomically(path: Path, payload: bytes) -> None:
    """Write `payload` to `path` whole or not at all. Raises OSError (the temporary file is
    removed and `path` left as it was)."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.tmp-{unique_tag()}")
    try:
        with open(temp, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError:
        try:
            temp.unlink()
        except OSError:
            pass
        raise
    fsync_folder_if_possible(path.parent)


def fsync_folder(folder: Path) -> None:
    """fsync a folder so the names in it (new files, renames) reach the disk; raises OSError.

    Windows cannot open a folder this way; there NTFS journals the rename itself.
    """
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY | _O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_folder_if_possible(folder: Path) -> None:
    """`fsync_folder`, best effort: a file system that cannot (e.g. EINVAL) is logged, not
    raised, for callers whose files are already safe."""
    try:
        fsync_folder(folder)
    except OSError as error:
        log.warning("Could not fsync folder %s: %s", folder, error)
