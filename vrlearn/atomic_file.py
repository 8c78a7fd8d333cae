"""Saving a file so that it is either whole or untouched: exports, settings, caches.

Temp file in the same folder, flush + fsync, `os.replace`, then fsync of the folder so the new
name survives a power cut too. (The records have their own storage with a kept last-good copy.)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

__all__ = ["write_file_atomically"]


def write_file_atomically(path: Path, payload: bytes) -> None:
    """Write `payload` to `path` whole or not at all. Raises OSError (the temporary file is
    removed and `path` left as it was)."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
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
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Best effort: the file itself is already safe; Windows cannot open a folder for fsync."""
    if os.name == "nt":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
