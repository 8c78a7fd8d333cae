"""Logging, configured once at start: a rotating file in the data folder, warnings to stderr."""

from __future__ import annotations

import logging
import os
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
KEEP = 3


def rotate(log_file: Path, max_bytes: int = MAX_BYTES, keep: int = KEEP) -> None:
    """At start, move a log over `max_bytes` to `.1` (and `.1` to `.2` …), keeping `keep` old ones.

    Done once per start rather than with logging.handlers, whose import costs start-up time.
    """
    try:
        if log_file.stat().st_size <= max_bytes:
            return
    except FileNotFoundError:
        return
    for n in range(keep - 1, 0, -1):
        older = log_file.with_name(f"{log_file.name}.{n}")
        if older.exists():
            os.replace(older, log_file.with_name(f"{log_file.name}.{n + 1}"))
    os.replace(log_file, log_file.with_name(f"{log_file.name}.1"))


def configure(log_dir: Path, level: int = logging.INFO) -> Path | None:
    """Log to `log_dir/vrlearn.log` (rotated at start past 1 MB, 3 old files kept); returns the
    file, or None if the folder cannot be written (then only stderr gets warnings)."""
    root = logging.getLogger()
    root.setLevel(level)
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    console.setFormatter(logging.Formatter("vrlearn: %(levelname)s: %(message)s"))
    root.addHandler(console)
    log_file = log_dir / "vrlearn.log"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        rotate(log_file)
        handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError as error:
        logging.getLogger(__name__).warning("cannot write the log file %s: %s", log_file, error)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return log_file
