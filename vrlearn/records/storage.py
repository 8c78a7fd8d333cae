"""Crash-safe JSON files for TinyDB.

TinyDB's own JSONStorage rewrites its file in place (seek, write, truncate), so a kill at the
wrong moment leaves a file that will not parse. Here every save goes to a temporary file in the
same folder, which is flushed and fsynced, then renamed over the real file with `os.replace`,
and finally the folder itself is fsynced so the rename survives a power cut. The real file is
therefore always either the old version or the new one, never a mixture.

`AtomicJSONStorage` keeps the parsed data in memory (reads cost nothing) together with the exact
bytes last known to be on disk. When a save fails the in-memory data is rebuilt from those bytes,
so the store never pretends that a failed save worked. `batch()` groups several TinyDB
operations into one save.

A storage made with `deferred=True` is written behind: a change outside a batch only marks it
dirty, and the store's background writer (see `writer`) later takes a `snapshot()` under the
store lock and writes it with `write_snapshot()` outside that lock. Every change bumps a
generation number and every write records the generation it holds, so an older snapshot can
never overwrite a newer save, whichever thread finishes first.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from vrlearn.atomic_file import fsync_folder_if_possible as fsync_dir
from vrlearn.atomic_file import unique_tag

from .errors import RecordsWriteError, describe_os_error

__all__ = [
    "AtomicJSONStorage",
    "DamagedFileError",
    "TEMP_MARKER",
    "atomic_write_bytes",
    "backup_path_for",
    "decode_tinydb",
    "decode_or_empty",
    "encode_tinydb",
    "ensure_dir",
    "fsync_dir",
]

log = logging.getLogger(__name__)

TinyData = dict[str, dict[str, Any]]

#: Part of every temporary file name (`.NAME.tmp-PID-RANDOM`), so stale ones can be found.
TEMP_MARKER = ".tmp-"

_O_BINARY: int = getattr(os, "O_BINARY", 0)


class DamagedFileError(ValueError):
    """A records file did not parse; the message is a plain-words reason."""


def encode_tinydb(data: TinyData) -> bytes:
    """The bytes written for a TinyDB state (compact, ASCII-only JSON)."""
    return json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def decode_tinydb(raw: bytes) -> TinyData:
    """Parse and shape-check a TinyDB file; raise DamagedFileError with a plain reason if bad."""
    if not raw.strip():
        raise DamagedFileError("the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DamagedFileError(
            f"it contains bytes that are not text (at byte {exc.start})"
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DamagedFileError(
            f"it is not complete, valid JSON ({exc.msg}; line {exc.lineno}, column {exc.colno})"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise DamagedFileError(f"it is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise DamagedFileError(f"it holds {_kind(data)} where a JSON object of tables was expected")
    for table_name, table in data.items():
        if not isinstance(table, dict):
            raise DamagedFileError(f"its table {table_name!r} is {_kind(table)}, not an object")
        for doc_id, doc in table.items():
            if not doc_id.isdigit():
                raise DamagedFileError(f"its table {table_name!r} has a bad record id {doc_id!r}")
            if not isinstance(doc, dict):
                raise DamagedFileError(
                    f"record {doc_id} of table {table_name!r} is {_kind(doc)}, not an object"
                )
    return data


def decode_or_empty(raw: bytes) -> TinyData:
    """Like `decode_tinydb`, but no bytes at all (a file not created yet) is an empty state."""
    return decode_tinydb(raw) if raw else {}


def _kind(value: object) -> str:
    kinds = {
        list: "a list",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "true/false",
    }
    if value is None:
        return "null"
    return kinds.get(type(value), type(value).__name__)


def ensure_dir(folder: Path, root: Path) -> None:
    """Create `folder` (below `root`) and any missing parents, durably (fsyncing each parent).

    Raises RecordsWriteError naming the folder when that fails.
    """
    if folder.is_dir():
        return
    missing: list[Path] = []
    current = folder
    while current != root and current != current.parent and not current.is_dir():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            if not path.is_dir():
                raise RecordsWriteError(
                    f"Could not create the records folder {path}: a file is in the way."
                ) from None
        except OSError as exc:
            raise RecordsWriteError(
                f"Could not create the records folder {path}: {describe_os_error(exc)}. "
                "The records saved before are unchanged."
            ) from exc
        fsync_dir(path.parent)


def backup_path_for(path: Path) -> Path:
    """Where the last good copy of `path` is kept: `NAME.json.bak` beside it."""
    return path.with_name(path.name + ".bak")


def _replace(source: str, target: Path) -> None:
    # On Windows a virus scanner or indexer briefly holding the target makes os.replace fail
    # with PermissionError; a few short retries ride that out.
    attempts = 5 if os.name == "nt" else 1
    for attempt in range(attempts):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def atomic_write_bytes(path: Path, payload: bytes, *, what: str = "records") -> None:
    """Replace `path` with `payload` atomically (temp file, fsync, os.replace, fsync folder).

    On failure raises RecordsWriteError naming the file and the reason in plain words; the
    temporary file is removed and `path` is left exactly as it was.
    """
    folder = path.parent
    temp = folder / f".{path.name}{TEMP_MARKER}{unique_tag()}"
    fd = -1
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o644)
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        _replace(str(temp), path)
    except OSError as exc:
        if fd >= 0:
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        except OSError as cleanup_exc:
            log.warning("Could not remove temporary file %s: %s", temp, cleanup_exc)
        raise RecordsWriteError(
            f"Could not save the {what} to {path}: {describe_os_error(exc)}. "
            "The records saved before are unchanged."
        ) from exc
    fsync_dir(folder)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that keeps its data in memory and saves it with atomic replaces.

    It is built from data that has already been read and checked (see `recovery`), so it never
    reads the file itself. `raw` must be the exact bytes currently in the file at `path`, or
    b"" when the file does not exist yet (it is created by the first save).

    Threads: everything but `write_snapshot` runs under the store lock; the file itself is only
    ever written under `io_lock`, which is never held while waiting for the store lock.
    """

    def __init__(
        self,
        path: Path,
        data: TinyData,
        raw: bytes,
        *,
        what: str = "records",
        backup_raw: bytes | None = None,
        deferred: bool = False,
        root: Path | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        self.what = what
        self.deferred = deferred
        self.root = root if root is not None else path.parent
        self.io_lock = threading.Lock()
        self._data: TinyData = data
        self._raw = raw
        self._backup_raw = backup_raw  # bytes known to be in the .bak file, if any
        self._batch_depth = 0
        self._batch_generation = 0
        self._restore_point: bytes | None = None
        self._generation = 0  # bumped by every change
        self._saved_generation = 0  # the generation whose data is in the file
        self.dirty_since: float | None = None  # time.monotonic() of the oldest unsaved change
        self.saves = 0  # how many times the file was written (for tests and measurements)

    @property
    def raw(self) -> bytes:
        """The bytes last known to be in the file (b"" before it was first created)."""
        return self._raw

    @property
    def dirty(self) -> bool:
        """True while the data in memory holds changes that are not in the file yet."""
        return self._generation != self._saved_generation

    @property
    def backup_path(self) -> Path:
        return backup_path_for(self.path)

    def refresh_backup(self) -> bool:
        """Copy the current good state to the .bak file. Best effort: False if that failed."""
        if self.dirty or not self._raw:
            return False  # only ever copy a state that is on disk
        if self._backup_raw == self._raw:
            return True
        raw = self._raw
        try:
            atomic_write_bytes(self.backup_path, raw, what=f"copy of the {self.what}")
        except RecordsWriteError as exc:
            log.warning("Could not refresh the last good copy: %s", exc)
            return False
        self._backup_raw = raw
        return True

    def read(self) -> TinyData:
        # No copy: TinyDB mutates what it read only right before calling write(); if that write
        # fails, _revert() rebuilds the data from the bytes on disk (or the batch's start).
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._data = data
        if not self.dirty:
            self.dirty_since = time.monotonic()
        self._generation += 1
        if self._batch_depth or self.deferred:
            return
        self._save()

    def _save(self) -> None:
        try:
            self._write(encode_tinydb(self._data), self._generation)
        except BaseException:
            self._revert()
            raise

    def _write(self, payload: bytes, generation: int) -> None:
        with self.io_lock:
            if generation < self._saved_generation:
                return  # a newer state is already in the file
            if payload != self._raw:
                ensure_dir(self.path.parent, self.root)
                atomic_write_bytes(self.path, payload, what=self.what)
                self.saves += 1
            self._raw = payload
            self._saved_generation = max(self._saved_generation, generation)
            if not self.dirty:
                self.dirty_since = None

    def snapshot(self) -> tuple[bytes, int] | None:
        """For the background writer, under the store lock: (bytes to write, generation) or None."""
        if not self.dirty or self._batch_depth:
            return None
        return encode_tinydb(self._data), self._generation

    def write_snapshot(self, payload: bytes, generation: int) -> None:
        """Write a snapshot outside the store lock. RecordsWriteError if it fails (data kept)."""
        self._write(payload, generation)

    def _revert(self) -> None:
        if self._restore_point is not None:  # unsaved changes from before the batch: keep them
            self._data = decode_or_empty(self._restore_point)
            self._generation += 1
        else:
            self._data = decode_or_empty(self._raw)
            self._generation = self._saved_generation
            self.dirty_since = None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group the writes made inside into one save at the end, even for a deferred storage.

        If the block raises, or the final save fails, every change made inside is dropped (and
        changes from before the block that were still waiting to be written are kept), so
        memory still matches the file plus what was waiting.
        """
        if self._batch_depth == 0:
            self._restore_point = encode_tinydb(self._data) if self.dirty else None
            self._batch_generation = self._generation
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                if self._generation != self._batch_generation:
                    self._revert()
                self._restore_point = None
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0:
            try:
                if self.dirty:
                    self._save()
            finally:
                self._restore_point = None

    def close(self) -> None:
        """Nothing to do: the store flushes deferred changes before closing its files."""
