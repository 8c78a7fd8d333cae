"""Logging, configured once at start: a rotating file in the data folder, warnings to stderr."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure(log_dir: Path, level: int = logging.INFO) -> Path | None:
    """Log to `log_dir/vrlearn.log` (1 MB, 3 old files kept); returns the file, or None if the
    folder cannot be written (then only stderr gets warnings, and the app still runs)."""
    root = logging.getLogger()
    root.setLevel(level)
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    console.setFormatter(logging.Formatter("vrlearn: %(levelname)s: %(message)s"))
    root.addHandler(console)
    log_file = log_dir / "vrlearn.log"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError as error:
        logging.getLogger(__name__).warning("cannot write the log file %s: %s", log_file, error)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return log_file
