"""Sizes as the learner reads them ("12.3 MB", "74.5 GB"), and the free space on a drive."""

from __future__ import annotations

import shutil
from pathlib import Path

__all__ = ["disk_size", "free_space", "megabytes"]

MB = 1024 * 1024  # as Windows Explorer counts them
GB = 1024 * MB


def megabytes(size: int) -> str:
    """`12_900_000` → "12.3 MB"; below 0.1 MB shows "0.1 MB" so nothing reads as empty."""
    if 0 < size < MB // 10:
        return "0.1 MB"
    return f"{size / MB:,.1f} MB"


def disk_size(size: int) -> str:
    """Free space as people read it: "74.5 GB", or in MB (as `megabytes`) below a gigabyte."""
    if size >= GB:
        return f"{size / GB:,.1f} GB"
    return megabytes(size)


def free_space(folder: Path) -> int:
    """Free bytes on the drive that holds `folder` (or its nearest existing parent)."""
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    return shutil.disk_usage(probe).free
