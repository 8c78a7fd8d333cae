"""Reading a records folder at open: the version check first, then the repairs.

Everything is read before anything is changed, so records from a newer version of the app are
refused untouched. Then each fixed file is settled (see `recovery.settle_file`): data files
first, store.json last, because store.json marks a complete store. Progress and attempts files
are settled later, when first used (see `files`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import migrations
from .errors import RecordsError
from .files import remove_stale_shard_temp_files, shard_files_on_disk
from .layout import (
    CERTIFICATES,
    DATA_FILES,
    LEARNERS,
    LEGACY_PROGRESS,
    META_DOC_ID,
    META_TABLE,
    STORE,
    FileSpec,
)
from .recovery import (
    Inspection,
    SettledFile,
    ensure_writable_dir,
    inspect_file,
    meta_problem,
    remove_stale_temp_files,
    settle_file,
)
from .restore_journal import finish_interrupted_restore
from .storage import TinyData

__all__ = ["OpenedFiles", "new_meta", "new_store_id", "read_and_settle", "utc_now"]

#: Records versions before this one kept all progress in progress.json.
SHARDED_SINCE = 2
#: Records versions before this one had no certificates.json.
CERTIFICATES_SINCE = 3

_EMPTY_WORDS = {
    LEARNERS.name: "no learner profiles",
    CERTIFICATES.name: "no certificates",
    LEGACY_PROGRESS.name: "no progress records",
}


def utc_now() -> str:
    """The current time as an ISO 8601 UTC time stamp, e.g. 2025-01-31T09:15:02+00:00."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_store_id() -> str:
    """A random id for a records store (kept in store.json and in backups)."""
    return os.urandom(16).hex()


def new_meta(schema_version: int) -> TinyData:
    return {
        META_TABLE: {
            str(META_DOC_ID): {
                "schema_version": schema_version,
                "created": utc_now(),
                "store_id": new_store_id(),
                "files": [spec.name for spec in DATA_FILES],
            }
        }
    }


@dataclass(frozen=True)
class OpenedFiles:
    """The fixed files of a store after repair, and what was learned while reading them."""

    settled: dict[str, SettledFile]  # by file name; includes progress.json for version 1
    specs: tuple[FileSpec, ...]  # the fixed files, store.json first
    version: int  # the records version on disk (before any update)
    notices: list[str]


def read_and_settle(folder: Path) -> OpenedFiles:
    """Check the folder, read every fixed file, refuse newer records, then repair.

    Raises RecordsError (or RecordsWriteError when a repair cannot be saved); repairs made
    before such a failure are named in its message.
    """
    restored = finish_interrupted_restore(folder)
    ensure_writable_dir(folder)
    remove_stale_temp_files(folder)
    remove_stale_shard_temp_files(folder)

    store_insp = inspect_file(folder, STORE, meta_problem)
    meta = _meta_of(store_insp)
    version = meta["schema_version"] if meta else None
    if version is not None and version > migrations.SCHEMA_VERSION:
        raise RecordsError(
            f"The records in {folder} were saved by a newer version of VR Learn (records "
            f"version {version}; this version understands up to "
            f"{migrations.SCHEMA_VERSION}). Please update VR Learn. "
            "The records were not changed."
        )
    legacy = inspect_file(folder, LEGACY_PROGRESS)
    has_legacy = legacy.main.state != "missing" or legacy.backup.state != "missing"
    if version is None:
        # store.json is lost: a progress.json means the records were still version 1.
        version = 1 if has_legacy else migrations.SCHEMA_VERSION
    data_insps = [inspect_file(folder, spec) for spec in DATA_FILES]
    if version < SHARDED_SINCE:
        data_insps.append(legacy)
    fresh = _is_new_store(store_insp, data_insps) and not shard_files_on_disk(folder)
    default_names = [
        insp.spec.name
        for insp in data_insps
        if insp.spec.name != CERTIFICATES.name or version >= CERTIFICATES_SINCE
    ]
    listed = set(meta.get("files", default_names) if meta else default_names)

    notices: list[str] = [restored] if restored else []
    try:
        settled = _settle_all(store_insp, data_insps, version, fresh, listed, notices)
    except RecordsError as exc:
        if not notices:
            raise
        # Repairs made before the failure will not be found again: tell about them now.
        raise type(exc)(f"{exc} Before that: {' '.join(notices)}") from exc
    specs = (STORE, *(insp.spec for insp in data_insps))
    return OpenedFiles(settled, specs, version, notices)


def _meta_of(insp: Inspection) -> dict[str, Any] | None:
    for copy in (insp.main, insp.backup):
        if copy.ok and copy.data is not None:
            meta: dict[str, Any] = copy.data[META_TABLE][str(META_DOC_ID)]
            return meta
    return None


def _settle_all(
    store_insp: Inspection,
    data_insps: list[Inspection],
    version: int,
    fresh: bool,
    listed: set[str],
    notices: list[str],
) -> dict[str, SettledFile]:
    settled: dict[str, SettledFile] = {}
    for insp in data_insps:  # data files first: store.json marks a complete store
        settled[insp.spec.name] = settle_file(
            insp,
            empty={},
            empty_words=_EMPTY_WORDS.get(insp.spec.name, f"empty {insp.spec.label}"),
            expected=not fresh and insp.spec.name in listed,
            notices=notices,
        )
    settled[STORE.name] = settle_file(
        store_insp,
        empty=new_meta(version),
        empty_words=(
            f"new records information, assuming the records are version {version} "
            "(the learner and progress files were kept)"
        ),
        expected=not fresh,
        notices=notices,
    )
    return settled


def _is_new_store(store: Inspection, data: list[Inspection]) -> bool:
    """True for a new store, or one whose creation was cut short before any record was saved.

    store.json is written last when a store is created, so without it (and its copy) the store
    is new unless a data file holds records or is damaged (then records may have been lost).
    """
    if store.main.state != "missing" or store.backup.state != "missing":
        return False
    for insp in data:
        for copy in (insp.main, insp.backup):
            if copy.state == "damaged" or (copy.data and any(copy.data.values())):
                return False
    return True
