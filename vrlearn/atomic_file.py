"""Saving an exported file (PDF, CSV, public key) so that it is either whole or untouched."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

__all__ = ["write_file_atomically"]


def write_file_atomically(path: Path, payload: bytes) -> None:
    """Temp file in the same folder, fsync, rename over `path`. Raises OSError (the temporary
    file is removed and `path` left as it was)."""
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
