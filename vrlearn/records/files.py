"""The open files of one store: fixed files loaded at open, per-learner files loaded on first use.

Progress and attempts live in many small files (see `layout`). Reading all of them at start-up
would make opening slower as the records grow, so a file is read, checked and repaired (see
`recovery`) the first time it is needed; a repair made then is added to the store's notices.
Every method here expects the caller to hold the store lock.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tinydb import TinyDB

from .layout import ATTEMPTS_DIR, PROGRESS_DIR, FileSpec, is_shard_path
from .recovery import SettledFile, inspect_file, remove_stale_temp_files, settle_file
from .storage import AtomicJSONStorage

__all__ = ["FileSet", "shard_files_on_disk", "remove_stale_shard_temp_files"]

log = logging.getLogger(__name__)

_EMPTY_WORDS = {
    PROGRESS_DIR: "no progress records for that learner",
    ATTEMPTS_DIR: "no quiz attempts for that quiz",
}


class FileSet:
    """TinyDB databases by file path (relative to the records folder, "/"-separated)."""

    def __init__(self, root: Path, notices: list[str]) -> None:
        self.root = root
        self.notices = notices
        self.storages: dict[str, AtomicJSONStorage] = {}
        self._dbs: dict[str, TinyDB] = {}

    def add(self, spec: FileSpec, settled: SettledFile, *, deferred: bool = False) -> TinyDB:
        """Wire up a file that has already been read and settled."""
        storage = AtomicJSONStorage(
            self.root / spec.name,
            settled.data,
            settled.raw,
            what=spec.label,
            backup_raw=settled.backup_raw,
            deferred=deferred,
            root=self.root,
        )
        self.storages[spec.name] = storage
        db = TinyDB(storage=lambda: storage)
        self._dbs[spec.name] = db
        return db

    def load(self, spec: FileSpec, *, deferred: bool) -> TinyDB:
        """The database of a progress or attempts file, reading and repairing it on first use."""
        db = self._dbs.get(spec.name)
        if db is not None:
            return db
        inspection = inspect_file(self.root, spec)
        settled = settle_file(
            inspection,
            empty={},
            empty_words=_EMPTY_WORDS.get(spec.name.split("/", 1)[0], f"no {spec.label}"),
            expected=False,
            notices=self.notices,
            create=False,
        )
        return self.add(spec, settled, deferred=deferred)

    def db(self, name: str) -> TinyDB:
        """A file's database by path; progress and attempts files are loaded if needed."""
        db = self._dbs.get(name)
        if db is not None:
            return db
        if is_shard_path(name):
            return self.load(FileSpec(name, _label_of(name)), deferred=True)
        raise KeyError(f"No records file named {name!r}")

    def storage(self, name: str) -> AtomicJSONStorage:
        self.db(name)
        return self.storages[name]

    def dirty(self) -> list[AtomicJSONStorage]:
        return [storage for storage in self.storages.values() if storage.dirty]

    def forget(self, name: str) -> None:
        """Drop a file from the set (after it was removed from disk)."""
        self.storages.pop(name, None)
        self._dbs.pop(name, None)

    @contextmanager
    def batch(self, name: str) -> Iterator[None]:
        """Save one file once, at the end of the block (all or nothing)."""
        db = self.db(name)
        try:
            with self.storages[name].batch():
                yield
        except BaseException:
            # The storage went back to its state before the block; drop cached query results.
            for table in db._tables.values():
                table.clear_cache()
            raise

    def close(self) -> None:
        for db in self._dbs.values():
            db.close()


def _label_of(name: str) -> str:
    return "progress records" if name.startswith(f"{PROGRESS_DIR}/") else "quiz attempts"


def shard_files_on_disk(root: Path) -> list[str]:
    """Paths of every progress and attempts file in a records folder, sorted."""
    found: list[str] = []
    for rel in _walk(root, PROGRESS_DIR, depth=1) + _walk(root, ATTEMPTS_DIR, depth=2):
        if is_shard_path(rel):
            found.append(rel)
    return sorted(found)


def _walk(root: Path, top: str, depth: int) -> list[str]:
    out: list[str] = []
    try:
        entries = list(os.scandir(root / top))
    except OSError:
        return out
    for entry in entries:
        rel = f"{top}/{entry.name}"
        try:
            if entry.is_dir(follow_symlinks=False):
                if depth > 1:
                    out += _walk(root, rel, depth - 1)
            elif entry.is_file(follow_symlinks=False) and depth == 1:
                out.append(rel)
        except OSError as exc:
            log.warning("Could not look at %s: %s", entry.path, exc)
    return out


def remove_stale_shard_temp_files(root: Path) -> None:
    """Remove temporary files left by a crash in the progress and attempts folders."""
    folders = [root / PROGRESS_DIR, root / ATTEMPTS_DIR]
    try:
        folders += [Path(e.path) for e in os.scandir(root / ATTEMPTS_DIR) if e.is_dir()]
    except OSError:
        pass
    for folder in folders:
        if folder.is_dir():
            remove_stale_temp_files(folder)
