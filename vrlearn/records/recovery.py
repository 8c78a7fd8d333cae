"""Opening the records files safely: check the folder, read each file, repair what is damaged.

Reading is split from repairing so the store can refuse records from a newer version of the app
before anything on disk is touched. Repair rules, per file:

- the file parses: use it, and refresh its `.bak` copy from it (a known-good state);
- it is damaged: move it aside to `NAME.json.corrupt-<UTC time>` (never delete it), restore the
  `.bak` copy and tell the user through a notice; with no good copy, start that file empty and
  say where the damaged file was kept and that its records could not be restored;
- it is missing but a `.bak` exists (e.g. a crash between two steps above): restore the copy.

Each step is itself atomic, so a crash at any point leaves something the next open can repair.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from vrlearn.atomic_file import unique_tag

from .errors import RecordsError, describe_os_error
from .layout import CORRUPT_INFIX, META_DOC_ID, META_TABLE, FileSpec
from .storage import (
    TEMP_MARKER,
    DamagedFileError,
    TinyData,
    atomic_write_bytes,
    backup_path_for,
    decode_tinydb,
    encode_tinydb,
    fsync_dir,
)

__all__ = [
    "FileCopy",
    "Inspection",
    "SettledFile",
    "ensure_writable_dir",
    "inspect_file",
    "meta_problem",
    "remove_stale_temp_files",
    "settle_file",
]

log = logging.getLogger(__name__)

PROBE_PREFIX = ".write-probe-"
STALE_TEMP_AGE_S = 300.0  # leftovers of a crash; younger ones may belong to a running save


@dataclass(frozen=True)
class FileCopy:
    """What one file on disk (the main file or its .bak) holds."""

    path: Path
    state: Literal["ok", "missing", "damaged"]
    data: TinyData | None = None
    raw: bytes | None = None
    reason: str = ""  # why it is damaged, in plain words

    @property
    def ok(self) -> bool:
        return self.state == "ok"


@dataclass(frozen=True)
class Inspection:
    """A file of the store and its last good copy, as found on disk."""

    spec: FileSpec
    main: FileCopy
    backup: FileCopy


@dataclass(frozen=True)
class SettledFile:
    """A file after repair: its parsed data, its exact bytes on disk, and its .bak bytes."""

    data: TinyData
    raw: bytes
    backup_raw: bytes | None


def ensure_writable_dir(folder: Path) -> None:
    """Create `folder` if needed and prove it can be written with a probe file.

    Raises RecordsError naming the folder when it cannot be created or written.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RecordsError(
            f"The records folder {folder} cannot be written: it could not be created "
            f"({describe_os_error(exc)}). VR Learn needs this folder to save learner progress."
        ) from exc
    probe = folder / f"{PROBE_PREFIX}{unique_tag()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    except OSError as exc:
        raise RecordsError(
            f"The records folder {folder} cannot be written ({describe_os_error(exc)}). "
            "VR Learn needs to save learner progress there: check that the drive is not "
            "read-only or full and that you are allowed to change files in that folder. "
            "Nothing was changed."
        ) from exc
    try:
        os.unlink(probe)
    except OSError as exc:
        log.warning("Could not remove probe file %s: %s", probe, exc)


def remove_stale_temp_files(folder: Path, max_age_s: float = STALE_TEMP_AGE_S) -> list[Path]:
    """Remove temporary and probe files left by a crash (older than `max_age_s`)."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(PROBE_PREFIX) or (name.startswith(".") and TEMP_MARKER in name)):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < max_age_s:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError as exc:
            log.warning("Could not remove stale temporary file %s: %s", entry.path, exc)
    return removed


def meta_problem(data: TinyData) -> str | None:
    """Why store.json's data is not usable, or None when it is."""
    meta = data.get(META_TABLE, {}).get(str(META_DOC_ID))
    if not isinstance(meta, dict):
        return "it has no records information"
    version = meta.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return f"its records version {version!r} is not a positive whole number"
    files = meta.get("files", [])
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return "its list of files is not a list of names"
    return None


