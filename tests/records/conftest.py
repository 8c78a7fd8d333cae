"""Fixtures for the records store tests: a records folder, a populated store, real tmpfs mounts."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import unavailable
from tests.records.records_helpers import Populated, populate, run_command


@pytest.fixture
def records_dir(tmp_path: Path) -> Path:
    return tmp_path / "records"


@pytest.fixture
def populated(records_dir: Path) -> Populated:
    return Populated(records_dir, populate(records_dir))


def _require_root() -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return
    unavailable("these tests mount a tmpfs and need root")


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """Mount small real tmpfs file systems: `tmpfs(size="64k", read_only=False) -> folder`.

    Each mount is unmounted at teardown. `remount_read_only(folder)` flips one to read-only.
    """
    mounted: list[Path] = []

    def mount(size: str = "64k", read_only: bool = False, name: str = "") -> Path:
        _require_root()
        folder = tmp_path / (name or f"tmpfs{len(mounted)}")
        folder.mkdir()
        options = f"size={size},mode=0755" + (",ro" if read_only else "")
        result = run_command("mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder))
        if result.returncode != 0:
            pytest.fail(f"mount tmpfs failed: {result.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield mount
    for folder in reversed(mounted):
        if run_command("umount", str(folder)).returncode != 0:
            run_command("umount", "-l", str(folder))