def read_copy(path: Path, validate: Callable[[TinyData], str | None] | None = None) -> FileCopy:
    """Read and check one file without changing anything.

    A file that cannot be read for a reason other than its content (permission, I/O error) is
    not treated as damaged: RecordsError is raised and nothing is moved.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return FileCopy(path, "missing")
    except IsADirectoryError:
        return FileCopy(path, "damaged", reason="a folder is in the way where the file should be")
    except OSError as exc:
        raise RecordsError(
            f"Could not read the records file {path}: {describe_os_error(exc)}. "
            "Nothing was changed."
        ) from exc
    try:
        data = decode_tinydb(raw)
    except DamagedFileError as exc:
        return FileCopy(path, "damaged", raw=raw, reason=str(exc))
    problem = validate(data) if validate else None
    if problem:
        return FileCopy(path, "damaged", raw=raw, reason=problem)
    return FileCopy(path, "ok", data=data, raw=raw)


def inspect_file(
    folder: Path, spec: FileSpec, validate: Callable[[TinyData], str | None] | None = None
) -> Inspection:
    """Read a file and its .bak copy, changing nothing."""
    main = folder / spec.name
    return Inspection(spec, read_copy(main, validate), read_copy(backup_path_for(main), validate))


def _utc_stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def move_aside(path: Path) -> Path:
    """Rename a damaged file to `NAME.corrupt-<UTC time>` (never overwriting) and return it."""
    base = path.with_name(f"{path.name}{CORRUPT_INFIX}{_utc_stamp()}")
    target = base
    counter = 2
    while target.exists():
        target = base.with_name(f"{base.name}-{counter}")
        counter += 1
    try:
        os.rename(path, target)
    except OSError as exc:
        raise RecordsError(
            f"The records file {path} is damaged and could not be moved aside "
            f"({describe_os_error(exc)}). Nothing was deleted."
        ) from exc
    fsync_dir(path.parent)
    log.warning("Moved damaged records file %s to %s", path, target)
    return target


def _saved_at(path: Path) -> str:
    try:
        stamp = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return "at an unknown time"
    return stamp.strftime("%Y-%m-%d %H:%M UTC")


def settle_file(
    inspection: Inspection,
    *,
    empty: TinyData,
    empty_words: str,
    expected: bool,
    notices: list[str],
    create: bool = True,
) -> SettledFile:
    """Make sure the file on disk is good, repairing it as described above.

    `empty` is the state to start from when there is nothing to restore, `empty_words` says what
    that means for the user ("no learner profiles"). A missing file with no copy is created
    silently unless `expected` (the store says it should exist); with `create=False` it is not
    created at all (raw b"": the first save creates it). Notices are appended to
    `notices`. Raises RecordsError / RecordsWriteError if a repair step cannot be done; every
    step is atomic, so a later open can finish the job.
    """
    spec, main, backup = inspection.spec, inspection.main, inspection.backup
    what = spec.label
    if main.ok:
        assert main.data is not None and main.raw is not None
        backup_raw = backup.raw if backup.ok else None
        if backup_raw != main.raw:
            backup_raw = _refresh_backup(backup.path, main.raw, what) or backup_raw
        return SettledFile(main.data, main.raw, backup_raw)

    moved_to = move_aside(main.path) if main.state == "damaged" else None
    problem = (
        f"The {what} file {main.path} could not be read: {main.reason}."
        if moved_to
        else f"The {what} file {main.path} was missing."
    )

    if backup.ok:
        assert backup.data is not None and backup.raw is not None
        atomic_write_bytes(main.path, backup.raw, what=what)
        kept = (
            f" The damaged file was moved to {moved_to}, and the file was"
            if moved_to
            else " It was"
        )
        notices.append(
            f"{problem}{kept} restored from the last good copy (saved {_saved_at(backup.path)}). "
            "Anything recorded after that time may be missing."
        )
        log.warning("%s", notices[-1])
        return SettledFile(backup.data, backup.raw, backup.raw)

    if not create and main.state == "missing" and backup.state == "missing" and not expected:
        return SettledFile(decode_tinydb(encode_tinydb(empty)), b"", None)
    backup_moved = move_aside(backup.path) if backup.state == "damaged" else None
    raw = encode_tinydb(empty)
    atomic_write_bytes(main.path, raw, what=what)
    backup_raw = _refresh_backup(backup.path, raw, what)
    if moved_to is None and backup_moved is None and not expected:
        return SettledFile(decode_tinydb(raw), raw, backup_raw)  # a new file: nothing was lost

    no_copy = (
        f"there was no good copy (the last copy was damaged too and was kept at {backup_moved})"
        if backup_moved
        else "there was no copy to restore"
    )
    if moved_to:
        notices.append(
            f"{problem} The damaged file was kept at {moved_to}. Its records could not be "
            f"restored because {no_copy}, so VR Learn started with {empty_words}. "
            "Please ask IT support to look at the damaged file."
        )
    else:
        notices.append(
            f"{problem} Its records could not be restored because {no_copy}, "
            f"so VR Learn started with {empty_words}."
        )
    log.warning("%s", notices[-1])
    return SettledFile(decode_tinydb(raw), raw, backup_raw)


def _refresh_backup(path: Path, raw: bytes, what: str) -> bytes | None:
    try:
        atomic_write_bytes(path, raw, what=f"copy of the {what}")
    except RecordsError as exc:  # the main file is fine; a stale copy is not worth failing for
        log.warning("Could not refresh the last good copy: %s", exc)
        return None
    return raw
